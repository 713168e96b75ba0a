import { Typography, makeStyles } from '@material-ui/core';
import { Fragment } from 'react';

const useStyles = makeStyles({
  id: { fontFamily: 'monospace' },
});

/**
 * A guardrail ID such as `namespace.default-deny-network-policy`, in monospace. A narrow column may wrap it after
 * a dot or a slash, never inside a word.
 */
export function GuardrailId(props: { id: string }) {
  const classes = useStyles();
  const parts = props.id.split(/(?<=[./])/);
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      component="span"
      display="block"
      className={classes.id}
    >
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </Typography>
  );
}
