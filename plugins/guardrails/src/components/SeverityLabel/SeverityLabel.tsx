import { Typography, makeStyles } from '@material-ui/core';
import { GuardrailSeverity } from '../../domain/levels';

const useStyles = makeStyles(theme => ({
  severe: { fontWeight: theme.typography.fontWeightBold as number },
}));

/** A guardrail's severity; critical and high are bold so they stand out without a second colour scheme. */
export function SeverityLabel(props: { severity: GuardrailSeverity }) {
  const classes = useStyles();
  const severe = props.severity === 'critical' || props.severity === 'high';
  return (
    <Typography
      component="span"
      variant="body2"
      className={severe ? classes.severe : undefined}
    >
      {props.severity}
    </Typography>
  );
}
