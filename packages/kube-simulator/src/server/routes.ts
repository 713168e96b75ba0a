import { ResourceType } from '../api/resources';
import { ResourceRegistry } from '../api/ResourceRegistry';
import { resourceNotServed } from '../api/status';

/** What a URL path names. */
export type Route =
  | { type: 'version' }
  | { type: 'health' }
  | { type: 'coreVersions' }
  | { type: 'groups' }
  | { type: 'group'; group: string }
  | { type: 'resourceList'; group: string; version: string }
  | { type: 'openApiV3Index' }
  /** The simulator's own audit log of admission results (not a Kubernetes API). */
  | { type: 'auditLog' }
  /** `/openapi/v3/<path>`: path is `api/v1` or `apis/<group>/<version>`. */
  | { type: 'openApiV3Document'; path: string }
  | {
      type: 'resource';
      rt: ResourceType;
      /** Namespace from the URL; undefined for cluster-scoped types and cross-namespace lists. */
      namespace?: string;
      name?: string;
      subresource?: string;
      /** The legacy `/watch/` prefix: a watch of the collection, or of the named object. */
      watch?: boolean;
    };

const HEALTH = ['/healthz', '/livez', '/readyz'];

/** Where the simulator serves its audit log. */
export const AUDIT_LOG_PATH = '/kube-simulator/audit';

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Maps a URL path to a route. Throws 404 for paths that name nothing served. */
export function parseRoute(pathname: string, types: ResourceRegistry): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/version') return { type: 'version' };
  if (HEALTH.includes(path)) return { type: 'health' };
  if (path === '/api') return { type: 'coreVersions' };
  if (path === '/apis') return { type: 'groups' };
  if (path === '/openapi/v3') return { type: 'openApiV3Index' };
  if (path === AUDIT_LOG_PATH) return { type: 'auditLog' };
  if (path.startsWith('/openapi/v3/'))
    return {
      type: 'openApiV3Document',
      path: path.slice('/openapi/v3/'.length),
    };
  const segments = path.split('/').slice(1).map(decode);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 2) {
    [group, version, rest] = ['', segments[1], segments.slice(2)];
  } else if (segments[0] === 'apis' && segments.length === 2) {
    return { type: 'group', group: segments[1] };
  } else if (segments[0] === 'apis' && segments.length >= 3) {
    [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
  } else {
    throw resourceNotServed();
  }
  if (rest.length === 0) return { type: 'resourceList', group, version };
  // The deprecated `/watch/` prefix still serves watches, without subresources.
  const watch = rest[0] === 'watch';
  if (watch) rest = rest.slice(1);
  if (rest.length === 0) throw resourceNotServed();
  const namespaceItself =
    rest[0] === 'namespaces' &&
    (rest.length <= 2 ||
      (rest.length === 3 && ['status', 'finalize'].includes(rest[2])));
  const route = (
    plural: string,
    namespace: string | undefined,
    tail: string[],
  ): Route => {
    const rt = types.byPlural(group, version, plural);
    if (!rt || tail.length > 2) throw resourceNotServed();
    // Namespaced types under a cluster path are only listed (all namespaces); cluster-scoped types never
    // live under a namespace.
    if (rt.namespaced && namespace === undefined && tail.length > 0)
      throw resourceNotServed();
    if (!rt.namespaced && namespace !== undefined) throw resourceNotServed();
    if (watch && tail.length > 1) throw resourceNotServed();
    return {
      type: 'resource',
      rt,
      namespace,
      name: tail[0],
      subresource: tail[1],
      ...(watch ? { watch } : {}),
    };
  };
  if (namespaceItself || rest[0] !== 'namespaces')
    return route(rest[0], undefined, rest.slice(1));
  return route(rest[2], rest[1], rest.slice(3));
}
