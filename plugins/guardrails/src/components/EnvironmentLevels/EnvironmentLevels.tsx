import { Chip, Tooltip, makeStyles } from '@material-ui/core';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { EnvironmentLevel } from '../../domain/groups';
import { describeNextStage, rolloutAt } from '../../domain/rollout';
import { LEVEL_ICONS, useLevelStyles } from '../LevelChip/levelStyles';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  focusable: {
    display: 'inline-flex',
    borderRadius: 16,
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.text.primary}`,
      outlineOffset: 1,
    },
  },
  chip: { margin: 0 },
}));

/** What comes next for the guardrail in an environment, for the chip's tooltip. */
function nextChange(
  environment: string,
  guardrail: ApiGuardrail | undefined,
  now: Date,
): string {
  if (!guardrail) return 'not in the guardrail pack: no rollout plan';
  const rollout = guardrail.rollout.find(r => r.environment === environment);
  const next = rollout ? rolloutAt(rollout, now).next : undefined;
  return next
    ? describeNextStage(environment, next)
    : `no further stage planned in ${environment}`;
}

/**
 * The level a guardrail is at in each environment where it fails, as chips; hovering or focusing a chip tells its
 * next stage change.
 */
export function EnvironmentLevels(props: {
  title: string;
  environments: EnvironmentLevel[];
  guardrail?: ApiGuardrail;
  now: Date;
}) {
  const { title, environments, guardrail, now } = props;
  const classes = useStyles();
  const levelClasses = useLevelStyles();
  return (
    <ul className={classes.list} aria-label={`Levels of ${title}`}>
      {environments.map(({ environment, level }) => {
        const Icon = LEVEL_ICONS[level];
        return (
          <li key={environment}>
            <Tooltip title={nextChange(environment, guardrail, now)}>
              {/* Focusable so that the keyboard reaches the tooltip too (the tooltip pattern of WAI-ARIA). */}
              {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
              <span tabIndex={0} className={classes.focusable}>
                <Chip
                  size="small"
                  variant={level === 'observe' ? 'outlined' : 'default'}
                  className={`${classes.chip} ${levelClasses[level]}`}
                  classes={{ icon: levelClasses.icon }}
                  icon={<Icon fontSize="small" aria-hidden />}
                  label={`${environment}: ${level}`}
                  data-level={level}
                />
              </span>
            </Tooltip>
          </li>
        );
      })}
    </ul>
  );
}
