import { TableBody, TableContainer } from '@material-ui/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiGuardrail } from '@guardrails-dev/plugin-guardrails-common';
import {
  DEFAULT_GROUP_SORT,
  GroupSort,
  GroupSortKey,
  GuardrailGroup,
  groupByGuardrail,
  isObserveOnly,
  sortGroups,
} from '../../domain/groups';
import { ViolationRow } from '../../domain/violations';
import { GuardrailLookup } from '../GuardrailExplanation';
import {
  FirstDirections,
  SortableColumn,
  SortableTableHead,
  nextSort,
} from '../SortableTableHead';
import { GuardrailGroupRow } from './GuardrailGroupRow';
import { ObserveFold } from './ObserveFold';
import { ReadableTable } from '../ReadableTable';

const COLUMNS: Array<SortableColumn<GroupSortKey>> = [
  { title: 'Guardrail', sortKey: 'guardrail' },
  { title: 'Severity', sortKey: 'severity' },
  { title: 'Level by environment', sortKey: 'level' },
  { title: 'Objects', sortKey: 'objects' },
  { title: 'Since', sortKey: 'since' },
];

const FIRST_DIRECTION: FirstDirections<GroupSortKey> = {
  guardrail: 'asc',
  severity: 'desc',
  level: 'desc',
  objects: 'desc',
  since: 'desc',
};

/** A request to open a guardrail's group and move the focus to it; a new object for each request. */
export interface GroupReveal {
  guardrail: string;
}

/**
 * One row per guardrail with its level in each environment and the number of objects, expanding to its rationale,
 * remediation, rollout and violations. With `foldObserve`, the guardrails failing only at observe come last,
 * folded under "N more at observe" (unless there is nothing else).
 */
export function GuardrailGroupsTable(props: {
  rows: ViolationRow[];
  environments: string[];
  guardrails: Map<string, ApiGuardrail>;
  lookup: GuardrailLookup;
  now: Date;
  foldObserve: boolean;
  reveal?: GroupReveal;
}) {
  const { rows, environments, guardrails, lookup, now } = props;
  const { foldObserve, reveal } = props;
  const [sort, setSort] = useState<GroupSort>(DEFAULT_GROUP_SORT);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [observeOpen, setObserveOpen] = useState(false);
  const [focus, setFocus] = useState<string>();

  const groups = useMemo(
    () => sortGroups(groupByGuardrail(rows, environments), sort),
    [rows, environments, sort],
  );
  const [shown, folded] = useMemo(() => {
    // Folding everything would hide all there is: fold only beside guardrails that warn or deny.
    if (!foldObserve || groups.every(isObserveOnly)) {
      return [groups, [] as GuardrailGroup[]];
    }
    return [
      groups.filter(g => !isObserveOnly(g)),
      groups.filter(g => isObserveOnly(g)),
    ];
  }, [groups, foldObserve]);

  useEffect(() => {
    if (!reveal) return;
    setExpanded(current => new Set(current).add(reveal.guardrail));
    setFocus(reveal.guardrail);
  }, [reveal]);
  // The group to focus may be folded, now or once the filters that hid it are cleared.
  useEffect(() => {
    if (focus && folded.some(g => g.guardrail === focus)) {
      setObserveOpen(true);
    }
  }, [focus, folded]);

  const onToggle = useCallback((guardrail: string) => {
    setExpanded(current => {
      const next = new Set(current);
      if (!next.delete(guardrail)) next.add(guardrail);
      return next;
    });
  }, []);
  const onFocused = useCallback(() => setFocus(undefined), []);

  const columns = COLUMNS.length + 1;
  const renderGroup = (group: GuardrailGroup) => (
    <GuardrailGroupRow
      key={group.guardrail}
      group={group}
      guardrail={guardrails.get(group.guardrail)}
      lookup={lookup}
      expanded={expanded.has(group.guardrail)}
      onToggle={onToggle}
      focus={focus === group.guardrail}
      onFocused={onFocused}
      now={now}
      columns={columns}
    />
  );

  return (
    <TableContainer>
      <ReadableTable size="small" aria-label="Guardrail violations">
        <SortableTableHead
          columns={COLUMNS}
          sort={sort}
          onSort={key =>
            setSort(current => nextSort(current, key, FIRST_DIRECTION))
          }
        />
        <TableBody>
          {shown.map(renderGroup)}
          {folded.length > 0 && (
            <ObserveFold
              count={folded.length}
              open={observeOpen}
              onToggle={() => setObserveOpen(open => !open)}
              columns={columns}
            />
          )}
          {observeOpen && folded.map(renderGroup)}
        </TableBody>
      </ReadableTable>
    </TableContainer>
  );
}
