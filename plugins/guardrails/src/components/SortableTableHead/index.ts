export { SortableTableHead, nextSort } from './SortableTableHead';
export type {
  FirstDirections,
  SortableColumn,
  TableSort,
} from './SortableTableHead';
