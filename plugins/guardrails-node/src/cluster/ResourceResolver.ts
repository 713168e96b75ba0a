import { InputError } from '@backstage/errors';
import { ClusterRequestError } from './ClusterRequestError';
import { DiscoveryCache } from './discoveryCache';
import { knownKind, knownResource, ResourceInfo } from './knownResources';
import { RequestExecutor } from './RequestExecutor';
import { ServedKind } from './types';

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** How long discovery answers are kept: a CRD installed or deleted shows within this time. */
export const DEFAULT_DISCOVERY_REFRESH_MS = 5 * 60_000;
/** At most this many resources are read from one discovery document (the largest built-in group has ~60). */
const MAX_RESOURCES_PER_VERSION = 1_000;

/**
 * Finds where kinds live: from the static table, otherwise from the cluster's discovery documents (`/apis/<group>`
 * for a group's preferred version, `/api/v1` and `/apis/<group>/<version>` for its resources), each kept for
 * `refreshMs` per client.
 */
export class ResourceResolver {
  private readonly resources: DiscoveryCache<ApiResource[] | undefined>;
  private readonly preferredVersions: DiscoveryCache<string | undefined>;

  constructor(
    private readonly cluster: string,
    private readonly executor: RequestExecutor,
    options: { refreshMs?: number; now?: () => number } = {},
  ) {
    const refreshMs = options.refreshMs ?? DEFAULT_DISCOVERY_REFRESH_MS;
    const now = options.now ?? (() => Date.now());
    this.resources = new DiscoveryCache(refreshMs, now);
    this.preferredVersions = new DiscoveryCache(refreshMs, now);
  }

  async resolve(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const known = knownResource(apiVersion, kind);
    if (known) {
      return known;
    }
    let resources = await this.discover(apiVersion);
    let found = resources && findKind(resources, kind);
    if (!found && !this.resources.askedWithin(apiVersion, 1_000)) {
      // A CustomResourceDefinition may have been installed since the last discovery.
      this.resources.forget(apiVersion);
      resources = await this.discover(apiVersion);
      found = resources && findKind(resources, kind);
    }
    if (!found) {
      throw new ClusterRequestError({
        cluster: this.cluster,
        verb: 'discover',
        target: { apiVersion, kind },
        status: 404,
        reason: 'NotFound',
        detail: resources
          ? `the cluster does not serve kind ${kind} in ${apiVersion}`
          : `the cluster does not serve ${apiVersion}`,
        attempts: 1,
      });
    }
    return { plural: found.name, namespaced: found.namespaced };
  }

  /** The kind in its group's preferred version, or undefined when the cluster does not serve it. */
  async servedKind(
    group: string,
    kind: string,
  ): Promise<ServedKind | undefined> {
    const known = knownKind(group, kind);
    if (known) {
      return { kind, ...known };
    }
    const version = group === '' ? 'v1' : await this.preferredVersion(group);
    if (version === undefined) {
      return undefined;
    }
    const apiVersion = group === '' ? 'v1' : `${group}/${version}`;
    const found = findKind((await this.discover(apiVersion)) ?? [], kind);
    return found
      ? { apiVersion, kind, plural: found.name, namespaced: found.namespaced }
      : undefined;
  }

  /** Drops what discovery said of an apiVersion and its group, after the cluster answered that it does not serve it. */
  forget(apiVersion: string): void {
    this.resources.forget(apiVersion);
    const slash = apiVersion.indexOf('/');
    if (slash >= 0) this.preferredVersions.forget(apiVersion.slice(0, slash));
  }

  private preferredVersion(group: string): Promise<string | undefined> {
    return this.preferredVersions.get(group, async () => {
      const response = await this.executor.execute({
        verb: 'discover',
        target: { apiVersion: group, kind: '' },
        method: 'GET',
        path: apiGroupPath(group),
        notFoundIsResult: true,
      });
      if (response.status === 404) return undefined;
      const version = (
        response.body as { preferredVersion?: { version?: unknown } }
      )?.preferredVersion?.version;
      return typeof version === 'string' && /^v[0-9a-z]+$/.test(version)
        ? version
        : undefined;
    });
  }

  /** The resources of an apiVersion; undefined when the cluster does not serve it. */
  private discover(apiVersion: string): Promise<ApiResource[] | undefined> {
    return this.resources.get(apiVersion, () => this.fetch(apiVersion));
  }

  private async fetch(apiVersion: string): Promise<ApiResource[] | undefined> {
    const response = await this.executor.execute({
      verb: 'discover',
      target: { apiVersion, kind: '' },
      method: 'GET',
      path: apiVersionPath(apiVersion),
      notFoundIsResult: true,
    });
    if (response.status === 404) return undefined;
    const resources = (response.body as { resources?: unknown })?.resources;
    return Array.isArray(resources)
      ? resources.slice(0, MAX_RESOURCES_PER_VERSION).filter(isApiResource)
      : [];
  }
}

/** `/apis/<group>`: the group's versions and the one it prefers. */
function apiGroupPath(group: string): string {
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(group)) {
    throw new InputError(`'${group}' is not a valid API group`);
  }
  return `/apis/${group}`;
}

function isApiResource(value: unknown): value is ApiResource {
  const r = value as Partial<ApiResource> | null;
  return (
    typeof r?.name === 'string' &&
    typeof r.kind === 'string' &&
    typeof r.namespaced === 'boolean'
  );
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
