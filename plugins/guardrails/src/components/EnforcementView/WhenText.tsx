import { formatDateTime, formatRelative } from '../../domain/time';

/** `in 41 days (2027-02-01 00:00 UTC)`: relative and absolute, the exact instant in `dateTime`. */
export function WhenText(props: { value: string; now: Date }) {
  return (
    <time dateTime={props.value}>
      {formatRelative(props.value, props.now)}{' '}
      <span style={{ whiteSpace: 'nowrap' }}>
        ({formatDateTime(props.value)})
      </span>
    </time>
  );
}
