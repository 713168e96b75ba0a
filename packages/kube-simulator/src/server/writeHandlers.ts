import { apiVersionOf, findByKind, ResourceType } from '../api/resources';
import {
  alreadyExists,
  ApiError,
  notFound,
  staleResourceVersion,
} from '../api/status';
import { admitWrite } from './admission';
import { checkPreconditions } from './preconditions';
import { recordUpdate, requestedOwnership } from '../apply/managedFields';
import { parseFieldSelector } from '../query/fieldSelector';
import { parseLabelSelector } from '../query/labelSelector';
import {
  carryOver,
  generatedName,
  initializeCreated,
} from '../store/lifecycle';
import {
  canonicalOrder,
  cloneJson,
  isPlainObject,
  jsonEqual,
  KubeObject,
} from '../store/objects';
import { ObjectStore } from '../store/ObjectStore';
import { pruneUnknownFields } from '../crd/customResourceSchema';
import { admitLimitRanges } from '../quota/limitRanger';
import { validateLimitRanges } from '../quota/limitRangeValidation';
import { podQosClass } from '../quota/podQos';
import { admitQuota } from '../quota/quotaAdmission';
import { getStored, selectObjects, toListItem } from './readHandlers';
import { ApiResponse } from './request';
import { ResourceCall } from './resourceCall';
import {
  assertValid,
  checkBody,
  checkName,
  isDryRun,
  updateManager,
} from './writeChecks';

const NAMESPACES = findByKind('v1', 'Namespace') as ResourceType;

/** Namespaces the API server refuses to delete. */
const PROTECTED_NAMESPACES = ['default', 'kube-system', 'kube-public'];

/** A namespaced object can only be created in an existing namespace. */
export function assertNamespaceExists(
  store: ObjectStore,
  rt: ResourceType,
  namespace: string | undefined,
): void {
  if (
    rt.namespaced &&
    namespace &&
    !store.get(NAMESPACES, undefined, namespace)
  ) {
    throw notFound(NAMESPACES, namespace);
  }
}

/** Equal apart from managedFields timestamps: such a write changes nothing and keeps the resourceVersion. */
export function unchanged(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const c = cloneJson(o);
    for (const e of (c.metadata.managedFields ?? []) as Array<
      Record<string, unknown>
    >)
      delete e.time;
    return c;
  };
  return jsonEqual(strip(a), strip(b));
}

/**
 * Drops the fields a custom resource's schema does not declare, as the API server prunes them, following
 * `fieldValidation`: a warning per field (`Warn`, the default), silently (`Ignore`), or 400 BadRequest (`Strict`).
 */
function pruneCustomResource(call: ResourceCall, obj: KubeObject): void {
  const schema = call.rt.definition?.schema;
  if (!schema) return;
  const pruned = pruneUnknownFields(schema, obj);
  if (pruned.length === 0) return;
  const validation = call.query.get('fieldValidation') ?? 'Warn';
  const unknown = pruned.map(p => `unknown field "${p}"`);
  if (validation === 'Strict') {
    const { kind, version } = call.rt;
    throw new ApiError(
      400,
      'BadRequest',
      `${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${unknown.join(
        ', ',
      )}`,
    );
  }
  if (validation !== 'Ignore')
    for (const warning of unknown) call.admission.addWarning(warning);
}

/**
 * Stores a replacement computed from the stored object (PUT, PATCH, apply): keeps server-owned fields,
 * validates, records field ownership when `manager` is given, and skips no-op writes.
 */
export function storeReplacement(
  call: ResourceCall,
  stored: KubeObject,
  candidate: KubeObject,
  manager: string | undefined,
): ApiResponse {
  const { rt, store } = call;
  const dryRun = isDryRun(call.query);
  const next = carryOver(rt, stored, candidate, undefined);
  pruneCustomResource(call, next);
  assertValid(rt, next);
  if (manager !== undefined) recordUpdate(stored, next, manager, rt);
  // Admission sees every update, even one that changes nothing.
  admitWrite(call, 'UPDATE', call.name ?? '', next, stored);
  if (unchanged(next, stored)) return { status: 200, body: stored };
  if (!dryRun) {
    next.metadata.resourceVersion = store.nextResourceVersion();
    store.put(rt, next);
  }
  return { status: 200, body: canonicalOrder(next) };
}

