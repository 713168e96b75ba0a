import { Environment, EvaluationError } from '@marcbachmann/cel-js';
import {
  Semver,
  SemverError,
  parseSemver,
  parseSemverNormalized,
} from './semver';

const SYNC = { async: false };

function toSemver(text: string, normalize = false): Semver {
  try {
    return normalize ? parseSemverNormalized(text) : parseSemver(text);
  } catch (error) {
    if (error instanceof SemverError) throw new EvaluationError(error.message);
    throw error;
  }
}

function isSemver(text: string, normalize = false): boolean {
  try {
    toSemver(text, normalize);
    return true;
  } catch {
    return false;
  }
}

/** Kubernetes' semver library (k8s.io/apiserver/pkg/cel/library/semverlib.go, version 1). */
export function registerSemverLibrary(env: Environment): void {
  const S = Semver.celTypeName;
  env.registerType(S, { ctor: Semver, fields: {} });
  env.registerOperator(`${S} == ${S}`, (a: Semver, b: Semver) => a.equals(b));
  env.registerFunction(
    `semver(string): ${S}`,
    (t: string) => toSemver(t),
    SYNC,
  );
  env.registerFunction(`semver(string, bool): ${S}`, toSemver, SYNC);
  env.registerFunction(
    'isSemver(string): bool',
    (t: string) => isSemver(t),
    SYNC,
  );
  env.registerFunction('isSemver(string, bool): bool', isSemver, SYNC);
  const compare = (a: Semver, b: Semver) => a.compare(b);
  env.registerFunction(
    `${S}.isLessThan(${S}): bool`,
    (a: Semver, b: Semver) => compare(a, b) < 0,
    SYNC,
  );
  env.registerFunction(
    `${S}.isGreaterThan(${S}): bool`,
    (a: Semver, b: Semver) => compare(a, b) > 0,
    SYNC,
  );
  env.registerFunction(
    `${S}.compareTo(${S}): int`,
    (a: Semver, b: Semver) => BigInt(compare(a, b)),
    SYNC,
  );
  for (const part of ['major', 'minor', 'patch'] as const) {
    env.registerFunction(`${S}.${part}(): int`, (v: Semver) => v[part], SYNC);
  }
}
