import { InputError } from '@backstage/errors';
import { ClusterRequestError } from './ClusterRequestError';
import { knownResource, ResourceInfo } from './knownResources';
import { RequestExecutor } from './RequestExecutor';

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/**
 * Finds the plural resource name of a kind: from the static table, otherwise from the cluster's
 * discovery document (`/api/v1`, `/apis/<group>/<version>`), cached for the life of the client.
 */
export class ResourceResolver {
  private readonly discovered = new Map<string, Promise<ApiResource[]>>();

  constructor(
    private readonly cluster: string,
    private readonly executor: RequestExecutor,
  ) {}

  async resolve(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const known = knownResource(apiVersion, kind);
    if (known) {
      return known;
    }
    let found = findKind(await this.discover(apiVersion), kind);
    if (!found) {
      // A CustomResourceDefinition may have been installed since the last discovery.
      this.discovered.delete(apiVersion);
      found = findKind(await this.discover(apiVersion), kind);
    }
    if (!found) {
      throw new ClusterRequestError({
        cluster: this.cluster,
        verb: 'discover',
        target: { apiVersion, kind },
        status: 404,
        reason: 'NotFound',
        detail: `the cluster does not serve kind ${kind} in ${apiVersion}`,
        attempts: 1,
      });
    }
    return { plural: found.name, namespaced: found.namespaced };
  }

  private discover(apiVersion: string): Promise<ApiResource[]> {
    let pending = this.discovered.get(apiVersion);
    if (!pending) {
      pending = this.fetch(apiVersion);
      // Failed discoveries are not cached, so the next call tries again.
      pending.catch(() => this.discovered.delete(apiVersion));
      this.discovered.set(apiVersion, pending);
    }
    return pending;
  }

  private async fetch(apiVersion: string): Promise<ApiResource[]> {
    const response = await this.executor.execute({
      verb: 'discover',
      target: { apiVersion, kind: '' },
      method: 'GET',
      path: apiVersionPath(apiVersion),
    });
    const resources = (response.body as { resources?: ApiResource[] })
      ?.resources;
    return Array.isArray(resources) ? resources : [];
  }
}

/** `/api/v1` for the core group, `/apis/<group>/<version>` otherwise. */
export function apiVersionPath(apiVersion: string): string {
  const parts = apiVersion.split('/');
  if (
    parts.length > 2 ||
    parts.some(p => !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(p))
  ) {
    throw new InputError(`'${apiVersion}' is not a valid apiVersion`);
  }
  return parts.length === 1 ? `/api/${apiVersion}` : `/apis/${apiVersion}`;
}

function findKind(resources: ApiResource[], kind: string) {
  // Subresources (`deployments/scale`) share the kind of their parent; skip them.
  return resources.find(r => r.kind === kind && !r.name.includes('/'));
}
