import {
  badRequest,
  staleResourceVersion,
  unsupportedMediaType,
} from '../api/status';
import { requestedOwnership } from '../apply/managedFields';
import { serverSideApply } from '../apply/serverSideApply';
import { applyJsonPatch } from '../patch/jsonPatch';
import { applyMergePatch } from '../patch/mergePatch';
import { applyStrategicMergePatch } from '../patch/strategicMergePatch';
import { cloneJson, isPlainObject, KubeObject } from '../store/objects';
import { getStored } from './readHandlers';
import { ApiResponse, PATCH_MEDIA_TYPES } from './request';
import { ResourceCall } from './resourceCall';
import { storeCreated, storeReplacement, storeStatus } from './writeHandlers';
import {
  checkBody,
  checkName,
  invalidOption,
  updateManager,
} from './writeChecks';

export const APPLY_PATCH = 'application/apply-patch+yaml';
const STRATEGIC = 'application/strategic-merge-patch+json';

const PATCHERS: Record<string, (target: unknown, patch: unknown) => unknown> = {
  'application/json-patch+json': applyJsonPatch,
  'application/merge-patch+json': applyMergePatch,
  [STRATEGIC]: applyStrategicMergePatch,
};

function parseForce(query: URLSearchParams): boolean {
  const force = query.get('force');
  if (force === null) return false;
  if (force === 'true' || force === '1') return true;
  if (force === 'false' || force === '0' || force === '') return false;
  throw badRequest(`force must be true or false, got ${JSON.stringify(force)}`);
}

/** PATCH: JSON patch, merge patch, strategic merge patch, or server-side apply. */
export function handlePatch(call: ResourceCall): ApiResponse {
  const force = parseForce(call.query);
  if (call.contentType === APPLY_PATCH) return handleApply(call, force);
  // Custom resources have no patch strategies: the API server does not take strategic merge patches for them.
  const accepted = call.rt.definition
    ? PATCH_MEDIA_TYPES.filter(t => t !== STRATEGIC)
    : PATCH_MEDIA_TYPES;
  const patcher = accepted.includes(call.contentType)
    ? PATCHERS[call.contentType]
    : undefined;
  if (!patcher) throw unsupportedMediaType(call.contentType, accepted);
  if (call.query.has('force')) {
    throw invalidOption(
      'PatchOptions',
      'force',
      'FieldValueForbidden',
      'Forbidden: may not be specified for non-apply patch',
    );
  }
  const stored = getStored(call);
  const patched = patcher(cloneJson(stored), call.body);
  if (!isPlainObject(patched))
    throw badRequest('the patch must leave a Kubernetes object');
  const candidate = checkBody({ ...call, body: patched }, true);
  checkName(call, candidate);
  if (
    candidate.metadata.resourceVersion !== undefined &&
    candidate.metadata.resourceVersion !== stored.metadata.resourceVersion
  ) {
    throw staleResourceVersion(call.rt, stored.metadata.name ?? '');
  }
  if (call.subresource === 'status')
    return storeStatus(call, stored, candidate);
  candidate.metadata.managedFields = requestedOwnership(candidate, stored);
  return storeReplacement(call, stored, candidate, updateManager(call));
}

/**
 * Server-side apply: creates the object when absent (201), else merges the applied configuration under the
 * field manager's ownership (200), answering 409 when another manager owns a field with another value.
 */
function handleApply(call: ResourceCall, force: boolean): ApiResponse {
  const manager = call.query.get('fieldManager');
  if (!manager) {
    throw invalidOption(
      'PatchOptions',
      'fieldManager',
      'FieldValueRequired',
      'Required value: is required for apply patch',
    );
  }
  const applied: KubeObject = checkBody(call, true);
  checkName(call, applied);
  if (applied.metadata.managedFields !== undefined) {
    throw badRequest(
      'metadata.managedFields must be nil in an apply configuration',
    );
  }
  const stored = call.store.get(call.rt, call.namespace, call.name ?? '');
  if (
    stored &&
    applied.metadata.resourceVersion !== undefined &&
    applied.metadata.resourceVersion !== stored.metadata.resourceVersion
  ) {
    throw staleResourceVersion(call.rt, stored.metadata.name ?? '');
  }
  for (const serverOwned of [
    'resourceVersion',
    'uid',
    'creationTimestamp',
    'generation',
    'deletionTimestamp',
  ]) {
    delete applied.metadata[serverOwned];
  }
  if (call.subresource === 'status') {
    const current = getStored(call);
    return storeStatus(
      call,
      current,
      applyMergePatch(current, {
        status: applied.status ?? null,
      }) as KubeObject,
    );
  }
  if (!stored) {
    const created = serverSideApply(
      undefined,
      applied,
      manager,
      force,
      call.rt,
    );
    return storeCreated(call, created, undefined);
  }
  const merged = serverSideApply(stored, applied, manager, force, call.rt);
  return storeReplacement(call, stored, merged, undefined);
}
