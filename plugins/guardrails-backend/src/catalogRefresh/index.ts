export { CatalogRefresher } from './CatalogRefresher';
export type {
  CatalogRefresherOptions,
  RefreshOutcome,
} from './CatalogRefresher';
export { StatusChangeFollower } from './StatusChangeFollower';
export type { StatusChangeFollowerOptions } from './StatusChangeFollower';
