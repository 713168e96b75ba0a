/** A root identifier in a CEL expression (not a field selection like `.object`). */
interface IdentifierToken {
  start: number;
  end: number;
  name: string;
}

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;

/** The end of the string literal starting at `start` (after any r/b prefix). */
function skipString(text: string, start: number): number {
  let i = start;
  let raw = false;
  while (/[rRbB]/.test(text[i])) {
    raw = raw || text[i] === 'r' || text[i] === 'R';
    i++;
  }
  const quote = text[i];
  const triple = text.startsWith(quote.repeat(3), i);
  const closing = triple ? quote.repeat(3) : quote;
  i += closing.length;
  while (i < text.length) {
    if (!raw && text[i] === '\\') {
      i += 2;
    } else if (text.startsWith(closing, i)) {
      return i + closing.length;
    } else {
      i++;
    }
  }
  return text.length;
}

function isStringStart(text: string, i: number): boolean {
  let j = i;
  while (j < i + 2 && /[rRbB]/.test(text[j] ?? '')) j++;
  return (
    (text[j] === '"' || text[j] === "'") &&
    (j === i || !IDENTIFIER_PART.test(text[i - 1] ?? ''))
  );
}

/**
 * Root identifiers of a CEL expression, skipping string literals, numbers
 * and field selections (`a.object` does not yield `object`).
 */
export function rootIdentifiers(expression: string): IdentifierToken[] {
  const tokens: IdentifierToken[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i];
    if (isStringStart(expression, i)) {
      i = skipString(expression, i);
    } else if (/[0-9]/.test(c)) {
      while (i < expression.length && /[0-9A-Za-z_.]/.test(expression[i])) i++;
    } else if (IDENTIFIER_START.test(c)) {
      const start = i;
      while (i < expression.length && IDENTIFIER_PART.test(expression[i])) i++;
      let before = start - 1;
      while (before >= 0 && /\s/.test(expression[before])) before--;
      if (expression[before] === '?') before--;
      if (expression[before] !== '.') {
        tokens.push({ start, end: i, name: expression.slice(start, i) });
      }
    } else {
      i++;
    }
  }
  return tokens;
}

/** Whether the expression refers to a root identifier. */
export function usesIdentifier(expression: string, name: string): boolean {
  return rootIdentifiers(expression).some(token => token.name === name);
}

/** Whether the expression selects `field` of the root identifier `root` (`object.status`, `object.?status`). */
export function selectsRootField(
  expression: string,
  root: string,
  field: string,
): boolean {
  const after = new RegExp(`^\\s*\\.\\??\\s*${field}(?![A-Za-z0-9_])`);
  return rootIdentifiers(expression).some(
    token => token.name === root && after.test(expression.slice(token.end)),
  );
}

/** Replaces root identifiers, e.g. `object` with `variables.guardrailsPod`. */
export function replaceIdentifiers(
  expression: string,
  replacements: Readonly<Record<string, string>>,
): string {
  let result = '';
  let last = 0;
  for (const token of rootIdentifiers(expression)) {
    if (Object.prototype.hasOwnProperty.call(replacements, token.name)) {
      result += expression.slice(last, token.start) + replacements[token.name];
      last = token.end;
    }
  }
  return result + expression.slice(last);
}

/** Whether a macro binds one of `names` as its loop variable, e.g. `.all(object, ...)`. */
export function bindsLoopVariable(
  expression: string,
  names: readonly string[],
): boolean {
  const pattern = new RegExp(
    `\\.\\s*(?:all|exists|exists_one|map|filter)\\s*\\(\\s*(?:${names.join(
      '|',
    )})\\s*,`,
  );
  return pattern.test(expression);
}

function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'int' : 'double';
  if (Array.isArray(value)) return `list<${uniformType(value)}>`;
  if (typeof value === 'object')
    return `map<${uniformType(Object.values(value))}>`;
  return typeof value;
}

/** The common type of some values, or `dyn` when they differ (or there are none). */
function uniformType(values: unknown[]): string {
  const types = new Set(values.map(typeOf));
  return types.size === 1 ? [...types][0] : 'dyn';
}

/**
 * A CEL literal for a JSON value: integral numbers become ints; elements of
 * lists and maps whose types differ are wrapped in `dyn()` so that strict
 * type checkers accept them.
 */
export function celLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} has no CEL literal`);
    return String(value);
  }
  const items = Array.isArray(value) ? value : Object.values(value as object);
  const wrap = (item: unknown) =>
    uniformType(items) === 'dyn'
      ? `dyn(${celLiteral(item)})`
      : celLiteral(item);
  if (Array.isArray(value)) {
    return `[${value.map(wrap).join(', ')}]`;
  }
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${JSON.stringify(key)}: ${wrap(item)}`)
      .join(', ')}}`;
  }
  throw new Error(`${typeof value} has no CEL literal`);
}
