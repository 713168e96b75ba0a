import { Typography, makeStyles } from '@material-ui/core';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import { rolloutAt } from '../../domain/rollout';
import { pluralDays } from '../../domain/time';
import { DateText } from '../DateText';
import { LevelChip } from '../LevelChip';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    marginBottom: theme.spacing(0.5),
  },
  env: {
    minWidth: 64,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
}));

/** One line per environment: the level in force now and the next change. */
export function RolloutSummary(props: {
  guardrail: ApiGuardrail;
  environments: string[];
  now: Date;
}) {
  const { guardrail, environments, now } = props;
  const classes = useStyles();
  return (
    <ul className={classes.list} aria-label={`Rollout of ${guardrail.title}`}>
      {environments.map(env => {
        const rollout = guardrail.rollout.find(r => r.environment === env);
        const state = rollout ? rolloutAt(rollout, now) : undefined;
        return (
          <li key={env} className={classes.item}>
            <Typography
              component="span"
              variant="body2"
              className={classes.env}
            >
              {env}
            </Typography>
            {state?.current ? (
              <LevelChip level={state.current.level} />
            ) : (
              <Typography
                component="span"
                variant="body2"
                color="textSecondary"
              >
                {state && state.stages.length > 0
                  ? 'not yet in force'
                  : 'not enforced'}
              </Typography>
            )}
            {state?.next && (
              <Typography component="span" variant="body2">
                → {state.next.level} on <DateText value={state.next.from} /> (
                {pluralDays(state.next.daysUntil)})
              </Typography>
            )}
          </li>
        );
      })}
    </ul>
  );
}
