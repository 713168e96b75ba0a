export { SortableTableHead, nextSort } from './SortableTableHead';
export { useReadableTableStyles } from './readableTable';
export type {
  FirstDirections,
  SortableColumn,
  TableSort,
} from './SortableTableHead';
