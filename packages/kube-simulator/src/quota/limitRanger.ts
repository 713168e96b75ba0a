import { findByKind, ResourceType } from '../api/resources';
import {
  cloneJson,
  isPlainObject,
  JsonObject,
  KubeObject,
} from '../store/objects';
import { ObjectStore } from '../store/ObjectStore';

const LIMIT_RANGES = findByKind('v1', 'LimitRange') as ResourceType;

/** The annotation LimitRanger leaves on a pod it defaulted. */
export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

const isCore = (rt: ResourceType, kind: string) =>
  rt.group === '' && rt.kind === kind;

function mapOf(value: unknown): JsonObject {
  return isPlainObject(value) ? value : {};
}

/**
 * `SetDefaults_LimitRangeItem` for Container items: `default` from `max`, then `defaultRequest` from `default`,
 * then from `min`. Empty maps are left out, as the API server omits them.
 */
function limitRangeDefaults(obj: KubeObject): void {
  const spec = mapOf(obj.spec);
  if (!Array.isArray(spec.limits)) return;
  for (const item of spec.limits) {
    if (!isPlainObject(item) || item.type !== 'Container') continue;
    const def = { ...mapOf(item.max), ...mapOf(item.default) };
    const request = {
      ...mapOf(item.min),
      ...def,
      ...mapOf(item.defaultRequest),
    };
    if (Object.keys(def).length) item.default = def;
    if (Object.keys(request).length) item.defaultRequest = request;
  }
}

function containerLists(pod: KubeObject): JsonObject[][] {
  const spec = mapOf(pod.spec);
  return ['containers', 'initContainers'].map(field =>
    Array.isArray(spec[field])
      ? (spec[field] as unknown[]).filter(isPlainObject)
      : [],
  );
}

/** `SetDefaults_Pod`: a container that states a limit but no request for a resource requests its limit. */
function podDefaults(pod: KubeObject): void {
  for (const container of containerLists(pod).flat()) {
    const resources = mapOf(container.resources);
    if (!isPlainObject(resources.limits)) continue;
    resources.requests = {
      ...resources.limits,
      ...mapOf(resources.requests),
    };
    container.resources = resources;
  }
}

/** The API server's defaulting of LimitRanges and Pods, on every write of one. */
export function applyResourceDefaults(rt: ResourceType, obj: KubeObject): void {
  if (isCore(rt, 'LimitRange')) limitRangeDefaults(obj);
  if (isCore(rt, 'Pod')) podDefaults(obj);
}

/**
 * The LimitRanger admission plugin at pod creation: each container without a request or limit for a resource
 * gets the `defaultRequest` or `default` of the namespace's Container limit ranges (in name order, so the first
 * range that sets a value wins, as the plugin applies them one after another), and the pod is annotated with
 * what was set. Its checks of the result are in `limitRangeValidation`.
 */
export function admitLimitRanges(store: ObjectStore, pod: KubeObject): void {
  for (const { object } of store.scan(LIMIT_RANGES, pod.metadata.namespace)) {
    const requests: JsonObject = {};
    const limits: JsonObject = {};
    const items = mapOf(object.spec).limits;
    for (const item of Array.isArray(items) ? items : []) {
      if (!isPlainObject(item) || item.type !== 'Container') continue;
      Object.assign(requests, cloneJson(mapOf(item.defaultRequest)));
      Object.assign(limits, cloneJson(mapOf(item.default)));
    }
    const notes: string[] = [];
    const [containers, initContainers] = containerLists(pod);
    const merge = (list: JsonObject[], label: string) => {
      for (const c of list) {
        const resources = mapOf(c.resources);
        const setLimits = fill(resources, 'limits', limits);
        const setRequests = fill(resources, 'requests', requests);
        if (isPlainObject(c.resources) || Object.keys(resources).length)
          c.resources = resources;
        const name = String(c.name);
        if (setRequests.length)
          notes.push(
            `${setRequests.sort().join(', ')} request for ${label} ${name}`,
          );
        if (setLimits.length)
          notes.push(
            `${setLimits.sort().join(', ')} limit for ${label} ${name}`,
          );
      }
    };
    merge(containers, 'container');
    merge(initContainers, 'init container');
    if (notes.length === 0) continue;
    pod.metadata.annotations = {
      ...(pod.metadata.annotations ?? {}),
      [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}`,
    };
  }
}

/** Sets the defaults a container lacks under `resources[part]`; returns the names set. */
function fill(
  resources: JsonObject,
  part: 'requests' | 'limits',
  defaults: JsonObject,
): string[] {
  const current = mapOf(resources[part]);
  const set = Object.keys(defaults).filter(k => current[k] === undefined);
  if (set.length === 0 && resources[part] === undefined) return [];
  resources[part] = {
    ...current,
    ...Object.fromEntries(set.map(k => [k, defaults[k]])),
  };
  return set;
}
