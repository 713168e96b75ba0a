import {
  TableCell,
  TableHead,
  TableRow,
  TableSortLabel,
} from '@material-ui/core';
import { Sort } from '../../domain/sorting';
import { VisuallyHidden } from '../VisuallyHidden';

/** A column of a {@link SortableTableHead}; without a sort key it is not sortable. */
export interface SortableColumn<K extends string> {
  title: string;
  sortKey?: K;
}

/** The first sort direction of each column: ordinal columns start with the strictest or newest, text from A. */
export type FirstDirections<K extends string> = Record<K, 'asc' | 'desc'>;

/** The next sort after a click on a column: the same column reverses, another one starts in its first direction. */
export function nextSort<K extends string>(
  current: Sort<K>,
  key: K,
  first: FirstDirections<K>,
): Sort<K> {
  return current.key === key
    ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
    : { key, direction: first[key] };
}

/**
 * The header of a table whose rows expand: a first column for the expand buttons (named for screen readers),
 * then the columns, the sortable ones as buttons with `aria-sort` on the active one.
 */
export function SortableTableHead<K extends string>(props: {
  columns: ReadonlyArray<SortableColumn<K>>;
  sort: Sort<K>;
  onSort: (key: K) => void;
}) {
  const { columns, sort, onSort } = props;
  return (
    <TableHead>
      <TableRow>
        <TableCell padding="checkbox">
          <VisuallyHidden>Details</VisuallyHidden>
        </TableCell>
        {columns.map(column => {
          const active =
            column.sortKey !== undefined && sort.key === column.sortKey;
          return (
            <TableCell
              key={column.title}
              sortDirection={active ? sort.direction : false}
            >
              {column.sortKey ? (
                <TableSortLabel
                  active={active}
                  direction={active ? sort.direction : 'asc'}
                  onClick={() => onSort(column.sortKey!)}
                >
                  {column.title}
                </TableSortLabel>
              ) : (
                column.title
              )}
            </TableCell>
          );
        })}
      </TableRow>
    </TableHead>
  );
}
