import type { KubernetesObject } from '@kubernetes/client-node';

/**
 * Objects are client-node's `KubernetesObject`, the type the engine's inputs accept as they are.
 * They are the API server's plain JSON, not client-node's models: timestamps are strings, though
 * client-node types them as `Date`.
 */
export type { KubernetesObject };

/** Options of {@link ClusterClient.list}. @public */
export interface ListOptions {
  /** Namespace to list in; all namespaces when absent. Must be absent for cluster-scoped kinds. */
  namespace?: string;
  /** Kubernetes label selector (`app=api,tier in (web)`), or labels that must all match. */
  labelSelector?: string | Record<string, string>;
  /** Kubernetes field selector, for example `metadata.name=api`. */
  fieldSelector?: string;
  /** Page size; defaults to 500, the chunk size kubectl uses. */
  limit?: number;
}

/** One page of a list. @public */
export interface ListPage {
  /** Objects of the page, each with `apiVersion` and `kind` set. */
  items: KubernetesObject[];
  /** resourceVersion of the list, from the first page's snapshot. */
  resourceVersion?: string;
}

/** Options of {@link ClusterClient.watch}. @public */
export interface WatchOptions {
  /** Namespace to watch in; all namespaces when absent. */
  namespace?: string;
  /** The resourceVersion to watch from, usually a list's; the current state as ADDED events when absent. */
  resourceVersion?: string;
  /** Ask for BOOKMARK events, which move the resourceVersion forward without a change. */
  allowWatchBookmarks?: boolean;
  /** The server ends the stream cleanly after this many seconds. */
  timeoutSeconds?: number;
  labelSelector?: string;
  fieldSelector?: string;
}

/** One change a watch reports. The object carries `apiVersion` and `kind`; a BOOKMARK's only its resourceVersion. @public */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: KubernetesObject;
}

/** An open watch. @public */
export interface WatchHandle {
  /**
   * Settles when the stream ends: resolves when the server ends it (its timeout) or on `stop()`; rejects with a
   * {@link ClusterRequestError} when the watch fails — status 410 when its resourceVersion is too old to resume
   * from (list again), another status or none (a broken connection) otherwise.
   */
  readonly done: Promise<void>;
  /** Closes the stream; `done` then resolves. */
  stop(): void;
}

/** How a cluster serves a kind: the version, plural resource name and scope. @public */
export interface ServedKind {
  /** `<group>/<version>` in the group's preferred version; `v1` for the core group. */
  apiVersion: string;
  kind: string;
  /** The resource name (plural, lowercase), as URLs and admission rules name it. */
  plural: string;
  namespaced: boolean;
}

/** What an apply did to the object. @public */
export type ApplyOutcome = 'created' | 'updated' | 'unchanged';

/** Options of {@link ClusterClient.apply}. @public */
export interface ApplyOptions {
  /** Validate and compute the result on the server without persisting it. */
  dryRun?: boolean;
  /** Take ownership of fields another field manager owns instead of failing with a conflict. */
  force?: boolean;
  /**
   * The object as the caller just read it (`null`: known not to exist), to tell `updated` from `unchanged`
   * without reading it again; one round trip less per object.
   */
  current?: KubernetesObject | null;
}

/** Result of {@link ClusterClient.apply}. @public */
export interface ApplyResult {
  /** The object as the server holds it after the apply (or would, for a dry run). */
  object: KubernetesObject;
  outcome: ApplyOutcome;
}

/**
 * Access to one configured cluster. Obtained from {@link ClusterAccess.forCluster}; the cluster's
 * URL and credentials come only from configuration.
 * @public
 */
export interface ClusterClient {
  /** Name of the cluster in `kubernetes.clusterLocatorMethods`. */
  readonly cluster: string;

  /** Lists objects page by page, following `continue` tokens until the list is complete. */
  list(
    apiVersion: string,
    kind: string,
    options?: ListOptions,
  ): AsyncIterable<ListPage>;

  /**
   * How the cluster serves a kind of an API group (`""` for the core group), in the group's preferred version;
   * undefined when it does not serve it (a CustomResourceDefinition that is not installed). Discovery answers are
   * kept a few minutes, and dropped when a list of the kind finds it no longer served.
   */
  servedKind(group: string, kind: string): Promise<ServedKind | undefined>;

  /**
   * Watches a kind (one HTTP stream, no retries: the caller lists again or resumes from the last resourceVersion it
   * saw). `onEvent` is called for each change in order; the stream's failures settle the handle's `done`.
   */
  watch(
    apiVersion: string,
    kind: string,
    options: WatchOptions,
    onEvent: (event: WatchEvent) => void,
  ): Promise<WatchHandle>;

  /** Lists all objects, every page concatenated. */
  listAll(
    apiVersion: string,
    kind: string,
    options?: ListOptions,
  ): Promise<KubernetesObject[]>;

  /** Reads one object; undefined when it does not exist. */
  get(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): Promise<KubernetesObject | undefined>;

  /**
   * Server-side apply with field manager `backstage-guardrails`. The object needs `apiVersion`,
   * `kind`, `metadata.name` and, for namespaced kinds, `metadata.namespace`. Server-populated
   * metadata (`managedFields`, `resourceVersion`, `uid`, …) is dropped before sending, so an
   * object read from a cluster can be applied as is.
   */
  apply(object: KubernetesObject, options?: ApplyOptions): Promise<ApplyResult>;

  /**
   * Creates an object (POST, field manager `backstage-guardrails`); undefined when an object of
   * that name already exists, in which case nothing was written. Fields it sets are owned through
   * an Update operation: {@link ClusterClient.upgradeToApply} hands them to the apply manager.
   */
  create(object: KubernetesObject): Promise<KubernetesObject | undefined>;

  /**
   * Moves the fields `backstage-guardrails` owns through creates and updates of this object, and
   * that the apply `configuration` sets, into its server-side apply entry (as client-go's
   * csaupgrade does), so later applies can change and drop them. `object` is the object as last
   * read or written: the patch fails with 422 if its resourceVersion is no longer current. Returns
   * `object` as is, without a request, when there is nothing to move.
   */
  upgradeToApply(
    object: KubernetesObject,
    configuration: KubernetesObject,
  ): Promise<KubernetesObject>;

  /** Deletes an object; true when it was deleted, false when it did not exist. */
  delete(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): Promise<boolean>;
}
