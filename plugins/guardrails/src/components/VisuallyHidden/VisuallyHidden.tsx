import { makeStyles } from '@material-ui/core';
import { ReactNode } from 'react';

const useStyles = makeStyles({
  hidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    padding: 0,
    margin: -1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/** Text for screen readers only, e.g. the name of a column of buttons. */
export function VisuallyHidden(props: { children: ReactNode }) {
  const classes = useStyles();
  return <span className={classes.hidden}>{props.children}</span>;
}
