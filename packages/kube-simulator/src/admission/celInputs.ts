import { toCelValue } from '@guardrails-dev/plugin-guardrails-engine';
import { isPlainObject, JsonObject, KubeObject } from '../store/objects';
import { AdmissionAttributes } from './types';

/**
 * `request` as CEL sees it: the AdmissionRequest the API server builds (`CreateAdmissionRequest`), without
 * `uid`, `object` and `oldObject`; fields Go leaves out when empty (`name`, `namespace`, `subResource`, the
 * user's `uid` and `extra`) are absent.
 */
export function requestValue(attrs: AdmissionAttributes): JsonObject {
  const { rt } = attrs;
  const kind = { group: rt.group, version: rt.version, kind: rt.kind };
  const resource = {
    group: rt.group,
    version: rt.version,
    resource: rt.plural,
  };
  const request: JsonObject = {
    kind,
    resource,
    ...(attrs.subresource ? { subResource: attrs.subresource } : {}),
    requestKind: kind,
    requestResource: resource,
    ...(attrs.subresource ? { requestSubResource: attrs.subresource } : {}),
    ...(attrs.name ? { name: attrs.name } : {}),
    ...(attrs.namespace ? { namespace: attrs.namespace } : {}),
    operation: attrs.operation,
    userInfo: {
      ...(attrs.user.username ? { username: attrs.user.username } : {}),
      ...(attrs.user.groups.length > 0 ? { groups: attrs.user.groups } : {}),
    },
    dryRun: attrs.dryRun,
    options: attrs.options,
  };
  return toCelValue(request) as JsonObject;
}

function timestamp(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * `namespaceObject`: the request's Namespace reduced as `CreateNamespaceObject` reduces it (no type meta, no
 * managedFields or ownerReferences), with timestamps as CEL timestamps as its declared type has them.
 */
export function namespaceValue(namespace: KubeObject | undefined): unknown {
  if (!namespace) return null;
  const meta = namespace.metadata;
  const keep: JsonObject = {};
  for (const key of [
    'name',
    'generateName',
    'namespace',
    'uid',
    'resourceVersion',
    'generation',
    'deletionGracePeriodSeconds',
    'labels',
    'annotations',
    'finalizers',
  ]) {
    if (meta[key] !== undefined) keep[key] = meta[key];
  }
  const value = toCelValue({
    metadata: keep,
    spec: isPlainObject(namespace.spec) ? namespace.spec : {},
    status: isPlainObject(namespace.status) ? namespace.status : {},
  }) as { metadata: JsonObject };
  const created = timestamp(meta.creationTimestamp);
  const deleted = timestamp(meta.deletionTimestamp);
  if (created) value.metadata.creationTimestamp = created;
  if (deleted) value.metadata.deletionTimestamp = deleted;
  return value;
}

/** `object`, `oldObject` and `params` are the objects as JSON, null where absent. */
export function objectValue(obj: KubeObject | null | undefined): unknown {
  return obj ? toCelValue(obj) : null;
}
