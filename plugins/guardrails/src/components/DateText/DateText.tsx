import { makeStyles } from '@material-ui/core';
import { formatDate, formatDateTime } from '../../domain/time';

const useStyles = makeStyles({ date: { whiteSpace: 'nowrap' } });

/** `2027-02-01`, never split over two lines, with the exact time in the tooltip and in `dateTime`. */
export function DateText(props: { value: string }) {
  const classes = useStyles();
  return (
    <time
      dateTime={props.value}
      title={formatDateTime(props.value)}
      className={classes.date}
    >
      {formatDate(props.value)}
    </time>
  );
}
