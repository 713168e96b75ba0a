import { Box, Typography, makeStyles } from '@material-ui/core';
import { useMemo } from 'react';
import type { ApiEnvironmentRollout } from '@guardrails-dev/plugin-guardrails-common';
import {
  TimelineStage,
  describeCurrentStage,
  rolloutAt,
} from '../../domain/rollout';
import { formatDate, formatDateTime, pluralDays } from '../../domain/time';
import { DateText } from '../DateText';
import { LevelChip } from '../LevelChip';

const useStyles = makeStyles(theme => ({
  stages: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    listStyle: 'none',
    margin: 0,
    padding: 0,
    gap: theme.spacing(1),
  },
  stage: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  current: {
    padding: theme.spacing(0.25, 0.75),
    border: `2px solid ${theme.palette.text.primary}`,
    borderRadius: theme.shape.borderRadius,
  },
  arrow: { color: theme.palette.text.secondary },
  caption: { color: theme.palette.text.secondary, whiteSpace: 'nowrap' },
}));

function stageNote(stage: TimelineStage): string {
  switch (stage.position) {
    case 'past':
      return 'earlier';
    case 'current':
      return stage.from ? `now, since ${formatDate(stage.from)}` : 'now';
    default:
      return stage.from ? `from ${formatDate(stage.from)}` : 'planned';
  }
}

/**
 * A guardrail's rollout in one environment: the stages already passed, the one in force and the next one with
 * its date and the days left.
 */
export function RolloutTimeline(props: {
  rollout: ApiEnvironmentRollout;
  now: Date;
  /** Names the guardrail for screen readers when several timelines are shown together. */
  guardrailTitle?: string;
}) {
  const { rollout, now, guardrailTitle } = props;
  const classes = useStyles();
  const state = useMemo(() => rolloutAt(rollout, now), [rollout, now]);
  const label = `Rollout${guardrailTitle ? ` of ${guardrailTitle}` : ''} in ${
    rollout.environment
  }`;

  return (
    <Box>
      {state.stages.length > 0 ? (
        <ol className={classes.stages} aria-label={label}>
          {state.stages.map((stage, index) => (
            <li
              key={index}
              className={`${classes.stage} ${
                stage.position === 'current' ? classes.current : ''
              }`}
              aria-current={stage.position === 'current' ? 'step' : undefined}
            >
              {index > 0 && (
                <span className={classes.arrow} aria-hidden>
                  →
                </span>
              )}
              <LevelChip level={stage.level} />
              <Typography
                component="span"
                variant="caption"
                className={classes.caption}
                title={stage.from ? formatDateTime(stage.from) : undefined}
              >
                {stageNote(stage)}
              </Typography>
            </li>
          ))}
        </ol>
      ) : null}
      <Typography variant="body2">
        Now {describeCurrentStage(state)};{' '}
        {state.next ? (
          <>
            becomes {state.next.level} in {rollout.environment} on{' '}
            <DateText value={state.next.from} /> —{' '}
            {pluralDays(state.next.daysUntil)}
          </>
        ) : (
          'no further stage planned'
        )}
      </Typography>
    </Box>
  );
}
