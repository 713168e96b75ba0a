/*
 * Optional elements of list and map literals, [?x] and {?k: v}, which the
 * cel-js parser does not accept. Before parsing, each marking '?' is
 * replaced by a space (so every position in error messages stays right) and
 * remembered; after parsing, the literal's node skips absent optionals.
 */

import { EvaluationError, Optional } from '@marcbachmann/cel-js';
import type { CelType, Checker, Evaluator } from './celInternals';
import type { AstNode } from './instrument';

/** Marked literals: the offset of their '[' or '{' → the indices of optional elements or entries. */
export type OptionalMarks = Map<number, Set<number>>;

interface Context {
  kind: 'list' | 'map' | 'other';
  start: number;
  index: number;
  atStart: boolean;
}

const OPERAND_END = /[A-Za-z0-9_)\]}'"]/;

/** Whether the '[' at `i` indexes the operand before it (a[0]) rather than opening a list. */
function afterOperand(text: string, i: number, previous: string): boolean {
  if (!OPERAND_END.test(previous)) return false;
  return !/(^|[^A-Za-z0-9_])in$/.test(text.slice(0, i).trimEnd());
}

function skipString(text: string, i: number): number {
  const quote = text[i];
  const triple = text.startsWith(quote.repeat(3), i);
  const raw =
    /[rR]/.test(text[i - 1] ?? '') && !/[A-Za-z0-9_]/.test(text[i - 2] ?? '');
  let j = i + (triple ? 3 : 1);
  while (j < text.length) {
    if (!raw && text[j] === '\\') {
      j += 2;
      continue;
    }
    if (triple ? text.startsWith(quote.repeat(3), j) : text[j] === quote) {
      return j + (triple ? 3 : 1);
    }
    j++;
  }
  return j;
}

/** The expression with optional markers blanked out, and where they were. */
export function blankOptionalMarkers(text: string): {
  text: string;
  marks: OptionalMarks;
} {
  const marks: OptionalMarks = new Map();
  if (!text.includes('?')) return { text, marks };
  const chars = text.split('');
  const stack: Context[] = [];
  let previous = '';
  // Offsets below are UTF-16 offsets, as cel-js counts them.
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (c === '?' && top && top.kind !== 'other' && top.atStart) {
      (
        marks.get(top.start) ?? marks.set(top.start, new Set()).get(top.start)!
      ).add(top.index);
      chars[i] = ' ';
      top.atStart = false;
      continue;
    }
    if (top) top.atStart = false;
    if (c === '"' || c === "'") {
      i = skipString(text, i) - 1;
      previous = c;
      continue;
    }
    if (c === '[' || c === '{' || c === '(') {
      const literal =
        c === '{' || (c === '[' && !afterOperand(text, i, previous));
      let kind: Context['kind'] = c === '[' ? 'list' : 'map';
      if (!literal) kind = 'other';
      stack.push({ kind, start: i, index: 0, atStart: true });
    } else if (c === ']' || c === '}' || c === ')') {
      stack.pop();
    } else if (c === ',' && top && top.kind !== 'other') {
      top.index++;
      top.atStart = true;
    }
    previous = c;
  }
  // Characters were replaced one for one, so offsets are unchanged.
  return { text: marks.size ? chars.join('') : text, marks };
}

/** The indices of a literal's optional elements or entries, if it has any. */
export function optionalIndices(node: AstNode): Set<number> | undefined {
  return (node.meta as { optionalIndices?: Set<number> }).optionalIndices;
}

function joinTypes(chk: Checker, types: CelType[]): CelType {
  let joined: CelType | undefined;
  for (const type of types) {
    joined = joined
      ? joined.unify(chk.registry, type) ?? chk.getType('dyn')
      : type;
  }
  return joined ?? chk.getType('dyn');
}

/** The type an optional element contributes: the optional's value type. */
function unwrapped(chk: Checker, node: AstNode, ctx: unknown): CelType {
  const type = chk.check(node, ctx);
  if (type.kind === 'optional') return type.valueType!;
  if (type.kind === 'dyn') return type;
  throw chk.createError(
    'optional_expected',
    'an optional element must be optional',
    node,
  );
}

function checkList(chk: Checker, ast: AstNode, ctx: unknown): CelType {
  const marked = optionalIndices(ast)!;
  const types = (ast.args as AstNode[]).map((el, i) =>
    marked.has(i) ? unwrapped(chk, el, ctx) : chk.check(el, ctx),
  );
  return chk.registry.getListType(joinTypes(chk, types));
}

function checkMap(chk: Checker, ast: AstNode, ctx: unknown): CelType {
  const marked = optionalIndices(ast)!;
  const entries = ast.args as Array<[AstNode, AstNode]>;
  const keys = entries.map(([key]) => chk.check(key, ctx));
  const values = entries.map(([, value], i) =>
    marked.has(i) ? unwrapped(chk, value, ctx) : chk.check(value, ctx),
  );
  return chk.registry.getMapType(joinTypes(chk, keys), joinTypes(chk, values));
}

/** The value of an optional element: present (wrapped) or absent (undefined). */
export function optionalValue(value: unknown, node: AstNode): unknown {
  if (value instanceof Optional)
    return value.hasValue() ? value.value() : undefined;
  throw new EvaluationError(
    'an optional element must be optional',
    node as never,
  );
}

function evaluateList(ev: Evaluator, ast: AstNode, ctx: unknown): unknown[] {
  const marked = optionalIndices(ast)!;
  const out: unknown[] = [];
  (ast.args as AstNode[]).forEach((el, i) => {
    const value = ev.run(el, ctx);
    if (!marked.has(i)) out.push(value);
    else if ((value as Optional).hasValue?.() !== false)
      out.push(optionalValue(value, el));
  });
  return out;
}

/** Makes a marked literal node skip absent optionals (map evaluation is in mapLiteral.ts). */
export function markOptionalLiteral(node: AstNode, marks: OptionalMarks): void {
  const indices = marks.get(node.start);
  if (!indices || (node.op !== 'list' && node.op !== 'map')) return;
  node.setMeta('optionalIndices', indices);
  node.setMeta('check', node.op === 'list' ? checkList : checkMap);
  if (node.op === 'list') node.setMeta('evaluate', evaluateList);
}
