import {
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TableSortLabel,
  Typography,
} from '@material-ui/core';
import { useCallback, useMemo, useState } from 'react';
import type {
  ApiEntityReport,
  ApiGuardrail,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  DEFAULT_VIOLATION_SORT,
  ViolationFilter,
  ViolationSort,
  ViolationSortKey,
  filterViolations,
  flattenViolations,
  sortViolations,
} from '../../domain/violations';
import { VisuallyHidden } from '../VisuallyHidden';
import { ViolationFilters } from './ViolationFilters';
import { ViolationRowView } from './ViolationRowView';
import { GuardrailLookup } from './ViolationDetails';

const COLUMNS: Array<{ title: string; sortKey?: ViolationSortKey }> = [
  { title: 'Guardrail', sortKey: 'guardrail' },
  { title: 'Resource', sortKey: 'resource' },
  { title: 'Environment', sortKey: 'environment' },
  { title: 'Level', sortKey: 'level' },
  { title: 'Severity', sortKey: 'severity' },
  { title: 'Message' },
  { title: 'Since', sortKey: 'since' },
  { title: 'Exemption' },
];

// Ordinal columns start with the strictest/newest; text columns start from A.
const FIRST_DIRECTION: Record<ViolationSortKey, 'asc' | 'desc'> = {
  guardrail: 'asc',
  resource: 'asc',
  environment: 'asc',
  level: 'desc',
  severity: 'desc',
  since: 'desc',
};

const PAGE_SIZES = [25, 50, 100];

/**
 * The entity's violations: filterable, sortable, paginated (a component can have thousands), each row expanding
 * to the guardrail's rationale, remediation and rollout.
 */
export function ViolationsTable(props: {
  report: ApiEntityReport;
  guardrails: Map<string, ApiGuardrail>;
  lookup: GuardrailLookup;
  now: Date;
}) {
  const { report, guardrails, lookup, now } = props;
  const rows = useMemo(() => flattenViolations(report), [report]);
  const environments = useMemo(
    () => report.environments.map(env => env.environment),
    [report],
  );
  const [filter, setFilter] = useState<ViolationFilter>({});
  const [sort, setSort] = useState<ViolationSort>(DEFAULT_VIOLATION_SORT);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const filtered = useMemo(
    () => filterViolations(rows, filter),
    [rows, filter],
  );
  const sorted = useMemo(
    () => sortViolations(filtered, sort),
    [filtered, sort],
  );
  const lastPage = Math.max(0, Math.ceil(sorted.length / pageSize) - 1);
  const shownPage = Math.min(page, lastPage);
  const pageRows = useMemo(
    () => sorted.slice(shownPage * pageSize, (shownPage + 1) * pageSize),
    [sorted, shownPage, pageSize],
  );

  const onToggle = useCallback((id: string) => {
    setExpanded(current => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  const onFilter = (next: ViolationFilter) => {
    setFilter(next);
    setPage(0);
  };

  const onSort = (key: ViolationSortKey) => {
    setSort(current =>
      current.key === key
        ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: FIRST_DIRECTION[key] },
    );
    setPage(0);
  };

  if (rows.length === 0) {
    return (
      <Typography variant="body1">
        No violations: every audited object of this component meets the
        guardrails in force.
      </Typography>
    );
  }

  const columnCount = COLUMNS.length + 1;
  return (
    <Box>
      <ViolationFilters
        environments={environments}
        filter={filter}
        onChange={onFilter}
      />
      <Typography
        variant="body2"
        role="status"
        aria-live="polite"
        style={{ marginTop: 8 }}
      >
        {filtered.length === rows.length
          ? `${rows.length} violation${rows.length === 1 ? '' : 's'}`
          : `${filtered.length} of ${rows.length} violations match the filters`}
      </Typography>
      {filtered.length === 0 ? (
        <Box my={2}>
          <Typography variant="body1">
            No violations match these filters.
          </Typography>
          <Button variant="outlined" size="small" onClick={() => onFilter({})}>
            Clear filters
          </Button>
        </Box>
      ) : (
        <>
          <TableContainer>
            <Table size="small" aria-label="Guardrail violations">
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox">
                    <VisuallyHidden>Details</VisuallyHidden>
                  </TableCell>
                  {COLUMNS.map(column => (
                    <TableCell
                      key={column.title}
                      sortDirection={
                        column.sortKey && sort.key === column.sortKey
                          ? sort.direction
                          : false
                      }
                    >
                      {column.sortKey ? (
                        <TableSortLabel
                          active={sort.key === column.sortKey}
                          direction={
                            sort.key === column.sortKey ? sort.direction : 'asc'
                          }
                          onClick={() => onSort(column.sortKey!)}
                        >
                          {column.title}
                        </TableSortLabel>
                      ) : (
                        column.title
                      )}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {pageRows.map(row => (
                  <ViolationRowView
                    key={row.id}
                    row={row}
                    guardrail={guardrails.get(row.violation.guardrail)}
                    lookup={lookup}
                    expanded={expanded.has(row.id)}
                    onToggle={onToggle}
                    now={now}
                    columns={columnCount}
                  />
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination
            component="div"
            count={sorted.length}
            page={shownPage}
            rowsPerPage={pageSize}
            rowsPerPageOptions={PAGE_SIZES}
            onPageChange={(_, next) => setPage(next)}
            onRowsPerPageChange={e => {
              setPageSize(Number(e.target.value));
              setPage(0);
            }}
          />
        </>
      )}
    </Box>
  );
}
