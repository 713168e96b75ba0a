/*
 * The engine's one Kubernetes object type. It has the shape of @kubernetes/client-node's
 * `KubernetesObject` without depending on it (the engine runs in browsers and in the CLI), so
 * objects a backend reads with client-node are accepted as they are, and objects the engine builds
 * can be applied with client-node.
 */

/** A reference to an object's owner, as in `metadata.ownerReferences`. @public */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** The metadata fields the engine reads and builds. @public */
export interface KubernetesObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

/**
 * Any Kubernetes object, as client-node types it: every field optional, since only the API
 * server guarantees them. The engine checks each input at run time.
 * @public
 */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: KubernetesObjectMeta;
}

/**
 * A Kubernetes object known to have its apiVersion and kind, with every other field: what the
 * engine builds (baseline, admission policies, reports) and what it reads from manifests.
 * @public
 */
export interface KubernetesManifest extends KubernetesObject {
  apiVersion: string;
  kind: string;
  [field: string]: unknown;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : `a ${typeof value}`;
}

/**
 * Why a value is not a Kubernetes object, phrased to follow "it" (`has no apiVersion, kind`);
 * undefined when it is one: a mapping with apiVersion, kind and metadata.name (or generateName).
 * @public
 */
export function kubernetesObjectProblem(value: unknown): string | undefined {
  if (!isMapping(value)) {
    return `is ${describeValue(value)}, not an object`;
  }
  const { metadata } = value;
  if (metadata !== undefined && !isMapping(metadata)) {
    return 'has a metadata field that is not a mapping';
  }
  const missing = [
    isNonEmptyString(value.apiVersion) ? '' : 'apiVersion',
    isNonEmptyString(value.kind) ? '' : 'kind',
    isNonEmptyString(metadata?.name) || isNonEmptyString(metadata?.generateName)
      ? ''
      : 'metadata.name',
  ].filter(Boolean);
  return missing.length > 0 ? `has no ${missing.join(', ')}` : undefined;
}

/** Whether a value is a Kubernetes object (see {@link kubernetesObjectProblem}). @public */
export function isKubernetesManifest(
  value: unknown,
): value is KubernetesManifest {
  return kubernetesObjectProblem(value) === undefined;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
