import { randomUUID } from 'node:crypto';
import { applyPolicyDefaults } from '../admission/policyDefaults';
import { ResourceType } from '../api/resources';
import { kubeTime } from '../apply/managedFields';
import { applyResourceDefaults } from '../quota/limitRanger';
import { podQosClass } from '../quota/podQos';
import { applyCrdDefaults } from '../crd/customResourceType';
import {
  cloneJson,
  isPlainObject,
  jsonEqual,
  KubeObject,
  specPart,
} from './objects';

const NAME_LABEL = 'kubernetes.io/metadata.name';

/** Status a freshly created object gets from the server; undefined means none. */
function initialStatus(
  rt: ResourceType,
  obj: KubeObject,
): Record<string, unknown> | undefined {
  if (rt.kind === 'Namespace') return { phase: 'Active' };
  if (rt.kind === 'Pod')
    return { phase: 'Pending', qosClass: podQosClass(obj) };
  return undefined;
}

function namespaceDefaults(obj: KubeObject): void {
  obj.metadata.labels = {
    ...(obj.metadata.labels ?? {}),
    [NAME_LABEL]: obj.metadata.name ?? '',
  };
  const spec = isPlainObject(obj.spec) ? obj.spec : {};
  obj.spec = { finalizers: ['kubernetes'], ...spec };
}

/**
 * Sets what the server owns on a new object: uid, creationTimestamp, resourceVersion (absent for dry runs)
 * and generation; resets status where a status subresource owns it. Seeded objects (`trusted`) keep the
 * uid, timestamp, generation and status they bring, so seed files can link owners by uid.
 */
export function initializeCreated(
  rt: ResourceType,
  input: KubeObject,
  resourceVersion: string | undefined,
  trusted = false,
): KubeObject {
  const obj = cloneJson(input);
  const given = obj.metadata;
  obj.metadata = {
    ...given,
    uid: trusted && given.uid ? given.uid : randomUUID(),
    creationTimestamp:
      trusted && given.creationTimestamp ? given.creationTimestamp : kubeTime(),
    generation:
      trusted && typeof given.generation === 'number' ? given.generation : 1,
  };
  delete obj.metadata.resourceVersion;
  delete obj.metadata.deletionTimestamp;
  if (resourceVersion !== undefined)
    obj.metadata.resourceVersion = resourceVersion;
  if (!rt.namespaced) delete obj.metadata.namespace;
  if (rt.kind === 'Namespace') namespaceDefaults(obj);
  normalizeSecret(rt, obj);
  applyPolicyDefaults(rt, obj);
  applyResourceDefaults(rt, obj);
  if (
    rt.group === 'apiextensions.k8s.io' &&
    rt.kind === 'CustomResourceDefinition'
  )
    applyCrdDefaults(obj);
  if (rt.statusSubresource && !(trusted && obj.status !== undefined)) {
    const status = initialStatus(rt, obj);
    if (status) obj.status = status;
    else delete obj.status;
  }
  return obj;
}

/**
 * Carries server-owned fields from the stored object to its replacement: identity, creation time, status
 * (when a subresource owns it), and generation, which advances when anything outside metadata and status
 * changed.
 */
export function carryOver(
  rt: ResourceType,
  stored: KubeObject,
  next: KubeObject,
  resourceVersion: string | undefined,
): KubeObject {
  const obj = cloneJson(next);
  obj.apiVersion = stored.apiVersion;
  obj.kind = stored.kind;
  obj.metadata = {
    ...obj.metadata,
    name: stored.metadata.name,
    uid: stored.metadata.uid,
    creationTimestamp: stored.metadata.creationTimestamp,
    generation: stored.metadata.generation ?? 1,
  };
  if (rt.namespaced) obj.metadata.namespace = stored.metadata.namespace;
  else delete obj.metadata.namespace;
  if (rt.statusSubresource) {
    if (stored.status !== undefined) obj.status = cloneJson(stored.status);
    else delete obj.status;
  }
  if (rt.kind === 'Namespace') {
    // Namespace finalizers change only through the finalize subresource.
    obj.spec = {
      ...(isPlainObject(obj.spec) ? obj.spec : {}),
      finalizers: cloneJson(
        (stored.spec as { finalizers?: unknown })?.finalizers ?? ['kubernetes'],
      ),
    };
    namespaceDefaults(obj);
  }
  normalizeSecret(rt, obj);
  applyPolicyDefaults(rt, obj);
  applyResourceDefaults(rt, obj);
  if (
    rt.group === 'apiextensions.k8s.io' &&
    rt.kind === 'CustomResourceDefinition'
  )
    applyCrdDefaults(obj);
  if (!jsonEqual(specPart(stored), specPart(obj))) {
    obj.metadata.generation = (stored.metadata.generation ?? 1) + 1;
  }
  if (resourceVersion !== undefined)
    obj.metadata.resourceVersion = resourceVersion;
  else obj.metadata.resourceVersion = stored.metadata.resourceVersion;
  return obj;
}

/** Secrets keep `stringData` only on the way in: the server merges it into base64 `data`. */
function normalizeSecret(rt: ResourceType, obj: KubeObject): void {
  if (rt.kind !== 'Secret' || rt.group !== '') return;
  if (isPlainObject(obj.stringData)) {
    const data = isPlainObject(obj.data) ? { ...obj.data } : {};
    for (const [k, v] of Object.entries(obj.stringData))
      data[k] = Buffer.from(String(v)).toString('base64');
    obj.data = data;
  }
  delete obj.stringData;
  obj.type ??= 'Opaque';
}

/** Letters the API server uses for `generateName` suffixes (no vowels, no look-alikes). */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function generatedName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix +=
      SUFFIX_ALPHABET[Math.floor(Math.random() * SUFFIX_ALPHABET.length)];
  }
  return `${prefix}${suffix}`;
}
