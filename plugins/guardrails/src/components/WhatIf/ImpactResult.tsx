import { Box, Typography } from '@material-ui/core';
import { useMemo } from 'react';
import type { ApiImpact } from '@guardrails-dev/plugin-guardrails-common';
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
  return (
    <Box mt={3} component="section" aria-label="What-if result">
      <Typography variant="h6" component="h3" role="status">
        {impact.affected.length === 0
          ? `Nothing would be ${VERBS[impact.level]} with ${where}.`
          : `${plural(impact.affected.length, 'object')} would be ${
              VERBS[impact.level]
            } with ${where}.`}
      </Typography>
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
