import { InfoCard } from '@backstage/core-components';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Table,
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
import { describeNextStage, upcomingChanges } from '../../domain/rollout';
import { formatDateTime } from '../../domain/time';
import { useGuardrails } from '../../hooks/useGuardrails';
import { useNow } from '../../hooks/useNow';
import { ComplianceStatus } from '../ComplianceStatus';
import { EntityReportState } from '../EntityReportState';

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
  const next = useMemo(() => {
    const violated = new Map<string, Set<string>>();
    for (const env of report.environments) {
      for (const violation of env.violations) {
        const envs = violated.get(violation.guardrail) ?? new Set<string>();
        envs.add(env.environment);
        violated.set(violation.guardrail, envs);
      }
    }
    const known = [...violated.keys()]
      .map(id => guardrails.get(id))
      .filter((g): g is ApiGuardrail => Boolean(g));
    return upcomingChanges(known, now, id => violated.get(id))[0];
  }, [report, guardrails, now]);

  return (
    <Box mt={2}>
      <Typography variant="subtitle2" component="h3">
        Next stage change
      </Typography>
      <Typography variant="body2">
        {next
          ? `${next.title} (${next.guardrail}) ${describeNextStage(
              next.environment,
              next.next,
            )}`
          : 'None planned for the guardrails this component violates.'}
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
      <Table size="small" aria-label="Guardrail compliance by environment">
        <TableHead>
          <TableRow>
            <TableCell>Environment</TableCell>
            <TableCell>Compliance</TableCell>
            <TableCell>Violations by level</TableCell>
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
      </Table>
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
 * Guardrail compliance at a glance for a component's overview: per environment, the nearest upcoming stage
 * change, and a link to the Guardrails tab.
 *
 * @public
 */
export function EntityGuardrailsCard(props: {
  /** The path of the Guardrails tab under the entity page; `guardrails` unless mounted elsewhere. */
  tabPath?: string;
}) {
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
