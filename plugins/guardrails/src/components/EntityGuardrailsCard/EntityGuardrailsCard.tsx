import { InfoCard } from '@backstage/core-components';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { useMemo } from 'react';
import type {
  ApiEntityReport,
  ApiGuardrail,
} from '@guardrails-dev/plugin-guardrails-common';
import { hasNoData } from '../../domain/coverage';
import { describeError } from '../../domain/errors';
import { ENFORCEMENT_LEVELS } from '../../domain/levels';
import { fixFirst } from '../../domain/fixFirst';
import { describeNextStage } from '../../domain/rollout';
import { flattenViolations } from '../../domain/violations';
import { formatDateTime } from '../../domain/time';
import { useGuardrails } from '../../hooks/useGuardrails';
import { useNow } from '../../hooks/useNow';
import { ComplianceStatus } from '../ComplianceStatus';
import { EntityReportState } from '../EntityReportState';
import { ReadableTable } from '../ReadableTable';

function levelSummary(
  counts: ApiEntityReport['environments'][number]['counts'],
): string {
  const parts = [...ENFORCEMENT_LEVELS]
    .reverse()
    .filter(level => (counts[level] ?? 0) > 0)
    .map(level => `${counts[level]} ${level}`);
  return parts.length > 0 ? parts.join(' · ') : 'none';
}

function NextChange(props: {
  report: ApiEntityReport;
  guardrails: Map<string, ApiGuardrail>;
  now: Date;
}) {
  const { report, guardrails, now } = props;
  // The first of the tab's "fix first", without its horizon: the soonest change that starts warning or denying.
  const first = useMemo(
    () => fixFirst(flattenViolations(report), guardrails, now, Infinity)[0],
    [report, guardrails, now],
  );

  return (
    <Box mt={2}>
      <Typography variant="subtitle2" component="h3">
        Next stage change
      </Typography>
      <Typography variant="body2">
        {first
          ? `${first.title} (${first.guardrail}) ${describeNextStage(
              first.changes[0].environment,
              first.changes[0].next,
            )}`
          : 'No planned stage makes a guardrail this component fails warn or deny.'}
      </Typography>
    </Box>
  );
}

function CardBody(props: { report: ApiEntityReport }) {
  const { report } = props;
  const now = useNow();
  const guardrails = useGuardrails();
  return (
    <>
      <ReadableTable
        size="small"
        aria-label="Guardrail compliance by environment"
      >
        <TableHead>
          <TableRow>
            <TableCell>Environment</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Violations</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.environments.map(env => (
            <TableRow key={env.environment}>
              <TableCell component="th" scope="row">
                {env.environment}
              </TableCell>
              <TableCell>
                <ComplianceStatus compliance={env.compliance} />
                {(env.missing ?? []).length > 0 && (
                  <Typography variant="caption" display="block">
                    Not audited yet:{' '}
                    {env.missing.map(m => m.cluster).join(', ')}
                  </Typography>
                )}
                {env.stale.length > 0 && (
                  <Typography variant="caption" display="block">
                    Stale: {env.stale.map(s => s.cluster).join(', ')} could not
                    be read
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {hasNoData(env) ? 'no data' : levelSummary(env.counts)}
                {env.errors > 0 && `, ${env.errors} not evaluated`}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ReadableTable>
      {guardrails.status === 'loaded' && (
        <NextChange report={report} guardrails={guardrails.byId} now={now} />
      )}
      {guardrails.status === 'error' && (
        <Typography variant="body2" color="textSecondary">
          Upcoming stage changes could not be loaded:{' '}
          {describeError(guardrails.error)}
        </Typography>
      )}
      {report.evaluatedAt && (
        <Typography variant="caption" color="textSecondary" display="block">
          Evaluated {formatDateTime(report.evaluatedAt)}
        </Typography>
      )}
    </>
  );
}

/**
 * Props of {@link EntityGuardrailsCard}.
 *
 * @public
 */
export interface EntityGuardrailsCardProps {
  /** The path of the Guardrails tab under the entity page; `guardrails` unless mounted elsewhere. */
  tabPath?: string;
}

/**
 * Guardrail compliance at a glance for a component's overview: per environment, the nearest upcoming stage
 * change, and a link to the Guardrails tab.
 *
 * @public
 */
export function EntityGuardrailsCard(props: EntityGuardrailsCardProps) {
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const tabPath = (props.tabPath ?? 'guardrails').replace(/^\/+/, '');
  return (
    <InfoCard
      title="Guardrails"
      deepLink={{
        title: 'View guardrails',
        link: `${entityLink(entity)}/${tabPath}`,
      }}
    >
      <EntityReportState variant="card">
        {report => <CardBody report={report} />}
      </EntityReportState>
    </InfoCard>
  );
}
