export { AffectedObjectsTable } from './AffectedObjectsTable';
export type { CatalogOwned, ObjectColumn } from './AffectedObjectsTable';
export { usePages } from './usePages';
export type { Pages } from './usePages';
