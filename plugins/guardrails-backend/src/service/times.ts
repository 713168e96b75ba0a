export const DAY_MS = 24 * 60 * 60 * 1000;

/** The latest of ISO 8601 times (they order as text), or undefined when none is given. */
export function latest(times: Array<string | undefined>): string | undefined {
  return times.reduce<string | undefined>(
    (max, t) => (t && (!max || t > max) ? t : max),
    undefined,
  );
}
