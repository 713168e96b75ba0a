/*
 * Regular expressions for CEL's regex functions. CEL (like Kubernetes) uses
 * RE2 syntax; JavaScript's RegExp accepts nearly all of it. The few RE2
 * spellings JavaScript lacks are rewritten here: leading inline flags such as
 * `(?i)`, named groups `(?P<name>...)`, and the `\A` / `\z` anchors.
 */

const FLAG_PREFIX = /^\(\?([imsU]+)\)/;
const MAX_CACHED = 512;
const cache = new Map<string, RegExp>();

function translate(pattern: string): RegExp {
  let source = pattern;
  let flags = '';
  const prefix = FLAG_PREFIX.exec(source);
  if (prefix) {
    if (prefix[1].includes('U')) {
      throw new Error('the ungreedy flag (?U) is not supported');
    }
    flags = [...new Set(prefix[1])].join('');
    source = source.slice(prefix[0].length);
  }
  return new RegExp(rewriteRe2Syntax(source), `${flags}g`);
}

/** Rewrites `(?P<name>`, `\A` and `\z`, leaving escaped characters untouched. */
function rewriteRe2Syntax(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[++i];
      if (next === 'A') out += '(?<![\\s\\S])';
      else if (next === 'z') out += '(?![\\s\\S])';
      else out += ch + next;
    } else if (source.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * Compiles (once; results are cached) a CEL regular expression to a global
 * JavaScript RegExp. Throws an Error describing an invalid pattern.
 */
export function compileRegex(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    try {
      re = translate(pattern);
    } catch (error) {
      throw new Error(
        `invalid regular expression '${pattern}': ${(error as Error).message}`,
      );
    }
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

/** First match of `re` in `text`, or '' when there is none (Go's FindString). */
export function findFirst(re: RegExp, text: string): string {
  re.lastIndex = 0;
  const match = re.exec(text);
  return match ? match[0] : '';
}

/**
 * Successive non-overlapping matches, at most `limit` (all when negative),
 * with Go's FindAllString rule that an empty match right after the previous
 * match is skipped.
 */
export function findAll(re: RegExp, text: string, limit: number): string[] {
  const max = limit < 0 ? text.length + 1 : limit;
  const out: string[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (out.length < max && pos <= text.length) {
    re.lastIndex = pos;
    const match = re.exec(text);
    if (!match) break;
    const start = match.index;
    const end = start + match[0].length;
    let accept = true;
    if (end === pos) {
      // Empty match at the current position: step over one character.
      if (start === prevEnd) accept = false;
      const code = text.codePointAt(pos);
      pos += code !== undefined && code > 0xffff ? 2 : 1;
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) out.push(match[0]);
  }
  return out;
}
