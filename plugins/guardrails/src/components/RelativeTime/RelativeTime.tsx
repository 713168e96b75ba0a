import { formatDateTime, formatRelative } from '../../domain/time';

/** `3 days ago`, with the exact time in the tooltip and in the machine-readable `dateTime`. */
export function RelativeTime(props: { value: string; now: Date }) {
  return (
    <time dateTime={props.value} title={formatDateTime(props.value)}>
      {formatRelative(props.value, props.now)}
    </time>
  );
}