/**
 * Stores a new object: validation, namespace existence, server fields, admission, uniqueness. `requestName`
 * is the name the request gave, `''` when the server generated it.
 */
export function storeCreated(
  call: ResourceCall,
  candidate: KubeObject,
  manager: string | undefined,
  requestName = candidate.metadata.name ?? '',
): ApiResponse {
  const { rt, store } = call;
  const dryRun = isDryRun(call.query);
  pruneCustomResource(call, candidate);
  assertValid(rt, candidate);
  assertNamespaceExists(store, rt, candidate.metadata.namespace);
  const created = initializeCreated(rt, candidate, undefined);
  if (manager !== undefined) recordUpdate(undefined, created, manager, rt);
  // Mutating admission (LimitRanger) runs before validating admission, ResourceQuota last, as in the API server.
  const subjectName =
    requestName ||
    created.metadata.name ||
    (created.metadata.generateName as string | undefined) ||
    'Unknown';
  if (rt.group === '' && rt.kind === 'Pod') {
    admitLimitRanges(store, created);
    validateLimitRanges(store, created, subjectName);
    // The QoS class is set after admission has defaulted the resources, as the pod strategy sets it.
    created.status = {
      ...(created.status ?? {}),
      qosClass: podQosClass(created),
    };
  }
  admitWrite(call, 'CREATE', requestName, created, undefined);
  admitQuota(store, rt, subjectName, created);
  if (
    store.get(rt, candidate.metadata.namespace, candidate.metadata.name ?? '')
  ) {
    throw alreadyExists(rt, candidate.metadata.name ?? '');
  }
  if (!dryRun) {
    created.metadata.resourceVersion = store.nextResourceVersion();
    store.put(rt, created);
  }
  return { status: 201, body: canonicalOrder(created) };
}

export function handleCreate(call: ResourceCall): ApiResponse {
  const obj = checkBody(call, false);
  delete obj.metadata.managedFields;
  const requestName = obj.metadata.name ?? '';
  if (
    !obj.metadata.name &&
    typeof obj.metadata.generateName === 'string' &&
    obj.metadata.generateName
  ) {
    obj.metadata.name = generatedName(obj.metadata.generateName);
  }
  return storeCreated(call, obj, updateManager(call), requestName);
}

function checkResourceVersion(
  rt: ResourceType,
  stored: KubeObject,
  given: unknown,
): void {
  if (
    given !== undefined &&
    given !== '' &&
    given !== stored.metadata.resourceVersion
  ) {
    throw staleResourceVersion(rt, stored.metadata.name ?? '');
  }
}

export function handleUpdate(call: ResourceCall): ApiResponse {
  const obj = checkBody(call, false);
  checkName(call, obj);
  const stored = getStored(call);
  checkResourceVersion(call.rt, stored, obj.metadata.resourceVersion);
  if (call.subresource === 'status') return storeStatus(call, stored, obj);
  obj.metadata.managedFields = requestedOwnership(obj, stored);
  return storeReplacement(call, stored, obj, updateManager(call));
}

/** A write through the `/status` subresource: only status changes. */
export function storeStatus(
  call: ResourceCall,
  stored: KubeObject,
  candidate: KubeObject,
): ApiResponse {
  const next = cloneJson(stored);
  if (candidate.status === undefined) delete next.status;
  else next.status = cloneJson(candidate.status);
  admitWrite(call, 'UPDATE', call.name ?? '', next, stored);
  if (jsonEqual(next, stored)) return { status: 200, body: stored };
  if (!isDryRun(call.query)) {
    next.metadata.resourceVersion = call.store.nextResourceVersion();
    call.store.put(call.rt, next);
  }
  return { status: 200, body: canonicalOrder(next) };
}

