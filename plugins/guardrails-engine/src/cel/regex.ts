/*
 * Regular expressions for CEL's regex functions. CEL (like Kubernetes) uses
 * RE2 syntax and semantics, so patterns run on re2js, a pure JavaScript port
 * of RE2: matching takes time linear in the input whatever the pattern (no
 * backtracking blow-up), and patterns RE2 rejects (backreferences,
 * lookarounds) are rejected here too. It runs in Node and in the browser.
 */
import { RE2JS } from 're2js';
import { charge } from './budget';

const MAX_CACHED = 512;
const cache = new Map<string, RE2JS>();

/**
 * Compiles (once; results are cached) a CEL regular expression with RE2's
 * Perl-like syntax, as Go's regexp.Compile does. Throws an Error describing
 * an invalid pattern.
 */
export function compileRegex(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (!re) {
    try {
      re = RE2JS.compile(pattern);
    } catch (error) {
      const reason = (error as Error).message.replace(
        /^error parsing regexp: /,
        '',
      );
      throw new Error(`invalid regular expression '${pattern}': ${reason}`);
    }
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

/**
 * Charges a regex call as cel-go does (StringTraversalCostFactor 0.1 times
 * RegexStringLengthCostFactor 0.25): matching is linear in the text for a
 * given pattern, and the pattern's size multiplies it.
 */
export function chargeRegex(text: string, pattern: string): void {
  charge(Math.ceil(text.length * 0.1 * (pattern.length * 0.25)));
}

/** Whether `re` matches anywhere in `text` (CEL's matches() is unanchored). */
export function testRegex(re: RE2JS, text: string): boolean {
  return re.test(text);
}

/** First match of `re` in `text`, or '' when there is none (Go's FindString). */
export function findFirst(re: RE2JS, text: string): string {
  const matcher = re.matcher(text);
  return matcher.find() ? matcher.group() ?? '' : '';
}

/**
 * Successive non-overlapping matches, at most `limit` (all when negative),
 * with Go's FindAllString rule that an empty match right after the previous
 * match is skipped.
 */
export function findAll(re: RE2JS, text: string, limit: number): string[] {
  const max = limit < 0 ? text.length + 1 : limit;
  const matcher = re.matcher(text);
  const out: string[] = [];
  let pos = 0;
  let prevEnd = -1;
  // find(pos) searches the whole text from pos, so anchors and \b see what
  // precedes pos, as in Go.
  while (out.length < max && pos <= text.length && matcher.find(pos)) {
    const start = matcher.start();
    const end = matcher.end();
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
    if (accept) out.push(matcher.group() ?? '');
  }
  return out;
}
