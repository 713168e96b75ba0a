/** Formatting of the backend's ISO 8601 instants. Output is in UTC so that every reader sees the same date. */

const DAY_MS = 24 * 60 * 60 * 1000;

function parse(value: string | Date): Date | undefined {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `YYYY-MM-DD` in UTC, or the input unchanged when it is not a date. */
export function formatDate(value: string | Date): string {
  const date = parse(value);
  return date ? date.toISOString().slice(0, 10) : String(value);
}

/** `YYYY-MM-DD HH:MM UTC`, or the input unchanged when it is not a date. */
export function formatDateTime(value: string | Date): string {
  const date = parse(value);
  return date
    ? `${date.toISOString().slice(0, 10)} ${date
        .toISOString()
        .slice(11, 16)} UTC`
    : String(value);
}

/** Whole days from `now` until `value`, rounded up like the rollout maths of the backend (negative when past). */
export function daysUntil(value: string | Date, now: Date): number {
  const date = parse(value);
  if (!date) {
    return Number.NaN;
  }
  return Math.ceil((date.getTime() - now.getTime()) / DAY_MS);
}

/** `1 day`, `41 days`. */
export function pluralDays(days: number): string {
  return `${days} ${Math.abs(days) === 1 ? 'day' : 'days'}`;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * DAY_MS],
  ['month', 30 * DAY_MS],
  ['day', DAY_MS],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** `3 days ago`, `in 2 hours`, `just now`. */
export function formatRelative(value: string | Date, now: Date): string {
  const date = parse(value);
  if (!date) {
    return String(value);
  }
  const delta = date.getTime() - now.getTime();
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) {
      return relativeFormat.format(Math.trunc(delta / size), unit);
    }
  }
  return 'just now';
}
