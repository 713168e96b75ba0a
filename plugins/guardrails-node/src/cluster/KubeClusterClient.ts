import { InputError } from '@backstage/errors';
import { applyBody, sameContent } from './applyBody';
import { upgradedManagedFields } from './managedFieldsUpgrade';
import { resourcePath } from './objectPaths';
import { RequestExecutor } from './RequestExecutor';
import { ResourceResolver } from './ResourceResolver';
import {
  ApplyOptions,
  ApplyResult,
  ClusterClient,
  KubernetesObject,
  ListOptions,
  ListPage,
  ServedKind,
  WatchEvent,
  WatchHandle,
  WatchOptions,
} from './types';
import { ClusterRequestError } from './ClusterRequestError';

/** Field manager of every apply; Guardrails' ownership of fields is visible in managedFields. @public */
export const FIELD_MANAGER = 'backstage-guardrails';
const APPLY_CONTENT_TYPE = 'application/apply-patch+yaml';
const JSON_PATCH_CONTENT_TYPE = 'application/json-patch+json';
const DEFAULT_PAGE_SIZE = 500;

/** {@link ClusterClient} over the cluster's REST API. Created only by ClusterAccess. */
export class KubeClusterClient implements ClusterClient {
  constructor(
    readonly cluster: string,
    private readonly executor: RequestExecutor,
    private readonly resolver: ResourceResolver,
  ) {}

  async *list(
    apiVersion: string,
    kind: string,
    options: ListOptions = {},
  ): AsyncIterable<ListPage> {
    const limit = options.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new InputError(
        `list limit must be a positive integer, got ${limit}`,
      );
    }
    const info = await this.resolver.resolve(apiVersion, kind);
    const path = resourcePath(apiVersion, kind, info, {
      namespace: options.namespace,
      listing: true,
    });
    const labelSelector = formatLabelSelector(options.labelSelector);

