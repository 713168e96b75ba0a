/** Milliseconds in a day. */
export const DAY_MS = 24 * 60 * 60 * 1000;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses the instants the pack format accepts: `YYYY-MM-DD` (midnight UTC) or
 * an ISO 8601 date-time with `Z` or an offset. Date-times without a zone are
 * refused because they would mean different instants on different machines.
 * Returns undefined for anything else, including impossible dates (02-30).
 * @public
 */
export function parseInstant(value: string): Date | undefined {
  const dateOnly = DATE_ONLY.exec(value);
  const dateTime = dateOnly ? undefined : DATE_TIME.exec(value);
  const parts = dateOnly ?? dateTime;
  if (!parts) {
    return undefined;
  }
  const [year, month, day] = [
    Number(parts[1]),
    Number(parts[2]),
    Number(parts[3]),
  ];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (
    calendar.getUTCFullYear() !== year ||
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day
  ) {
    return undefined;
  }
  if (
    dateTime &&
    (Number(dateTime[4]) > 23 ||
      Number(dateTime[5]) > 59 ||
      Number(dateTime[6] ?? 0) > 59)
  ) {
    return undefined;
  }
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/** Whole days from `from` until `to`, rounded up (a part day counts as one). */
export function daysBetween(from: Date, to: Date): number {
  return Math.ceil((to.getTime() - from.getTime()) / DAY_MS);
}
