/*
 * Timestamps and durations as cel-go handles them: Go's duration syntax,
 * CEL's ranges, RFC 3339 text, and time zones given as IANA names or as
 * [+-]HH:MM offsets.
 */
import { EvaluationError } from '@marcbachmann/cel-js';
import { Duration } from '@marcbachmann/cel-js/evaluator';

const NANOS_PER_SECOND = 1_000_000_000n;
const INT64_MAX = 9223372036854775807n;
// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, CEL's timestamp range.
const MIN_TIME = -62135596800000;
const MAX_TIME = 253402300799999;

const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: NANOS_PER_SECOND,
  m: 60n * NANOS_PER_SECOND,
  h: 3600n * NANOS_PER_SECOND,
};
const COMPONENT = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;

function invalid(text: string): EvaluationError {
  return new EvaluationError(`invalid duration '${text}'`);
}

function durationOfNanos(total: bigint): Duration {
  return new Duration(
    total / NANOS_PER_SECOND,
    Number(total % NANOS_PER_SECOND),
  );
}

/** Go's time.ParseDuration: "300ms", "-1.5h", "2h45m", "0"; at most about 292 years. */
export function parseDuration(text: unknown): Duration {
  if (text instanceof Duration) return text;
  if (typeof text !== 'string') {
    throw new EvaluationError('no such overload: duration() needs a string');
  }
  let rest = text;
  const negative = rest.startsWith('-');
  if (negative || rest.startsWith('+')) rest = rest.slice(1);
  if (rest === '0') return new Duration(0n);
  if (rest === '' || rest.length > 256) throw invalid(text);
  let total = 0n;
  while (rest !== '') {
    const match = COMPONENT.exec(rest);
    if (!match || (match[1] === '' && !match[2])) throw invalid(text);
    const unit = UNIT_NANOS[match[3]];
    const fraction = (match[2] ?? '').slice(0, 18);
    const scale = 10n ** BigInt(fraction.length);
    total += BigInt(match[1] || '0') * unit;
    total += (BigInt(fraction || '0') * unit) / scale;
    if (total > INT64_MAX) throw invalid(text);
    rest = rest.slice(match[0].length);
  }
  return durationOfNanos(negative ? -total : total);
}

/** The duration if it fits CEL's range (int64 nanoseconds), else an error. */
export function checkDuration(duration: Duration): Duration {
  const total = duration.seconds * NANOS_PER_SECOND + BigInt(duration.nanos);
  if (total > INT64_MAX || total < -INT64_MAX - 1n) {
    throw new EvaluationError('duration out of range');
  }
  return duration;
}

/** The timestamp if it lies in years 1 to 9999, else an error. */
export function checkTimestamp(date: Date): Date {
  const time = date.getTime();
  if (!(time >= MIN_TIME && time <= MAX_TIME)) {
    throw new EvaluationError('timestamp out of range');
  }
  return date;
}

/** RFC 3339 with only the fraction digits needed: 2009-02-13T23:31:30Z. */
export function formatTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.(\d*?)0*Z$/, (_m, digits: string) =>
      digits ? `.${digits}Z` : 'Z',
    );
}

/** Seconds with only the fraction digits needed: 1.5s, -0.25s, 3600s. */
export function formatDuration(duration: Duration): string {
  const total = duration.seconds * NANOS_PER_SECOND + BigInt(duration.nanos);
  const sign = total < 0n ? '-' : '';
  const magnitude = total < 0n ? -total : total;
  const seconds = magnitude / NANOS_PER_SECOND;
  const fraction = (magnitude % NANOS_PER_SECOND)
    .toString()
    .padStart(9, '0')
    .replace(/0+$/, '');
  return `${sign}${seconds}${fraction ? `.${fraction}` : ''}s`;
}

const OFFSET = /^([+-])?(\d{2}):(\d{2})$/;
const MAX_ZONES = 64;
const zones = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(zone: string): Intl.DateTimeFormat {
  let format = zones.get(zone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new EvaluationError(`invalid time zone '${zone}'`);
    }
    if (zones.size >= MAX_ZONES) zones.clear();
    zones.set(zone, format);
  }
  return format;
}

/** The wall-clock time of `date` in `zone`, as a Date whose UTC fields hold it. */
function inZone(date: Date, zone: string): Date {
  const offset = OFFSET.exec(zone);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3]);
    if (Number(offset[3]) > 59)
      throw new EvaluationError(`invalid time zone '${zone}'`);
    const signed = offset[1] === '-' ? -minutes : minutes;
    return new Date(date.getTime() + signed * 60_000);
  }
  const parts: Record<string, number> = {};
  for (const part of zoneFormat(zone).formatToParts(date)) {
    parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return new Date(wall + date.getUTCMilliseconds());
}

/** A timestamp accessor (getHours, getDayOfYear…) evaluated in `zone`. */
export function timestampField(
  date: Date,
  field: string,
  zone: unknown,
): bigint {
  if (typeof zone !== 'string') {
    throw new EvaluationError(
      `no such overload: ${field}() needs a time zone string`,
    );
  }
  const local = inZone(date, zone);
  switch (field) {
    case 'getFullYear':
      return BigInt(local.getUTCFullYear());
    case 'getMonth':
      return BigInt(local.getUTCMonth());
    case 'getDate':
      return BigInt(local.getUTCDate());
    case 'getDayOfMonth':
      return BigInt(local.getUTCDate() - 1);
    case 'getDayOfWeek':
      return BigInt(local.getUTCDay());
    case 'getDayOfYear':
      return BigInt(
        Math.floor(
          (local.getTime() - Date.UTC(local.getUTCFullYear(), 0, 1)) /
            86_400_000,
        ),
      );
    case 'getHours':
      return BigInt(local.getUTCHours());
    case 'getMinutes':
      return BigInt(local.getUTCMinutes());
    case 'getSeconds':
      return BigInt(local.getUTCSeconds());
    default:
      return BigInt(local.getUTCMilliseconds());
  }
}
