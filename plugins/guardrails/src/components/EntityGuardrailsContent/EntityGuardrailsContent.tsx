import { Content, InfoCard, Progress } from '@backstage/core-components';
import { Grid } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { useCallback, useMemo, useState } from 'react';
import type { ApiEntityReport } from '@guardrails-dev/plugin-guardrails-common';
import { describeError } from '../../domain/errors';
import { FIX_FIRST_HORIZON_DAYS } from '../../domain/fixFirst';
import { flattenViolations } from '../../domain/violations';
import { useGuardrails } from '../../hooks/useGuardrails';
import { useNow } from '../../hooks/useNow';
import { EntityReportState } from '../EntityReportState';
import { EntityTrend } from '../EntityTrend';
import { EnvironmentStatusCards } from '../EnvironmentStatus';
import { FixFirst } from '../FixFirst';
import { GroupReveal } from '../GuardrailGroups';
import { QuotaUsage } from '../QuotaUsage';
import { ViolationsView } from '../ViolationsView';

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
  const rows = useMemo(() => flattenViolations(report), [report]);
  const environments = useMemo(
    () => report.environments.map(env => env.environment),
    [report],
  );
  const [reveal, setReveal] = useState<GroupReveal>();
  const onOpen = useCallback(
    (guardrail: string) => setReveal({ guardrail }),
    [],
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
      {rows.length > 0 && guardrails.status !== 'error' && (
        <Grid item xs={12}>
          <InfoCard
            title="Fix first"
            subheader={`What starts warning or denying for this component in the next ${FIX_FIRST_HORIZON_DAYS} days, soonest first`}
          >
            {guardrails.status === 'loading' ? (
              <Progress />
            ) : (
              <FixFirst
                rows={rows}
                guardrails={guardrails.byId}
                now={now}
                horizonDays={FIX_FIRST_HORIZON_DAYS}
                onOpen={onOpen}
              />
            )}
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard title="Violations">
          <ViolationsView
            rows={rows}
            environments={environments}
            guardrails={guardrails.byId}
            lookup={lookup}
            now={now}
            reveal={reveal}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <QuotaUsage />
      </Grid>
      <Grid item xs={12}>
        <EntityTrend />
      </Grid>
    </Grid>
  );
}

/**
 * The Guardrails tab of a component page: status per environment, what to fix first, the violations grouped by
 * guardrail with the reason for each and its rollout, quota use per environment, and the trend.
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