    let continueToken: string | undefined;
    do {
      const response = await this.executor
        .execute({
          verb: 'list',
          target: { apiVersion, kind, namespace: options.namespace },
          method: 'GET',
          path,
          query: {
            labelSelector,
            fieldSelector: options.fieldSelector,
            limit: String(limit),
            continue: continueToken,
          },
        })
        .catch(error => {
          // A list answers 404 only when the kind is no longer served (its CRD was deleted): discover it again.
          if (error instanceof ClusterRequestError && error.status === 404) {
            this.resolver.forget(apiVersion);
          }
          throw error;
        });
      const body = response.body as {
        items?: KubernetesObject[];
        metadata?: { continue?: string; resourceVersion?: string };
      };
      yield {
        // The API server leaves apiVersion and kind off the items of a list.
        items: (body.items ?? []).map(item => ({ ...item, apiVersion, kind })),
        resourceVersion: body.metadata?.resourceVersion,
      };
      continueToken = body.metadata?.continue || undefined;
    } while (continueToken);
  }

  async watch(
    apiVersion: string,
    kind: string,
    options: WatchOptions,
    onEvent: (event: WatchEvent) => void,
  ): Promise<WatchHandle> {
    const info = await this.resolver.resolve(apiVersion, kind);
    const path = resourcePath(apiVersion, kind, info, {
      namespace: options.namespace,
      listing: true,
    });
    return this.executor.watch(
      {
        verb: 'watch',
        target: { apiVersion, kind, namespace: options.namespace },
        method: 'GET',
        path,
        query: {
          resourceVersion: options.resourceVersion,
          allowWatchBookmarks: options.allowWatchBookmarks ? 'true' : undefined,
          timeoutSeconds:
            options.timeoutSeconds !== undefined
              ? String(options.timeoutSeconds)
              : undefined,
          labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector,
        },
      },
      (type, object) => {
        if (
          type !== 'ADDED' &&
          type !== 'MODIFIED' &&
          type !== 'DELETED' &&
          type !== 'BOOKMARK'
        ) {
          return;
        }
        onEvent({
          type,
          // As in lists, the kind is set whatever the server wrote.
          object:
            type === 'BOOKMARK'
              ? (object as KubernetesObject)
              : ({ ...object, apiVersion, kind } as KubernetesObject),
        });
      },
    );
  }

  servedKind(group: string, kind: string): Promise<ServedKind | undefined> {
    return this.resolver.servedKind(group, kind);
  }

  async listAll(
    apiVersion: string,
    kind: string,
    options?: ListOptions,
  ): Promise<KubernetesObject[]> {
    const all: KubernetesObject[] = [];
    for await (const page of this.list(apiVersion, kind, options)) {
      all.push(...page.items);
    }
    return all;
  }

  async get(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): Promise<KubernetesObject | undefined> {
    const info = await this.resolver.resolve(apiVersion, kind);
    const response = await this.executor.execute({
      verb: 'get',
      target: { apiVersion, kind, namespace, name },
      method: 'GET',
      path: resourcePath(apiVersion, kind, info, { namespace, name }),
      notFoundIsResult: true,
    });
    return response.status === 404
      ? undefined
      : (response.body as KubernetesObject);
  }

  async apply(
    object: KubernetesObject,
    options: ApplyOptions = {},
  ): Promise<ApplyResult> {
    const { apiVersion, kind, name, namespace } = checkApplicable(
      object,
      'apply',
    );
    const info = await this.resolver.resolve(apiVersion, kind);
    const path = resourcePath(apiVersion, kind, info, { namespace, name });

    // A server-side apply answers 201 when it creates and 200 otherwise, also when nothing
    // changed, so telling `updated` from `unchanged` needs the object as it was. One GET first is
    // the cheapest correct way: the API server bumps resourceVersion only when it writes, so equal
    // versions before and after mean the apply was a no-op.
    const before =
      options.current !== undefined
        ? options.current ?? undefined
        : await this.get(apiVersion, kind, name, namespace);
    const response = await this.executor.execute({
      verb: 'apply',
      target: { apiVersion, kind, namespace, name },
      method: 'PATCH',
      path,
      query: {
        fieldManager: FIELD_MANAGER,
        force: options.force ? 'true' : undefined,
        dryRun: options.dryRun ? 'All' : undefined,
      },
      body: JSON.stringify(applyBody(object)),
      contentType: APPLY_CONTENT_TYPE,
    });
    const after = response.body as KubernetesObject;

    if (response.status === 201) {
      return { object: after, outcome: 'created' };
    }
    if (!before) {
      // Created by someone else between the GET and the apply, which then landed on it.
      return { object: after, outcome: 'updated' };
    }
    // A dry run never writes, so its resourceVersion says nothing; compare the content instead.
    const unchanged = options.dryRun
      ? sameContent(before, after)
      : before.metadata?.resourceVersion === after.metadata?.resourceVersion;
    return { object: after, outcome: unchanged ? 'unchanged' : 'updated' };
  }

  async create(
    object: KubernetesObject,
  ): Promise<KubernetesObject | undefined> {
    const { apiVersion, kind, name, namespace } = checkApplicable(
      object,
      'create',
    );
    const info = await this.resolver.resolve(apiVersion, kind);
    const response = await this.executor.execute({
      verb: 'create',
      target: { apiVersion, kind, namespace, name },
      method: 'POST',
      path: resourcePath(apiVersion, kind, info, { namespace, listing: true }),
      query: { fieldManager: FIELD_MANAGER },
      body: JSON.stringify(applyBody(object)),
      conflictIsResult: true,
    });
    return response.status === 409
      ? undefined
      : (response.body as KubernetesObject);
  }

  async upgradeToApply(
    object: KubernetesObject,
    configuration: KubernetesObject,
  ): Promise<KubernetesObject> {
    const { apiVersion, kind, name, namespace, metadata } = checkApplicable(
      object,
      'patch',
    );
    const entries = upgradedManagedFields(
      metadata.managedFields,
      FIELD_MANAGER,
      applyBody(configuration),
    );
    if (!entries) {
      return object;
    }
    const info = await this.resolver.resolve(apiVersion, kind);
    const response = await this.executor.execute({
      verb: 'patch',
      target: { apiVersion, kind, namespace, name },
      method: 'PATCH',
      path: resourcePath(apiVersion, kind, info, { namespace, name }),
      query: { fieldManager: FIELD_MANAGER },
      // The test makes the patch fail rather than overwrite ownership that changed since the read.
      body: JSON.stringify([
        {
          op: 'test',
          path: '/metadata/resourceVersion',
          value: metadata.resourceVersion,
        },
        { op: 'replace', path: '/metadata/managedFields', value: entries },
      ]),
      contentType: JSON_PATCH_CONTENT_TYPE,
    });
    return response.body as KubernetesObject;
  }

  async delete(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): Promise<boolean> {
    const info = await this.resolver.resolve(apiVersion, kind);
    const response = await this.executor.execute({
      verb: 'delete',
      target: { apiVersion, kind, namespace, name },
      method: 'DELETE',
      path: resourcePath(apiVersion, kind, info, { namespace, name }),
      notFoundIsResult: true,
    });
    return response.status !== 404;
  }
}

/** What every write needs of an object, checked. */
function checkApplicable(object: KubernetesObject, verb: string) {
  if (!object || typeof object !== 'object') {
    throw new InputError(`${verb} needs a Kubernetes object`);
  }
  const { apiVersion, kind, metadata } = object;
  if (typeof apiVersion !== 'string' || !apiVersion) {
    throw new InputError(`${verb} needs an object with apiVersion`);
  }
  if (typeof kind !== 'string' || !kind) {
    throw new InputError(
      `${verb} needs an object with kind (apiVersion ${apiVersion})`,
    );
  }
  const name = metadata?.name;
  if (!metadata || typeof name !== 'string' || !name) {
    throw new InputError(`${verb} needs a ${kind} with metadata.name`);
  }
  return { apiVersion, kind, name, namespace: metadata.namespace, metadata };
}

function formatLabelSelector(
  selector: ListOptions['labelSelector'],
): string | undefined {
  if (selector === undefined || typeof selector === 'string') {
    return selector || undefined;
  }
  const parts = Object.entries(selector).map(
    ([key, value]) => `${key}=${value}`,
  );
  return parts.length ? parts.join(',') : undefined;
}
