import { apiVersionOf, ResourceType } from '../api/resources';
import { ApiError, badRequest, invalid } from '../api/status';
import { isPlainObject, KubeObject } from '../store/objects';
import { validateObject } from '../store/validateObject';
import { ResourceCall } from './resourceCall';

/** Reads `dryRun`: only `All` is accepted, as on the real API server. */
export function isDryRun(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const v of values) {
    if (v !== 'All')
      throw badRequest(
        `invalid dry run value ${JSON.stringify(v)}: only "All" is supported`,
      );
  }
  return values.length > 0;
}

/** The manager of a non-apply write: `fieldManager`, else the client's user agent name, as the API server does. */
export function updateManager(call: ResourceCall): string {
  const given = call.query.get('fieldManager');
  if (given) return given;
  const agent = (call.userAgent ?? '').split('/')[0].trim();
  return agent || 'unknown';
}

/**
 * Checks a write body is an object of the endpoint's type, in the URL's namespace, and returns it with the
 * namespace filled in. `requireTypeMeta` makes apiVersion and kind mandatory (apply).
 */
export function checkBody(
  call: ResourceCall,
  requireTypeMeta: boolean,
): KubeObject {
  const { rt, body } = call;
  if (!isPlainObject(body))
    throw badRequest('the request body must be a Kubernetes object');
  const expected = apiVersionOf(rt);
  if (body.apiVersion === undefined && requireTypeMeta)
    throw badRequest("Object 'apiVersion' is missing in the request body");
  if (body.kind === undefined && requireTypeMeta)
    throw badRequest("Object 'Kind' is missing in the request body");
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${String(
        body.apiVersion,
      )}) does not match the expected API version (${expected})`,
    );
  }
  if (body.kind !== undefined && body.kind !== rt.kind) {
    throw badRequest(
      `the kind in the data (${String(
        body.kind,
      )}) does not match the expected kind (${rt.kind})`,
    );
  }
  if (body.metadata !== undefined && !isPlainObject(body.metadata))
    throw badRequest('metadata must be an object');
  const obj = {
    ...body,
    apiVersion: expected,
    kind: rt.kind,
    metadata: { ...((body.metadata as object) ?? {}) },
  } as KubeObject;
  if (rt.namespaced) {
    const given = obj.metadata.namespace;
    if (given !== undefined && given !== '' && given !== call.namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    obj.metadata.namespace = call.namespace;
  } else {
    delete obj.metadata.namespace;
  }
  return obj;
}

/** The body's name must be the URL's name (it is filled in when absent). */
export function checkName(call: ResourceCall, obj: KubeObject): void {
  if (obj.metadata.name === undefined || obj.metadata.name === '')
    obj.metadata.name = call.name;
  if (obj.metadata.name !== call.name) {
    throw badRequest(
      `the name of the object (${obj.metadata.name}) does not match the name on the URL (${call.name})`,
    );
  }
}

export function assertValid(rt: ResourceType, obj: KubeObject): void {
  const causes = validateObject(rt, obj);
  if (causes.length > 0) throw invalid(rt, obj.metadata.name ?? '', causes);
}

/** Options errors (`PatchOptions`, `CreateOptions`) are Invalid on the options type, as on the API server. */
export function invalidOption(
  kind: string,
  field: string,
  reason: 'FieldValueRequired' | 'FieldValueForbidden',
  message: string,
): ApiError {
  return new ApiError(
    422,
    'Invalid',
    `${kind}.meta.k8s.io "" is invalid: ${field}: ${message}`,
    {
      group: 'meta.k8s.io',
      kind,
      causes: [{ reason, message, field }],
    },
  );
}
