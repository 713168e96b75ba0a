import { Environment, EvaluationError } from '@marcbachmann/cel-js';
import { compileRegex, findAll, findFirst } from '../regex';

const SYNC = { async: false };

function regex(pattern: string): RegExp {
  try {
    return compileRegex(pattern);
  } catch (error) {
    throw new EvaluationError((error as Error).message);
  }
}

/**
 * `string.matches(pattern)` with the same RE2 handling and compiled-pattern
 * cache as find/findAll. cel-js' own matches() builds a plain RegExp on every
 * call; compileCel routes matches() calls here instead (see instrument.ts).
 */
export function matches(text: unknown, pattern: unknown): boolean {
  if (typeof text !== 'string' || typeof pattern !== 'string') {
    throw new EvaluationError(
      'no such overload: matches() needs a string and a string pattern',
    );
  }
  const re = regex(pattern);
  re.lastIndex = 0;
  return re.test(text);
}

/**
 * Kubernetes' regex library (k8s.io/apiserver/pkg/cel/library/regex.go):
 * find and findAll.
 */
export function registerRegexLibrary(env: Environment): void {
  env.registerFunction(
    'string.find(string): string',
    (text: string, pattern: string) => findFirst(regex(pattern), text),
    SYNC,
  );
  env.registerFunction(
    'string.findAll(string): list<string>',
    (text: string, pattern: string) => findAll(regex(pattern), text, -1),
    SYNC,
  );
  env.registerFunction(
    'string.findAll(string, int): list<string>',
    (text: string, pattern: string, limit: bigint) =>
      findAll(regex(pattern), text, Number(limit)),
    SYNC,
  );
}
