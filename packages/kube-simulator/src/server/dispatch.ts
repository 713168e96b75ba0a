import { methodNotAllowed, resourceNotServed } from '../api/status';
import { handlePatch } from './patchHandler';
import { handleGet, handleList } from './readHandlers';
import { ApiResponse } from './request';
import { ResourceCall } from './resourceCall';
import { handleWatch } from './watchHandler';
import {
  handleCreate,
  handleDelete,
  handleDeleteCollection,
  handleUpdate,
} from './writeHandlers';

/** Verbs by HTTP method, on one object and on a collection. */
const OBJECT_VERBS: Record<string, string | undefined> = {
  GET: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};
const COLLECTION_VERBS: Record<string, string | undefined> = {
  GET: 'list',
  POST: 'create',
  DELETE: 'deletecollection',
};

/**
 * The RBAC verb of a resource request, or a 405 for method and path pairs the API does not serve. `watch`: the
 * request is a watch (see `isWatch`), served for GET only.
 */
export function verbOf(
  method: string,
  call: Pick<ResourceCall, 'rt' | 'namespace' | 'name' | 'subresource'>,
  watch = false,
): string {
  if (watch && call.subresource === undefined) {
    if (method === 'GET') return 'watch';
    throw methodNotAllowed(
      `the server does not allow this method on the requested resource: ${method} ${call.rt.plural}`,
    );
  }
  const named = call.name !== undefined;
  const crossNamespace = call.rt.namespaced && call.namespace === undefined;
  if (call.subresource !== undefined) {
    if (call.subresource !== 'status' || !call.rt.statusSubresource)
      throw resourceNotServed();
    if (!['GET', 'PUT', 'PATCH'].includes(method))
      throw methodNotAllowed(
        `${method} is not supported on ${call.rt.plural}/status`,
      );
  }
  const verb = (named ? OBJECT_VERBS : COLLECTION_VERBS)[method];
  const unsupported =
    verb === undefined ||
    (crossNamespace && verb !== 'list') ||
    (verb === 'deletecollection' &&
      call.rt.kind === 'Namespace' &&
      call.rt.group === '');
  if (unsupported)
    throw methodNotAllowed(
      `the server does not allow this method on the requested resource: ${method} ${call.rt.plural}`,
    );
  return verb;
}

const HANDLERS: Record<string, (call: ResourceCall) => ApiResponse> = {
  get: handleGet,
  list: handleList,
  watch: handleWatch,
  create: handleCreate,
  update: handleUpdate,
  patch: handlePatch,
  delete: handleDelete,
  deletecollection: handleDeleteCollection,
};

export function dispatch(verb: string, call: ResourceCall): ApiResponse {
  return HANDLERS[verb](call);
}
