import { Quantity } from '@guardrails-dev/plugin-guardrails-engine';
import { ResourceType } from '../api/resources';
import { isPlainObject, KubeObject } from '../store/objects';
import { podResources, ResourceList } from './podResources';

const ZERO = Quantity.parse('0');
const ONE = Quantity.parse('1');

/** Compute resources the pod evaluator tracks besides `count/pods`, as `podResources` in the quota evaluator. */
const POD_COMPUTE = new Set([
  'pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
]);

/** Resources quota'd under their bare name too, as requests. */
const BARE = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** Core types the quota system also counts under their bare plural (legacy object-count names). */
const LEGACY_COUNTS = new Set([
  'configmaps',
  'secrets',
  'services',
  'resourcequotas',
  'persistentvolumeclaims',
  'replicationcontrollers',
]);

/** `count/<plural>` for the core group, `count/<plural>.<group>` otherwise. */
export function countResourceName(rt: ResourceType): string {
  return rt.group ? `count/${rt.plural}.${rt.group}` : `count/${rt.plural}`;
}

/** Whether the pod evaluator tracks a quota resource name (prefixes as the evaluator matches them). */
export function isPodResource(name: string): boolean {
  return (
    POD_COMPUTE.has(name) ||
    name.startsWith('hugepages-') ||
    // requests of hugepages and extended resources (`requests.example.com/gpu`)
    name.startsWith('requests.')
  );
}

/** Resource names an object of this type is counted under, given the names a quota sets. */
export function countNames(rt: ResourceType, hard: Iterable<string>): string[] {
  const names = new Set(hard);
  const out = [countResourceName(rt)];
  if (!rt.group && LEGACY_COUNTS.has(rt.plural)) out.push(rt.plural);
  return out.filter(n => names.has(n));
}

/**
 * `QuotaV1Pod`: whether a pod is charged compute quota. Terminal pods (Succeeded, Failed) are not; the
 * simulator deletes pods at once, so a pod marked for deletion is not either (its grace period is over).
 */
export function chargedPod(pod: KubeObject): boolean {
  const phase = isPlainObject(pod.status) ? pod.status.phase : undefined;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  return !pod.metadata.deletionTimestamp;
}

/**
 * `PodUsageFunc`: what one pod adds to quota. `count/pods` always; for a charged pod `pods` 1 and its requests
 * (`cpu`, `requests.cpu`, …) and limits (`limits.cpu`, …) where the pod states them.
 */
export function podUsage(pod: KubeObject): ResourceList {
  const usage: ResourceList = new Map([['count/pods', ONE]]);
  if (!chargedPod(pod)) return usage;
  usage.set('pods', ONE);
  for (const [name, q] of podResources(pod, 'requests')) {
    if (BARE.has(name) || name.startsWith('hugepages-')) usage.set(name, q);
    usage.set(`requests.${name}`, q);
  }
  // Limits are quota'd for cpu, memory and ephemeral storage only.
  for (const [name, q] of podResources(pod, 'limits')) {
    if (BARE.has(name)) usage.set(`limits.${name}`, q);
  }
  return usage;
}

/** `quota.Add` of one object's usage into a running total, over the names the quota tracks. */
export function addUsage(
  total: ResourceList,
  usage: ResourceList,
  tracked: Set<string>,
): void {
  for (const [name, q] of usage) {
    if (!tracked.has(name)) continue;
    total.set(name, (total.get(name) ?? ZERO).add(q));
  }
}

/** The zero every tracked resource starts from (`resource.MustParse("0")`). */
export function zeroUsage(names: Iterable<string>): ResourceList {
  return new Map([...names].map(n => [n, ZERO]));
}
