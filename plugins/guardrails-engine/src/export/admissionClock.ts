/**
 * How finely admission knows the time. CEL at admission has no clock, so the
 * export writes its instant into the policies that read
 * `variables.guardrailsNow`, rounded down to this; each rounding step changes
 * those policies, so the sync rewrites them once per step, not per sync.
 * @public
 */
export const ADMISSION_CLOCK_RESOLUTION_MS = 60 * 60 * 1000;

/** The instant admission policies hold as `variables.guardrailsNow` for an export at `at`. */
export function admissionClock(at: Date): Date {
  return new Date(
    Math.floor(at.getTime() / ADMISSION_CLOCK_RESOLUTION_MS) *
      ADMISSION_CLOCK_RESOLUTION_MS,
  );
}

/** The next instant after `at` at which {@link admissionClock} moves. */
export function nextClockTick(at: Date): Date {
  return new Date(admissionClock(at).getTime() + ADMISSION_CLOCK_RESOLUTION_MS);
}
