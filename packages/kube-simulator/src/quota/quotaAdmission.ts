import { ResourceType, qualifiedResource } from '../api/resources';
import { ApiError } from '../api/status';
import { isPlainObject, KubeObject } from '../store/objects';
import { ObjectStore } from '../store/ObjectStore';
import { podContainers, resourceList, ResourceList } from './podResources';
import {
  hardOf,
  PODS,
  podInScopes,
  QUOTAS,
  quotaUsed,
  trackedNames,
} from './quotaStatus';
import { countNames, podUsage } from './quotaUsage';
import { Quantity } from '@guardrails-dev/plugin-guardrails-engine';

/** Resources each container must state when a quota covers them (the pod evaluator's `validationSet`). */
const MUST_STATE = [
  'cpu',
  'limits.cpu',
  'limits.memory',
  'memory',
  'requests.cpu',
  'requests.memory',
];

/** `admission.NewForbidden`: 403 naming the object as the request does. */
function quotaForbidden(
  rt: ResourceType,
  name: string,
  text: string,
): ApiError {
  return new ApiError(
    403,
    'Forbidden',
    `${qualifiedResource(rt)} "${name}" is forbidden: ${text}`,
    {
      name,
      ...(rt.group ? { group: rt.group } : {}),
      kind: rt.plural,
    },
  );
}

/** `prettyPrint`: `name=value` pairs in name order, joined by commas. */
function prettyPrint(list: ResourceList, names: string[]): string {
  return names
    .map(n => `${n}=${(list.get(n) ?? Quantity.parse('0')).toString()}`)
    .join(',');
}

/** `enforcePodContainerConstraints`: which covered resources each container leaves unstated. */
function missingPerResource(
  pod: KubeObject,
  required: string[],
): Map<string, Set<string>> {
  const missing = new Map<string, Set<string>>();
  for (const c of podContainers(pod)) {
    const stated = new Set<string>();
    for (const r of c.requests.keys()) stated.add(`requests.${r}`).add(r);
    for (const r of c.limits.keys()) stated.add(`limits.${r}`);
    for (const r of required) {
      if (stated.has(r)) continue;
      if (!missing.has(r)) missing.set(r, new Set());
      missing.get(r)?.add(c.name);
    }
  }
  return missing;
}

/** What creating the object adds to a quota's resources. */
function createUsage(
  rt: ResourceType,
  obj: KubeObject,
  hard: string[],
): ResourceList {
  if (rt === PODS) return podUsage(obj);
  return new Map(countNames(rt, hard).map(n => [n, Quantity.parse('1')]));
}

/** `used` of a quota as its status says, recomputed where the status does not cover a resource yet. */
function usedOf(store: ObjectStore, quota: KubeObject): ResourceList {
  const status = isPlainObject(quota.status) ? quota.status : {};
  const used = resourceList(status.used);
  const tracked = trackedNames(store, quota);
  return [...tracked].every(n => used.has(n)) ? used : quotaUsed(store, quota);
}

/**
 * The ResourceQuota admission plugin at creation, after ValidatingAdmissionPolicy as in the API server's plugin
 * order: a pod must state requests and limits a quota covers (`failed quota: <quota>: must specify …`), and no
 * quota may go over `hard` (`exceeded quota: <quota>, requested: …, used: …, limited: …`), both 403 Forbidden.
 * `name` is the request's name (or the object's name or generateName).
 */
export function admitQuota(
  store: ObjectStore,
  rt: ResourceType,
  name: string,
  obj: KubeObject,
): void {
  if (!rt.namespaced) return;
  const quotas = store
    .scan(QUOTAS, obj.metadata.namespace)
    .map(e => e.object)
    .filter(q => rt !== PODS || podInScopes(q, obj));
  if (quotas.length === 0) return;
  if (rt === PODS) {
    for (const quota of quotas) {
      const tracked = trackedNames(store, quota);
      const required = MUST_STATE.filter(r => tracked.has(r));
      const missing = missingPerResource(obj, required);
      if (missing.size === 0) continue;
      const text = [...missing.keys()]
        .sort()
        .map(r => `${r} for: ${[...(missing.get(r) ?? [])].sort().join(',')}`)
        .join('; ');
      throw quotaForbidden(
        rt,
        name,
        `failed quota: ${quota.metadata.name}: must specify ${text}`,
      );
    }
  }
  for (const quota of quotas) {
    const hard = hardOf(quota);
    const tracked = trackedNames(store, quota);
    const delta = createUsage(rt, obj, [...hard.keys()]);
    const requested: ResourceList = new Map(
      [...delta].filter(([n]) => tracked.has(n)),
    );
    if (requested.size === 0) continue;
    const used = usedOf(store, quota);
    const exceeded = [...requested.keys()]
      .filter(n => {
        const limit = hard.get(n);
        const next = (used.get(n) ?? Quantity.parse('0')).add(
          requested.get(n) as Quantity,
        );
        return limit !== undefined && next.isGreaterThan(limit);
      })
      .sort();
    if (exceeded.length === 0) continue;
    throw quotaForbidden(
      rt,
      name,
      `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(
        requested,
        exceeded,
      )}, used: ${prettyPrint(used, exceeded)}, limited: ${prettyPrint(
        hard,
        exceeded,
      )}`,
    );
  }
}
