import { Box, Divider, Grid, Typography, makeStyles } from '@material-ui/core';
import { Fragment, useMemo } from 'react';
import type {
  ApiEntityReport,
  ApiGuardrail,
} from '@guardrails-dev/plugin-guardrails-common';
import { upcomingChanges } from '../../domain/rollout';
import { RolloutTimeline } from '../RolloutTimeline';

const useStyles = makeStyles(theme => ({
  id: { fontFamily: 'monospace', color: theme.palette.text.secondary },
  env: { fontWeight: theme.typography.fontWeightMedium as number },
}));

/** Violations per guardrail and environment, to mark where the entity is affected. */
function violatedEnvironments(
  report: ApiEntityReport,
): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>();
  for (const env of report.environments) {
    for (const violation of env.violations) {
      const perEnv =
        result.get(violation.guardrail) ?? new Map<string, number>();
      perEnv.set(env.environment, (perEnv.get(env.environment) ?? 0) + 1);
      result.set(violation.guardrail, perEnv);
    }
  }
  return result;
}

/**
 * For each guardrail the entity violates, its rollout in every environment, the guardrails with the soonest
 * stage change where the entity is affected first: what will start failing, and when.
 */
export function ViolatedGuardrailRollouts(props: {
  report: ApiEntityReport;
  guardrails: Map<string, ApiGuardrail>;
  now: Date;
}) {
  const { report, guardrails, now } = props;
  const classes = useStyles();

  const ordered = useMemo(() => {
    const violated = violatedEnvironments(report);
    const known = [...violated.keys()]
      .map(id => guardrails.get(id))
      .filter((g): g is ApiGuardrail => Boolean(g));
    const changes = upcomingChanges(known, now, id => {
      const envs = violated.get(id);
      return envs ? new Set(envs.keys()) : undefined;
    });
    const soonest = new Map<string, number>();
    changes.forEach((change, index) => {
      if (!soonest.has(change.guardrail)) soonest.set(change.guardrail, index);
    });
    return known
      .sort(
        (a, b) =>
          (soonest.get(a.id) ?? Infinity) - (soonest.get(b.id) ?? Infinity) ||
          a.id.localeCompare(b.id, 'en'),
      )
      .map(guardrail => ({
        guardrail,
        environments: violated.get(guardrail.id)!,
      }));
  }, [report, guardrails, now]);

  if (ordered.length === 0) {
    return null;
  }

  return (
    <Box>
      {ordered.map(({ guardrail, environments }, index) => (
        <Fragment key={guardrail.id}>
          {index > 0 && <Divider />}
          <Box
            py={2}
            component="section"
            aria-label={`Rollout of ${guardrail.title}`}
          >
            <Typography variant="subtitle1" component="h3">
              {guardrail.title}{' '}
              <span className={classes.id}>{guardrail.id}</span>
            </Typography>
            <Grid container spacing={2}>
              {guardrail.rollout.map(rollout => {
                const count = environments.get(rollout.environment) ?? 0;
                return (
                  <Grid item xs={12} md={6} lg={4} key={rollout.environment}>
                    <Typography variant="body2" className={classes.env}>
                      {rollout.environment}
                      {count > 0
                        ? ` — ${count} violation${count === 1 ? '' : 's'} here`
                        : ' — no violations here'}
                    </Typography>
                    <RolloutTimeline
                      rollout={rollout}
                      now={now}
                      guardrailTitle={guardrail.title}
                    />
                  </Grid>
                );
              })}
            </Grid>
          </Box>
        </Fragment>
      ))}
    </Box>
  );
}
