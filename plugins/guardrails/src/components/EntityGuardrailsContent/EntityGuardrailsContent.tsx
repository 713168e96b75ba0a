import { Content, InfoCard } from '@backstage/core-components';
import { Grid } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import type { ApiEntityReport } from '@guardrails-dev/plugin-guardrails-common';
import { describeError } from '../../domain/errors';
import { useGuardrails } from '../../hooks/useGuardrails';
import { useNow } from '../../hooks/useNow';
import { EntityReportState } from '../EntityReportState';
import { EntityTrend } from '../EntityTrend';
import { EnvironmentStatusCards } from '../EnvironmentStatus';
import { ViolatedGuardrailRollouts } from '../ViolatedGuardrailRollouts';
import { ViolationsTable } from '../ViolationsTable';

const LOOKUP = {
  loading: 'loading',
  error: 'failed',
  loaded: 'loaded',
} as const;

function EntityGuardrailsView(props: { report: ApiEntityReport }) {
  const { report } = props;
  const now = useNow();
  const guardrails = useGuardrails();
  const lookup = LOOKUP[guardrails.status];
  const hasViolations = report.environments.some(
    env => env.violations.length > 0,
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <EnvironmentStatusCards report={report} now={now} />
      </Grid>
      {guardrails.status === 'error' && (
        <Grid item xs={12}>
          <Alert severity="warning">
            <AlertTitle>Guardrail details could not be loaded</AlertTitle>
            Rationale, remediation and rollout timelines are not available:{' '}
            {describeError(guardrails.error)}
          </Alert>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard title="Violations">
          <ViolationsTable
            report={report}
            guardrails={guardrails.byId}
            lookup={lookup}
            now={now}
          />
        </InfoCard>
      </Grid>
      {hasViolations && guardrails.status === 'loaded' && (
        <Grid item xs={12}>
          <InfoCard
            title="Rollout of the guardrails this component violates"
            subheader="What will start failing, where and when"
          >
            <ViolatedGuardrailRollouts
              report={report}
              guardrails={guardrails.byId}
              now={now}
            />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <EntityTrend />
      </Grid>
    </Grid>
  );
}

/**
 * The Guardrails tab of a component page: status per environment, violations with the reason for each
 * guardrail, rollout timelines and the trend.
 *
 * @public
 */
export function EntityGuardrailsContent() {
  return (
    <Content>
      <EntityReportState>
        {report => <EntityGuardrailsView report={report} />}
      </EntityReportState>
    </Content>
  );
}
