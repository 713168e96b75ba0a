import { Environment, EvaluationError } from '@marcbachmann/cel-js';
import {
  chargeRegex,
  compileRegex,
  findAll,
  findFirst,
  testRegex,
} from '../regex';

const SYNC = { async: false };

/** The compiled pattern, its cost charged; an invalid one is an evaluation error. */
function regex(text: string, pattern: string) {
  let re;
  try {
    re = compileRegex(pattern);
  } catch (error) {
    throw new EvaluationError((error as Error).message);
  }
  chargeRegex(text, pattern);
  return re;
}

/**
 * `string.matches(pattern)` on the same RE2 engine and compiled-pattern
 * cache as find/findAll. cel-js' own matches() builds a JavaScript RegExp,
 * which backtracks; compileCel routes matches() calls here instead (see
 * instrument.ts).
 */
export function matches(text: unknown, pattern: unknown): boolean {
  if (typeof text !== 'string' || typeof pattern !== 'string') {
    throw new EvaluationError(
      'no such overload: matches() needs a string and a string pattern',
    );
  }
  return testRegex(regex(text, pattern), text);
}

/**
 * Kubernetes' regex library (k8s.io/apiserver/pkg/cel/library/regex.go):
 * find and findAll.
 */
export function registerRegexLibrary(env: Environment): void {
  env.registerFunction(
    'string.find(string): string',
    (text: string, pattern: string) => findFirst(regex(text, pattern), text),
    SYNC,
  );
  env.registerFunction(
    'string.findAll(string): list<string>',
    (text: string, pattern: string) => findAll(regex(text, pattern), text, -1),
    SYNC,
  );
  env.registerFunction(
    'string.findAll(string, int): list<string>',
    (text: string, pattern: string, limit: bigint) =>
      findAll(regex(text, pattern), text, Number(limit)),
    SYNC,
  );
}
