/*
 * String functions where cel-js departs from cel-go's strings extension:
 * lowerAscii/upperAscii change only ASCII letters, and trim() removes the
 * whitespace Go's unicode.IsSpace knows, not JavaScript's set.
 */
import { EvaluationError } from '@marcbachmann/cel-js';

function stringArgument(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  throw new EvaluationError(`no such overload: ${name}() needs a string`);
}

export function lowerAscii(value: unknown): string {
  return stringArgument(value, 'lowerAscii').replace(/[A-Z]+/g, s =>
    s.toLowerCase(),
  );
}

export function upperAscii(value: unknown): string {
  return stringArgument(value, 'upperAscii').replace(/[a-z]+/g, s =>
    s.toUpperCase(),
  );
}

// Go's unicode.IsSpace: ASCII space characters, U+0085, U+00A0 and the
// Unicode space separators (category Zs) plus U+2028 and U+2029.
const GO_SPACE =
  '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LEADING = new RegExp(`^${GO_SPACE}+`);
const TRAILING = new RegExp(`${GO_SPACE}+$`);

export function trim(value: unknown): string {
  return stringArgument(value, 'trim')
    .replace(LEADING, '')
    .replace(TRAILING, '');
}
