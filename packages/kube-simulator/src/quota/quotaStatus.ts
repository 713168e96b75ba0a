import { Quantity } from '@guardrails-dev/plugin-guardrails-engine';
import { findByKind, ResourceType } from '../api/resources';
import { isPlainObject, JsonObject, KubeObject } from '../store/objects';
import { ObjectStore } from '../store/ObjectStore';
import { resourceList, ResourceList } from './podResources';
import {
  addUsage,
  countNames,
  isPodResource,
  podUsage,
  zeroUsage,
} from './quotaUsage';

export const PODS = findByKind('v1', 'Pod') as ResourceType;
export const QUOTAS = findByKind('v1', 'ResourceQuota') as ResourceType;

/** `spec.hard` of a quota, values that are not quantities left out. */
export function hardOf(quota: KubeObject): ResourceList {
  return resourceList(isPlainObject(quota.spec) ? quota.spec.hard : {});
}

function scopesOf(quota: KubeObject): string[] {
  const spec = isPlainObject(quota.spec) ? quota.spec : {};
  return Array.isArray(spec.scopes) ? spec.scopes.map(String) : [];
}

function isBestEffort(pod: KubeObject): boolean {
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const containers = [
    ...(Array.isArray(spec.containers) ? spec.containers : []),
    ...(Array.isArray(spec.initContainers) ? spec.initContainers : []),
  ];
  return containers.every(c => {
    const r = isPlainObject(c) && isPlainObject(c.resources) ? c.resources : {};
    return (
      resourceList(r.requests).size === 0 && resourceList(r.limits).size === 0
    );
  });
}

/** Whether a pod falls under a quota's `scopes` (Terminating, NotTerminating, BestEffort, NotBestEffort). */
export function podInScopes(quota: KubeObject, pod: KubeObject): boolean {
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const terminating = typeof spec.activeDeadlineSeconds === 'number';
  return scopesOf(quota).every(scope => {
    switch (scope) {
      case 'Terminating':
        return terminating;
      case 'NotTerminating':
        return !terminating;
      case 'BestEffort':
        return isBestEffort(pod);
      case 'NotBestEffort':
        return !isBestEffort(pod);
      default:
        return true;
    }
  });
}

/**
 * The resource names of a quota some evaluator tracks: pod compute resources, and object counts of served
 * types (scoped quotas track pods only). Other names get no `used` entry, as on a cluster.
 */
export function trackedNames(
  store: ObjectStore,
  quota: KubeObject,
): Set<string> {
  const hard = [...hardOf(quota).keys()];
  const scoped = scopesOf(quota).length > 0;
  const counted = new Set(
    scoped
      ? ['count/pods']
      : store.types.all().flatMap(rt => countNames(rt, hard)),
  );
  return new Set(hard.filter(n => isPodResource(n) || counted.has(n)));
}

/** What the namespace's objects use of the resources a quota tracks, as the quota controller sums it. */
export function quotaUsed(store: ObjectStore, quota: KubeObject): ResourceList {
  const namespace = quota.metadata.namespace;
  const tracked = trackedNames(store, quota);
  const used = zeroUsage(tracked);
  if (tracked.size === 0) return used;
  for (const { object } of store.scan(PODS, namespace)) {
    if (podInScopes(quota, object)) addUsage(used, podUsage(object), tracked);
  }
  const counts = [...tracked].filter(
    n => n !== 'count/pods' && !isPodResource(n),
  );
  if (counts.length === 0) return used;
  for (const rt of store.types.all()) {
    if (!rt.namespaced || rt === PODS) continue;
    const names = countNames(rt, counts);
    if (names.length === 0) continue;
    const n = store.scan(rt, namespace).length;
    const usage: ResourceList = new Map(
      names.map(name => [name, Quantity.fromInteger(n, 'DecimalSI')]),
    );
    addUsage(used, usage, tracked);
  }
  return used;
}

/** A resource list as the API server writes it: keys sorted (Go map order), quantities canonical. */
export function listJson(list: ResourceList): JsonObject {
  return Object.fromEntries(
    [...list.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, v.toString()]),
  );
}

/** `status` of a quota as the quota controller writes it: `hard` mirrors `spec.hard`, `used` is summed. */
export function quotaStatus(store: ObjectStore, quota: KubeObject): JsonObject {
  const hard = hardOf(quota);
  return { hard: listJson(hard), used: listJson(quotaUsed(store, quota)) };
}
