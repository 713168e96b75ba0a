/**
 * The size profile of a guarded namespace, as configured and as served by the REST API; the engine builds
 * quota and limit-range objects from it.
 */

/** Quota and limit-range values of one size profile. @public */
export interface BaselineSize {
  name: string;
  /** ResourceQuota `spec.hard`, e.g. `{ 'requests.cpu': '2', 'limits.memory': '4Gi', pods: '20' }`. */
  quota: Record<string, string>;
  limitRange: {
    defaultRequest: Record<string, string>;
    default: Record<string, string>;
    max?: Record<string, string>;
  };
}
