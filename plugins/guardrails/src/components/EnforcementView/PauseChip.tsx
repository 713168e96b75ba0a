import { Chip } from '@material-ui/core';
import PauseCircleIcon from '@material-ui/icons/PauseCircleFilled';
import ScheduleIcon from '@material-ui/icons/Schedule';
import { useChipStyles } from './chipStyles';
import { PauseState } from './enforcementState';

const LABELS: Record<Exclude<PauseState, 'active'>, string> = {
  paused: 'Paused: audit only',
  'pause-pending': 'Pause pending next sync',
  'resume-pending': 'Resume pending next sync',
};

/** An environment's pause in one cluster: in force, or waiting for the next sync; nothing while enforcing. */
export function PauseChip(props: { state: PauseState; environment: string }) {
  const classes = useChipStyles();
  const { state, environment } = props;
  if (state === 'active') {
    return null;
  }
  const inForce = state === 'paused';
  const Icon = inForce ? PauseCircleIcon : ScheduleIcon;
  return (
    <Chip
      size="small"
      variant={inForce ? 'default' : 'outlined'}
      className={inForce ? classes.paused : classes.pending}
      classes={{ icon: classes.icon }}
      icon={<Icon fontSize="small" aria-hidden />}
      label={`${environment}: ${LABELS[state]}`}
      data-pause={state}
    />
  );
}
