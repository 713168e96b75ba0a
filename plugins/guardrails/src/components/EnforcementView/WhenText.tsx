import {
  daysUntil,
  formatDateTime,
  formatRelative,
  pluralDays,
} from '../../domain/time';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `in 41 days`, as rollouts count; within a day or in the past, `in 3 hours`, `5 minutes ago`. */
function relative(value: string, now: Date) {
  const ahead = new Date(value).getTime() - now.getTime();
  return ahead >= DAY_MS
    ? `in ${pluralDays(daysUntil(value, now))}`
    : formatRelative(value, now);
}

/** `in 41 days (2027-02-01 00:00 UTC)`: relative and absolute, the exact instant in `dateTime`. */
export function WhenText(props: { value: string; now: Date }) {
  return (
    <time dateTime={props.value}>
      {relative(props.value, props.now)}{' '}
      <span style={{ whiteSpace: 'nowrap' }}>
        ({formatDateTime(props.value)})
      </span>
    </time>
  );
}
