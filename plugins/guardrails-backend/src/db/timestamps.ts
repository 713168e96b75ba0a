import { InputError } from '@backstage/errors';

/** A fixed-width UTC ISO 8601 string: portable across databases and ordered as text. */
export function toTimestamp(value: Date, what: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new InputError(`${what} must be a valid Date, got ${String(value)}`);
  }
  const iso = value.toISOString();
  // Years outside 0000–9999 get a sign and six digits, which would break ordering as text.
  if (iso.length !== 24) {
    throw new InputError(`${what} is out of range: ${iso}`);
  }
  return iso;
}

/** The UTC calendar day of an instant, `YYYY-MM-DD`. */
export function toDay(value: Date, what: string): string {
  return toTimestamp(value, what).slice(0, 10);
}
