import {
  GuardrailResult,
  isEnforcingLevel,
  RESULT_STATUSES,
  ResultSummary,
} from '@guardrails-dev/plugin-guardrails-common';

/** Counts results by status; every status is present, zero when absent. @public */
export function summarize(
  results: ReadonlyArray<Pick<GuardrailResult, 'result'>>,
): ResultSummary {
  const summary = Object.fromEntries(
    RESULT_STATUSES.map(status => [status, 0]),
  ) as ResultSummary;
  for (const { result } of results) {
    summary[result]++;
  }
  return summary;
}

/** Whether a result is a violation (`fail` or `warn`). @public */
export function isViolation(result: Pick<GuardrailResult, 'result'>): boolean {
  return result.result === 'fail' || result.result === 'warn';
}

/**
 * Whether any result stops work: a `fail`, or an `error` of a guardrail at
 * `block` or `auto-correct` (an enforcing guardrail that cannot be evaluated
 * fails closed, as in admission with failurePolicy Fail).
 * @public
 */
export function hasBlocking(
  results: ReadonlyArray<Pick<GuardrailResult, 'result' | 'level'>>,
): boolean {
  return results.some(
    r =>
      r.result === 'fail' ||
      (r.result === 'error' && isEnforcingLevel(r.level)),
  );
}
