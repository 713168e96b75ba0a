import { InfoCard } from '@backstage/core-components';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import type {
  ApiEnforcementEnvironment,
  ApiEnforcementState,
} from '@guardrails-dev/plugin-guardrails-common';
import { useState } from 'react';
import { useGuardrailsData } from '../../hooks/useGuardrailsData';
import { formatDateTime } from '../../domain/time';
import { DataView } from '../DataView';
import { DryRunPreview } from './DryRunPreview';
import { environmentGroups } from './enforcementState';
import { EnvironmentGroupCard } from './EnvironmentGroupCard';

/** The state with the environments as pausing or resuming answered them, until the next reload. */
function withAnswers(
  state: ApiEnforcementState,
  answers: Record<string, ApiEnforcementEnvironment>,
): ApiEnforcementState {
  return {
    ...state,
    environments: state.environments.map(e => answers[e.environment] ?? e),
  };
}

/**
 * Admission enforcement in the clusters, grouped by environment: per cluster its status with the reason, the last
 * sync, the next scheduled change, what is enforced now and the recent changes; pausing and resuming per
 * environment; and a preview of the next sync as a diff.
 */
export function EnforcementView() {
  const [attempt, setAttempt] = useState(0);
  const [answers, setAnswers] = useState<
    Record<string, ApiEnforcementEnvironment>
  >({});
  const state = useGuardrailsData(api => api.getEnforcementState(), [attempt]);
  const reload = () => {
    setAnswers({});
    setAttempt(n => n + 1);
  };
  const onChanged = (answer: ApiEnforcementEnvironment) =>
    setAnswers(current => ({ ...current, [answer.environment]: answer }));

  return (
    <DataView state={state} title="Could not load the enforcement state">
      {loaded => {
        const value = withAnswers(loaded, answers);
        // Relative times count from the backend's instant, the one its statuses were computed at.
        const now = new Date(value.generatedAt);
        const groups = environmentGroups(value);
        return (
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <Box display="flex" alignItems="center" gridGap={16}>
                <Typography variant="body2">
                  Admission policies the suite keeps in each cluster, as of{' '}
                  {formatDateTime(value.generatedAt)}.
                </Typography>
                <Button size="small" variant="outlined" onClick={reload}>
                  Refresh
                </Button>
              </Box>
            </Grid>
            {groups.length === 0 && (
              <Grid item xs={12}>
                <Typography variant="body2">
                  No environment is configured (guardrails.environments), so
                  there is nothing to enforce.
                </Typography>
              </Grid>
            )}
            {groups.map(group => (
              <Grid item xs={12} key={group.key}>
                <EnvironmentGroupCard
                  group={group}
                  now={now}
                  onChanged={onChanged}
                />
              </Grid>
            ))}
            <Grid item xs={12}>
              <InfoCard
                title="Next sync preview"
                titleTypographyProps={{ component: 'h2' }}
              >
                <DryRunPreview />
              </InfoCard>
            </Grid>
          </Grid>
        );
      }}
    </DataView>
  );
}
