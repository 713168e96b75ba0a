import type { ApiQuotaResourceUsage } from '@guardrails-dev/plugin-guardrails-common';

/** One resource of a ResourceQuota as the backend reports it. */
export type QuotaResource = ApiQuotaResourceUsage;

/** Share of a quota at or above which a resource reads as close to its limit. */
export const NEAR_LIMIT = 0.9;

const RESOURCE_NAMES: Record<string, string> = {
  'requests.cpu': 'CPU requests',
  'requests.memory': 'Memory requests',
  'limits.cpu': 'CPU limits',
  'limits.memory': 'Memory limits',
  cpu: 'CPU requests',
  memory: 'Memory requests',
  pods: 'Pods',
  services: 'Services',
  'requests.storage': 'Storage requests',
  persistentvolumeclaims: 'Persistent volume claims',
};

/** A quota key in words (`requests.cpu` → "CPU requests"); unknown keys as they are. */
export function resourceName(resource: string): string {
  return RESOURCE_NAMES[resource] ?? resource;
}

/** How full a resource is: unknown when its use is not reported, never 0 %. */
export type ShareState = 'unknown' | 'within' | 'near' | 'over';

export function shareState(share: number | null | undefined): ShareState {
  if (share === null || share === undefined || !Number.isFinite(share)) {
    return 'unknown';
  }
  if (share > 1) return 'over';
  return share >= NEAR_LIMIT ? 'near' : 'within';
}

/** Whole percent of the share; a use too small to round to 1 % stays visible as "<1%". */
export function formatShare(share: number): string {
  const percent = Math.round(share * 100);
  return percent === 0 && share > 0 ? '<1%' : `${percent}%`;
}
