import { Environment, EvaluationError } from '@marcbachmann/cel-js';

const SYNC = { async: false };

/** Character at a code-point index; the index equal to the length gives '' (cel-go ext/strings). */
function charAt(text: string, index: bigint): string {
  const chars = Array.from(text);
  const i = Number(index);
  if (i < 0 || i > chars.length) {
    throw new EvaluationError(`index out of range: ${index}`);
  }
  return i === chars.length ? '' : chars[i];
}

/** Go's strings.Replace: at most `n` replacements, all of them when n < 0. */
function replace(text: string, from: string, to: string, n: bigint): string {
  if (n === 0n || from === to) return text;
  const limit = n < 0n ? Infinity : Number(n);
  let count = 0;
  if (from === '') {
    // An empty pattern matches before every character and at the end.
    const chars = Array.from(text);
    let out = '';
    for (let i = 0; i <= chars.length; i++) {
      if (count < limit) {
        out += to;
        count++;
      }
      if (i < chars.length) out += chars[i];
    }
    return out;
  }
  let out = '';
  let pos = 0;
  while (count < limit) {
    const at = text.indexOf(from, pos);
    if (at < 0) break;
    out += text.slice(pos, at) + to;
    pos = at + from.length;
    count++;
  }
  return out + text.slice(pos);
}

/**
 * The string extension functions Kubernetes enables (cel-go ext.Strings) that
 * cel-js does not already provide: charAt and replace. lowerAscii,
 * upperAscii, trim, split, join, substring, indexOf and lastIndexOf come
 * with cel-js.
 */
export function registerStringLibrary(env: Environment): void {
  env.registerFunction('string.charAt(int): string', charAt, SYNC);
  env.registerFunction(
    'string.replace(string, string): string',
    (text: string, from: string, to: string) => replace(text, from, to, -1n),
    SYNC,
  );
  env.registerFunction(
    'string.replace(string, string, int): string',
    replace,
    SYNC,
  );
}
