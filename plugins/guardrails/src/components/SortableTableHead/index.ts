export { SortableTableHead, nextSort } from './SortableTableHead';
export type { FirstDirections, SortableColumn } from './SortableTableHead';
