import { Chip } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CloudOffIcon from '@material-ui/icons/CloudOff';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import ScheduleIcon from '@material-ui/icons/Schedule';
import { useChipStyles } from './chipStyles';
import { ClusterStatusView } from './enforcementState';

const ICONS = {
  'in-sync': CheckCircleIcon,
  failing: ErrorIcon,
  stale: ScheduleIcon,
  'never-synced': HelpIcon,
  off: CloudOffIcon,
};

/** A cluster's enforcement status as a chip with an icon and a word. */
export function ClusterStatusChip(props: { status: ClusterStatusView }) {
  const { kind, label } = props.status;
  const classes = useChipStyles();
  const Icon = ICONS[kind];
  return (
    <Chip
      size="small"
      variant={
        kind === 'in-sync' || kind === 'failing' ? 'default' : 'outlined'
      }
      className={classes[kind]}
      classes={{ icon: classes.icon }}
      icon={<Icon fontSize="small" aria-hidden />}
      label={label}
      data-status={kind}
    />
  );
}
