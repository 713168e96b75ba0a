import { KubeObject } from '../store/objects';
import { addResources, podContainers, ResourceList } from './podResources';

const QOS_RESOURCES = ['cpu', 'memory'];

/** Positive cpu and memory quantities of a list, the only resources QoS looks at. */
function positive(list: ResourceList): ResourceList {
  return new Map(
    [...list].filter(([n, q]) => QOS_RESOURCES.includes(n) && q.sign() > 0),
  );
}

/**
 * `ComputePodQOS`: BestEffort when no container requests or limits cpu or memory, Guaranteed when every container
 * limits both and the requests equal the limits, Burstable otherwise.
 */
export function podQosClass(pod: KubeObject): string {
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  let guaranteed = true;
  for (const c of podContainers(pod)) {
    addResources(requests, positive(c.requests));
    const own = positive(c.limits);
    addResources(limits, own);
    if (!QOS_RESOURCES.every(n => own.has(n))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (
    guaranteed &&
    requests.size === limits.size &&
    [...requests].every(([n, q]) => limits.get(n)?.equals(q))
  )
    return 'Guaranteed';
  return 'Burstable';
}
