import { Box, Typography } from '@material-ui/core';
import { useMemo } from 'react';
import type { ApiImpact } from '@guardrails-dev/plugin-guardrails-common';
import { ClusterDataNotices } from '../ClusterDataNotices';
import { OwnerLink } from '../OwnerLink';
import { ImpactTable } from './ImpactTable';

const VERBS: Record<ApiImpact['level'], string> = {
  observe: 'recorded',
  warn: 'warned',
  block: 'blocked',
  'auto-correct': 'corrected',
};

function plural(count: number, one: string, many: string = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What the what-if found; a cluster without data makes the count a lower bound, and none at all says nothing. */
function headline(impact: ApiImpact, where: string): string {
  const verb = VERBS[impact.level];
  const missing = (impact.missing ?? []).map(m => m.cluster);
  const count = impact.affected.length;
  if (missing.length > 0) {
    const clusters =
      missing.length === 1
        ? `cluster ${missing[0]} has`
        : `clusters ${missing.join(', ')} have`;
    if (count === 0) {
      const named =
        missing.length === 1
          ? `cluster ${missing[0]} of ${impact.environment} has`
          : `clusters ${missing.join(', ')} of ${impact.environment} have`;
      return `Unknown: ${named} no data, so what ${impact.guardrail} at ${impact.level} would affect there cannot be told.`;
    }
    return `At least ${plural(
      count,
      'object',
    )} would be ${verb} with ${where}; ${clusters} no data.`;
  }
  return count === 0
    ? `Nothing would be ${verb} with ${where}.`
    : `${plural(count, 'object')} would be ${verb} with ${where}.`;
}

/** The answer of a what-if: totals, owners to talk to, and the affected and exempted objects. */
export function ImpactResult(props: { impact: ApiImpact }) {
  const { impact } = props;
  const owners = useMemo(
    () =>
      [
        ...new Set(
          impact.affected
            .map(item => item.owner)
            .filter((o): o is string => Boolean(o)),
        ),
      ].sort(),
    [impact],
  );
  const where = `${impact.guardrail} at ${impact.level} in ${impact.environment}`;
  const missing = impact.missing ?? [];
  const stale = impact.stale ?? [];
  return (
    <Box mt={3} component="section" aria-label="What-if result">
      <Typography variant="h6" component="h3" role="status">
        {headline(impact, where)}
      </Typography>
      <ClusterDataNotices
        missing={missing.map(m => ({ ...m, environment: impact.environment }))}
        stale={stale.map(s => ({ ...s, environment: impact.environment }))}
      />
      <Typography variant="body2">
        {plural(impact.totals.entities, 'component')},{' '}
        {plural(impact.totals.namespaces, 'namespace')},{' '}
        {plural(impact.totals.workloads, 'workload')};{' '}
        {plural(impact.totals.unowned, 'object')} without an owner in the
        catalog. {plural(impact.exempted.length, 'object')} would be affected
        but for an exemption.
      </Typography>
      {owners.length > 0 && (
        <Box mt={1}>
          <Typography variant="subtitle2" component="h4">
            Owners to talk to before changing the plan
          </Typography>
          <Box display="flex" flexWrap="wrap" gridGap={12}>
            {owners.map(owner => (
              <OwnerLink key={owner} entityRef={owner} />
            ))}
          </Box>
        </Box>
      )}
      {impact.affected.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle1" component="h4">
            Affected
          </Typography>
          <ImpactTable items={impact.affected} label="Affected objects" />
        </Box>
      )}
      {impact.exempted.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle1" component="h4">
            Exempted
          </Typography>
          <ImpactTable
            items={impact.exempted}
            label="Exempted objects"
            showExemption
          />
        </Box>
      )}
    </Box>
  );
}
