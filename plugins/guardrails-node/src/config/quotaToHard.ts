import { SizeProfile } from './types';

/**
 * ResourceQuota `spec.hard` for a size.
 * @public
 */
export function quotaToHard(size: SizeProfile): Record<string, string> {
  return {
    'requests.cpu': size.quota.requests.cpu,
    'requests.memory': size.quota.requests.memory,
    'limits.cpu': size.quota.limits.cpu,
    'limits.memory': size.quota.limits.memory,
    pods: String(size.quota.pods),
  };
}
