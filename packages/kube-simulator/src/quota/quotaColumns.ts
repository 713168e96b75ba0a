import { isPlainObject, KubeObject } from '../store/objects';
import { quantityOf } from './podResources';

/** `used/hard` per resource, as kube-apiserver's ResourceQuota printer writes them: `pods: 1/4, requests.cpu: 1/2`. */
function usage(quota: KubeObject, limits: boolean): string {
  const spec = isPlainObject(quota.spec) ? quota.spec : {};
  const status = isPlainObject(quota.status) ? quota.status : {};
  const hard = isPlainObject(status.hard) ? status.hard : {};
  const used = isPlainObject(status.used) ? status.used : {};
  const text = (v: unknown) => quantityOf(v)?.toString() ?? '0';
  return Object.keys(isPlainObject(spec.hard) ? spec.hard : {})
    .sort()
    .filter(r => (r.split('.')[0] === 'limits' && r.includes('.')) === limits)
    .map(r => `${r}: ${text(used[r])}/${text(hard[r])}`)
    .join(', ');
}

/** The Request and Limit columns of a ResourceQuota Table, after Name and Age. */
export const QUOTA_COLUMNS = [
  {
    name: 'Request',
    type: 'string',
    description:
      'Request represents a minimum amount of cpu/memory that a container may consume.',
    cell: (o: KubeObject) => usage(o, false),
  },
  {
    name: 'Limit',
    type: 'string',
    description:
      'Limits control the maximum amount of cpu/memory that a container can use independent of contention on the node.',
    cell: (o: KubeObject) => usage(o, true),
  },
];
