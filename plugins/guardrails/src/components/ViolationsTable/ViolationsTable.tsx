import { TableBody, TableContainer, TablePagination } from '@material-ui/core';
import { useCallback, useMemo, useState } from 'react';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import {
  DEFAULT_VIOLATION_SORT,
  ViolationRow,
  ViolationSort,
  ViolationSortKey,
  sortViolations,
} from '../../domain/violations';
import { GuardrailLookup } from '../GuardrailExplanation';
import {
  FirstDirections,
  SortableColumn,
  SortableTableHead,
  nextSort,
} from '../SortableTableHead';
import { ViolationRowView } from './ViolationRowView';
import { ReadableTable } from '../ReadableTable';

const COLUMNS: Array<SortableColumn<ViolationSortKey>> = [
  { title: 'Guardrail', sortKey: 'guardrail' },
  { title: 'Resource', sortKey: 'resource' },
  { title: 'Level', sortKey: 'level' },
  { title: 'Severity', sortKey: 'severity' },
  { title: 'Message' },
  { title: 'Since', sortKey: 'since' },
  { title: 'Exemption' },
];

const FIRST_DIRECTION: FirstDirections<ViolationSortKey> = {
  guardrail: 'asc',
  resource: 'asc',
  level: 'desc',
  severity: 'desc',
  since: 'desc',
};

const PAGE_SIZES = [25, 50, 100];

/**
 * Every violation on its own row: sortable, paginated (a component can have thousands), each row expanding to the
 * full message, the guardrail's rationale, remediation and rollout.
 */
export function ViolationsTable(props: {
  rows: ViolationRow[];
  guardrails: Map<string, ApiGuardrail>;
  lookup: GuardrailLookup;
  now: Date;
}) {
  const { rows, guardrails, lookup, now } = props;
  const [sort, setSort] = useState<ViolationSort>(DEFAULT_VIOLATION_SORT);
  // The page belongs to the rows it was chosen on: other rows (new filters) start at the first page.
  const [page, setPageOf] = useState({ rows, index: 0 });
  const setPage = (index: number) => setPageOf({ rows, index });
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const sorted = useMemo(() => sortViolations(rows, sort), [rows, sort]);
  const lastPage = Math.max(0, Math.ceil(sorted.length / pageSize) - 1);
  const shownPage = Math.min(page.rows === rows ? page.index : 0, lastPage);
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

  const onSort = (key: ViolationSortKey) => {
    setSort(current => nextSort(current, key, FIRST_DIRECTION));
    setPage(0);
  };

  return (
    <>
      <TableContainer>
        <ReadableTable
          size="small"
          aria-label="Guardrail violations, one per row"
        >
          <SortableTableHead columns={COLUMNS} sort={sort} onSort={onSort} />
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
                columns={COLUMNS.length + 1}
              />
            ))}
          </TableBody>
        </ReadableTable>
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
  );
}
