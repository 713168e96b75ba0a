import {
  parseQuantity,
  Quantity,
} from '@guardrails-dev/plugin-guardrails-engine';
import { isPlainObject, KubeObject } from '../store/objects';

/** A resource list (`cpu`, `memory`, …) in the order its keys were first added, as quantities. */
export type ResourceList = Map<string, Quantity>;

/** A Kubernetes resource list from a JSON value; values that are not quantities are skipped. */
export function resourceList(value: unknown): ResourceList {
  const out: ResourceList = new Map();
  if (!isPlainObject(value)) return out;
  for (const [name, text] of Object.entries(value)) {
    const q = quantityOf(text);
    if (q) out.set(name, q);
  }
  return out;
}

/** A quantity from a JSON value: a string as written, or a number as the API server decodes one. */
export function quantityOf(value: unknown): Quantity | undefined {
  try {
    if (typeof value === 'string') return parseQuantity(value);
    if (typeof value === 'number' && Number.isFinite(value))
      return parseQuantity(String(value));
  } catch {
    return undefined;
  }
  return undefined;
}

/** `addResourceList`: sums into `into`; the first operand's format wins, as Quantity.Add keeps it. */
export function addResources(into: ResourceList, add: ResourceList): void {
  for (const [name, q] of add) {
    const current = into.get(name);
    into.set(name, current ? current.add(q) : q);
  }
}

/** `maxResourceList`: the larger value per resource. */
function maxResources(into: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const current = into.get(name);
    if (!current || q.isGreaterThan(current)) into.set(name, q);
  }
}

interface ContainerLike {
  name?: unknown;
  restartPolicy?: unknown;
  resources?: { requests?: unknown; limits?: unknown };
}

function containersOf(pod: KubeObject, field: string): ContainerLike[] {
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const list = spec[field];
  return Array.isArray(list)
    ? (list.filter(isPlainObject) as ContainerLike[])
    : [];
}

type Part = 'requests' | 'limits';

function containerResources(c: ContainerLike, part: Part): ResourceList {
  return resourceList(isPlainObject(c.resources) ? c.resources[part] : {});
}

/**
 * Requests or limits of a pod as component-helpers' `PodRequests`/`PodLimits` compute them: the sum of the app
 * containers and the restartable (sidecar) init containers, at least what any init container needs while it
 * runs (with the sidecars started before it), plus `spec.overhead` (for limits only where a limit is set).
 */
export function podResources(pod: KubeObject, part: Part): ResourceList {
  const total: ResourceList = new Map();
  for (const c of containersOf(pod, 'containers'))
    addResources(total, containerResources(c, part));
  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  for (const c of containersOf(pod, 'initContainers')) {
    const own = containerResources(c, part);
    let running: ResourceList;
    if (c.restartPolicy === 'Always') {
      addResources(total, own);
      addResources(sidecars, own);
      running = sidecars;
    } else {
      running = new Map();
      addResources(running, own);
      addResources(running, sidecars);
    }
    maxResources(initPeak, running);
  }
  maxResources(total, initPeak);
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const overhead = resourceList(spec.overhead);
  if (part === 'requests') addResources(total, overhead);
  else
    for (const [name, q] of overhead) {
      const current = total.get(name);
      if (current) total.set(name, current.add(q));
    }
  return total;
}

/** Names of the app and init containers, for messages. */
export function podContainers(
  pod: KubeObject,
): Array<{ name: string; requests: ResourceList; limits: ResourceList }> {
  return [
    ...containersOf(pod, 'containers'),
    ...containersOf(pod, 'initContainers'),
  ].map(c => ({
    name: typeof c.name === 'string' ? c.name : '',
    requests: containerResources(c, 'requests'),
    limits: containerResources(c, 'limits'),
  }));
}
