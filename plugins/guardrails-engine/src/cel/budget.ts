import { EvaluationError } from '@marcbachmann/cel-js';

/** Default per-evaluation budget, in cost units (roughly one unit per evaluated node). */
export const DEFAULT_COST_BUDGET = 1_000_000;

/** Work counter for one evaluation. */
export class CostMeter {
  used = 0;
  exceeded = false;

  constructor(readonly limit: number) {}
}

const UNMETERED = new CostMeter(Infinity);

// Evaluation is synchronous, so the meter of the evaluation in progress can
// live in a module variable; runMetered() saves and restores it so nested
// evaluations stay correct.
let active: CostMeter = UNMETERED;

export function budgetExceededMessage(limit: number): string {
  return `cost budget exceeded: the expression needed more than ${limit} cost units`;
}

/**
 * Adds work to the evaluation in progress and aborts it once over budget.
 * After the budget is exhausted every further charge throws at once, so even
 * when CEL's error-absorbing operators (`||`, `&&`, `all`, `exists`) swallow
 * the error, the remaining loop iterations end immediately.
 */
export function charge(units: number): void {
  const meter = active;
  meter.used += units;
  if (meter.used > meter.limit) {
    meter.exceeded = true;
    throw new EvaluationError(budgetExceededMessage(meter.limit));
  }
}

/** Cost of handling a value whose work grows with its size: strings per 16 characters, lists per element. */
export function sizeCost(value: unknown): number {
  if (typeof value === 'string') return value.length >>> 4;
  if (Array.isArray(value)) return value.length;
  if (value instanceof Uint8Array) return value.length >>> 4;
  return 0;
}

/** Outcome of a metered run: the meter plus either the value or what was thrown. */
export type MeteredRun<T> = { meter: CostMeter } & (
  | { threw: false; value: T }
  | { threw: true; error: unknown }
);

/** Runs `fn` with a fresh meter of `limit` units; never throws. */
export function runMetered<T>(limit: number, fn: () => T): MeteredRun<T> {
  const meter = new CostMeter(limit);
  const previous = active;
  active = meter;
  try {
    return { meter, threw: false, value: fn() };
  } catch (error) {
    return { meter, threw: true, error };
  } finally {
    active = previous;
  }
}
