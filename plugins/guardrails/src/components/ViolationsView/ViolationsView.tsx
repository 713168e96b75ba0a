import { Box, Button, Typography, makeStyles } from '@material-ui/core';
import { useEffect, useMemo, useState } from 'react';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import {
  ViolationFilter,
  ViolationRow,
  filterViolations,
} from '../../domain/violations';
import { GuardrailLookup } from '../GuardrailExplanation';
import { GroupReveal, GuardrailGroupsTable } from '../GuardrailGroups';
import { ViolationsTable } from '../ViolationsTable';
import { ViewToggle, ViolationsLayout } from './ViewToggle';
import { ViolationFilters } from './ViolationFilters';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
  },
  status: { marginTop: theme.spacing(1) },
}));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function countGuardrails(rows: ViolationRow[]): number {
  return new Set(rows.map(row => row.violation.guardrail)).size;
}

/**
 * The entity's violations with filters (environment, level, severity), grouped by guardrail or one per row.
 * `reveal` opens a guardrail's group, switching to the grouped layout and clearing filters that hide it.
 */
export function ViolationsView(props: {
  rows: ViolationRow[];
  /** The report's environments, in its order. */
  environments: string[];
  guardrails: Map<string, ApiGuardrail>;
  lookup: GuardrailLookup;
  now: Date;
  reveal?: GroupReveal;
}) {
  const { rows, environments, guardrails, lookup, now, reveal } = props;
  const classes = useStyles();
  const [filter, setFilter] = useState<ViolationFilter>({});
  const [layout, setLayout] = useState<ViolationsLayout>('grouped');
  const filtered = useMemo(
    () => filterViolations(rows, filter),
    [rows, filter],
  );

  useEffect(() => {
    if (!reveal) return;
    setLayout('grouped');
    setFilter(current =>
      filterViolations(rows, current).some(
        row => row.violation.guardrail === reveal.guardrail,
      )
        ? current
        : {},
    );
  }, [reveal, rows]);

  if (rows.length === 0) {
    return (
      <Typography variant="body1">
        No violations: every audited object of this component meets the
        guardrails in force.
      </Typography>
    );
  }

  const guardrailCount =
    layout === 'grouped'
      ? `, ${plural(countGuardrails(filtered), 'guardrail')}`
      : '';
  return (
    <Box>
      <Box className={classes.toolbar}>
        <ViolationFilters
          environments={environments}
          filter={filter}
          onChange={setFilter}
        />
        <ViewToggle value={layout} onChange={setLayout} />
      </Box>
      <Typography
        variant="body2"
        role="status"
        aria-live="polite"
        className={classes.status}
      >
        {filtered.length === rows.length
          ? `${plural(rows.length, 'violation')}${guardrailCount}`
          : `${filtered.length} of ${rows.length} violations match the filters${guardrailCount}`}
      </Typography>
      {filtered.length === 0 && (
        <Box my={2}>
          <Typography variant="body1">
            No violations match these filters.
          </Typography>
          <Button variant="outlined" size="small" onClick={() => setFilter({})}>
            Clear filters
          </Button>
        </Box>
      )}
      {filtered.length > 0 && layout === 'grouped' && (
        <GuardrailGroupsTable
          rows={filtered}
          environments={environments}
          guardrails={guardrails}
          lookup={lookup}
          now={now}
          foldObserve={!filter.level}
          reveal={reveal}
        />
      )}
      {filtered.length > 0 && layout === 'flat' && (
        <ViolationsTable
          rows={filtered}
          guardrails={guardrails}
          lookup={lookup}
          now={now}
        />
      )}
    </Box>
  );
}
