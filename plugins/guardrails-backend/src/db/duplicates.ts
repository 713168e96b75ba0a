import type { ResultStatus } from '@guardrails-dev/plugin-guardrails-common';

// When one object has several results for the same guardrail and source (a PolicyReport listing several rules
// of one policy), the most serious one stands: a violation must never be hidden by a pass.
const SERIOUSNESS: Record<ResultStatus, number> = {
  fail: 4,
  error: 3,
  warn: 2,
  skip: 1,
  pass: 0,
};

/** Keeps, per key, the most serious result; among equals, the first given. */
export function mostSerious<T extends { result: ResultStatus }>(
  items: T[],
  keyOf: (item: T) => string,
): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const previous = byKey.get(key);
    if (!previous || SERIOUSNESS[item.result] > SERIOUSNESS[previous.result]) {
      byKey.set(key, item);
    }
  }
  return byKey;
}
