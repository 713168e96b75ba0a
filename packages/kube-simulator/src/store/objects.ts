/** A JSON object. */
export type JsonObject = Record<string, unknown>;

/** The metadata fields the simulator reads or writes. */
export interface ObjectMeta extends JsonObject {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  managedFields?: unknown[];
}

/** A stored Kubernetes object. */
export interface KubeObject extends JsonObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep copy of JSON data, so stored objects are never shared with callers. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/** Structural equality of JSON values (object key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => jsonEqual(v, b[i]))
    );
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every(
        k =>
          Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]),
      )
    );
  }
  return false;
}

/** The object without metadata and status: what `generation` tracks. */
export function specPart(obj: JsonObject): JsonObject {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

const METADATA_ORDER = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/** The object with keys in the order the API server writes them (apiVersion, kind, metadata, …, status). */
export function canonicalOrder(obj: KubeObject): KubeObject {
  const metadata: ObjectMeta = {};
  for (const k of METADATA_ORDER)
    if (obj.metadata[k] !== undefined) metadata[k] = obj.metadata[k];
  for (const [k, v] of Object.entries(obj.metadata))
    if (!(k in metadata)) metadata[k] = v;
  const { apiVersion, kind, metadata: _m, status, ...rest } = obj;
  return {
    apiVersion,
    kind,
    metadata,
    ...rest,
    ...(status !== undefined ? { status } : {}),
  };
}