function removeObject(
  store: ObjectStore,
  rt: ResourceType,
  obj: KubeObject,
  dryRun: boolean,
): void {
  if (dryRun) return;
  store.remove(rt, obj.metadata.namespace, obj.metadata.name ?? '');
}

/** The object as graceful deletion leaves it: marked with a deletionTimestamp; a Namespace also Terminating. */
function beingDeleted(rt: ResourceType, stored: KubeObject): KubeObject {
  const gone = cloneJson(stored);
  gone.metadata.deletionTimestamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
  if (rt === NAMESPACES)
    gone.status = {
      ...(isPlainObject(gone.status) ? gone.status : {}),
      phase: 'Terminating',
    };
  return gone;
}

/**
 * Deletes a Namespace the way watchers of a cluster see it: it turns Terminating (MODIFIED), its objects are
 * deleted one by one, then the Namespace itself; all at once, where a cluster's namespace controller takes
 * seconds. Answers the Terminating Namespace, as the API server does.
 */
function deleteNamespace(
  store: ObjectStore,
  stored: KubeObject,
  dryRun: boolean,
): KubeObject {
  const terminating = beingDeleted(NAMESPACES, stored);
  if (dryRun) return terminating;
  const name = stored.metadata.name ?? '';
  terminating.metadata.resourceVersion = store.nextResourceVersion();
  store.put(NAMESPACES, terminating);
  store.removeNamespaceContents(name);
  store.remove(NAMESPACES, undefined, name);
  return terminating;
}

export function handleDelete(call: ResourceCall): ApiResponse {
  const { rt, store } = call;
  const stored = getStored(call);
  checkPreconditions(call, stored);
  const name = stored.metadata.name ?? '';
  if (rt === NAMESPACES && PROTECTED_NAMESPACES.includes(name)) {
    throw new ApiError(
      403,
      'Forbidden',
      `namespaces "${name}" is forbidden: this namespace may not be deleted`,
      {
        name,
        kind: 'namespaces',
      },
    );
  }
  admitWrite(call, 'DELETE', name, undefined, stored);
  const dryRun = isDryRun(call.query);
  if (rt === NAMESPACES)
    return { status: 200, body: deleteNamespace(store, stored, dryRun) };
  removeObject(store, rt, stored, dryRun);
  // Pods are deleted gracefully on a real cluster, so the API answers with the object.
  if (rt.kind === 'Pod') return { status: 200, body: beingDeleted(rt, stored) };
  return {
    status: 200,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: {
        name,
        ...(rt.group ? { group: rt.group } : {}),
        kind: rt.plural,
        uid: stored.metadata.uid,
      },
    },
  };
}

export function handleDeleteCollection(call: ResourceCall): ApiResponse {
  const { rt, store, query } = call;
  const dryRun = isDryRun(query);
  const selected = selectObjects(
    store,
    rt,
    call.namespace,
    parseLabelSelector(query.get('labelSelector')),
    parseFieldSelector(query.get('fieldSelector'), rt),
  ).map(s => cloneJson(s.object));
  // Each object goes through admission, named by no request name, as the API server's delete collection
  // does; the admitted ones are deleted and the first refusal is the answer.
  let refusal: unknown;
  const deleted = selected.filter(obj => {
    try {
      admitWrite(call, 'DELETE', '', undefined, obj);
    } catch (e) {
      refusal ??= e;
      return false;
    }
    removeObject(store, rt, obj, dryRun);
    return true;
  });
  if (refusal) throw refusal;
  return {
    status: 200,
    body: {
      kind: `${rt.kind}List`,
      apiVersion: apiVersionOf(rt),
      metadata: { resourceVersion: store.currentResourceVersion() },
      items: deleted.map(o => toListItem(rt, o)),
    },
  };
}
