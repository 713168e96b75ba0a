const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The horizon (days before `at`) whose notice is due at `now`: the nearest one already reached, so a backend that was
 * down at the 14-day mark sends the 7-day notice, not both. Undefined before the furthest horizon and from `at` on.
 * A horizon is reached at `at` minus that many whole days, to the millisecond.
 */
export function dueHorizon(
  at: Date,
  now: Date,
  horizons: readonly number[],
): number | undefined {
  if (now.getTime() >= at.getTime()) return undefined;
  const reached = horizons.filter(
    days => at.getTime() - days * DAY_MS <= now.getTime(),
  );
  return reached.length > 0 ? Math.min(...reached) : undefined;
}

/** Whole days from `now` until `at`, rounded up; 0 once `at` has come. */
export function daysUntil(at: Date, now: Date): number {
  return Math.max(0, Math.ceil((at.getTime() - now.getTime()) / DAY_MS));
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}
