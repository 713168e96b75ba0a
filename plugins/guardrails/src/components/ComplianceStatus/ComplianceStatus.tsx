import { Typography, makeStyles } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import type { ComplianceState } from '@guardrails-dev/plugin-guardrails-common';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  compliant: { color: theme.palette.success.main },
  violating: { color: theme.palette.error.main },
  unknown: { color: theme.palette.text.secondary },
}));

const LABELS: Record<ComplianceState, string> = {
  compliant: 'Compliant',
  violating: 'Violating',
  unknown: 'Unknown',
};

const ICONS = {
  compliant: CheckCircleIcon,
  violating: ErrorIcon,
  unknown: HelpIcon,
};

/** Compliance as an icon and a word; `unknown` is never drawn like compliant. */
export function ComplianceStatus(props: { compliance: ComplianceState }) {
  const classes = useStyles();
  const Icon = ICONS[props.compliance] ?? HelpIcon;
  return (
    <Typography component="span" variant="body2" className={classes.root}>
      <Icon
        fontSize="small"
        className={classes[props.compliance] ?? classes.unknown}
        aria-hidden
      />
      {LABELS[props.compliance] ?? LABELS.unknown}
    </Typography>
  );
}
