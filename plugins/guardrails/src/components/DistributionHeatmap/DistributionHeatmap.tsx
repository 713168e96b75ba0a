import {
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { alpha } from '@material-ui/core/styles';
import { useMemo } from 'react';
import type {
  ApiDistribution,
  ApiGuardrail,
} from '@guardrails-dev/plugin-guardrails-common';
import { ClusterDataNotices } from '../ClusterDataNotices';
import { ReadableTable } from '../ReadableTable';
import { GuardrailId } from '../GuardrailId';

type Cell = ApiDistribution['rows'][number];

function cellText(cell: Cell): string {
  const parts = [
    cell.failing ? `${cell.failing} failing` : '',
    cell.warning ? `${cell.warning} warning` : '',
    cell.errors ? `${cell.errors} error${cell.errors === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no violations';
}

/**
 * Results by guardrail (rows) and environment (columns); the cell's shade is the share of objects in violation.
 * Guardrails are the rows on purpose: this shows where protections bite, not which team does worst.
 */
export function DistributionHeatmap(props: {
  distribution: ApiDistribution;
  guardrails: Map<string, ApiGuardrail>;
  environments: string[];
}) {
  const { distribution, guardrails, environments } = props;

  const missing = useMemo(() => distribution.missing ?? [], [distribution]);
  const stale = distribution.stale ?? [];
  // Clusters never audited, by environment: their objects are in no cell.
  const missingByEnvironment = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const m of missing) {
      map.set(m.environment, [...(map.get(m.environment) ?? []), m.cluster]);
    }
    return map;
  }, [missing]);

  const { rows, columns, cells } = useMemo(() => {
    const byKey = new Map<string, Cell>();
    const ids = new Set<string>();
    const envs = new Set<string>(environments);
    for (const row of distribution.rows) {
      byKey.set(`${row.guardrail}\u0000${row.environment}`, row);
      ids.add(row.guardrail);
      envs.add(row.environment);
    }
    for (const m of missing) envs.add(m.environment);
    return {
      rows: [...ids].sort((a, b) => a.localeCompare(b, 'en')),
      columns: [...envs],
      cells: byKey,
    };
  }, [distribution, environments, missing]);

  const notices = <ClusterDataNotices missing={missing} stale={stale} />;
  if (rows.length === 0) {
    return (
      <>
        {notices}
        <Typography variant="body1">
          No results yet: the distribution appears after the first audit has
          completed.
        </Typography>
      </>
    );
  }

  return (
    <>
      {notices}
      <TableContainer>
        <ReadableTable
          size="small"
          aria-label="Results by guardrail and environment"
        >
          <TableHead>
            <TableRow>
              <TableCell>Guardrail</TableCell>
              {columns.map(env => (
                <TableCell key={env}>{env}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(id => (
              <TableRow key={id}>
                <TableCell component="th" scope="row">
                  <Typography variant="body2">
                    {guardrails.get(id)?.title ?? id}
                  </Typography>
                  <GuardrailId id={id} />
                </TableCell>
                {columns.map(env => (
                  <HeatCell
                    key={env}
                    cell={cells.get(`${id}\u0000${env}`)}
                    missingClusters={missingByEnvironment.get(env) ?? []}
                  />
                ))}
              </TableRow>
            ))}
          </TableBody>
        </ReadableTable>
      </TableContainer>
    </>
  );
}

const useCellStyles = makeStyles(theme => ({
  cell: (props: { share: number }) => ({
    minWidth: 120,
    verticalAlign: 'top',
    // Shade over the paper colour keeps text.primary readable in light and dark themes.
    backgroundColor:
      props.share > 0
        ? alpha(theme.palette.error.main, 0.12 + 0.48 * props.share)
        : undefined,
  }),
}));

/** Says which clusters of the cell's environment are in no count. */
function MissingNote(props: { clusters: string[] }) {
  if (props.clusters.length === 0) return null;
  return (
    <Typography variant="caption" display="block" color="textSecondary">
      data missing for cluster{props.clusters.length === 1 ? '' : 's'}{' '}
      {props.clusters.join(', ')}
    </Typography>
  );
}

function HeatCell(props: { cell?: Cell; missingClusters: string[] }) {
  const { cell, missingClusters } = props;
  const violations = cell ? cell.failing + cell.warning + cell.errors : 0;
  const total = cell ? violations + cell.exempted + cell.passing : 0;
  const share = total > 0 ? violations / total : 0;
  const classes = useCellStyles({ share });
  if (!cell) {
    return (
      <TableCell className={classes.cell}>
        {missingClusters.length > 0 ? (
          <MissingNote clusters={missingClusters} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            not evaluated
          </Typography>
        )}
      </TableCell>
    );
  }
  return (
    <TableCell
      className={classes.cell}
      title={`${cellText(cell)}, ${cell.exempted} exempted, ${
        cell.passing
      } passing`}
    >
      <Typography variant="body2">{cellText(cell)}</Typography>
      <Typography variant="caption" display="block">
        {Math.round(share * 100)}% of {total} objects
        {cell.exempted ? `, ${cell.exempted} exempted` : ''}
      </Typography>
      <MissingNote clusters={missingClusters} />
    </TableCell>
  );
}
