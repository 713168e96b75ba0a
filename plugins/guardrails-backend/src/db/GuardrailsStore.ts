import type {
  ClusterAuditStatus,
  DistributionRow,
  EntityStatusTime,
  EntitySummaryRow,
  HistoryRow,
  MarkClusterFailedInput,
  ProvisionedNamespace,
  ReplaceClusterResultsInput,
  ReplaceClusterResultsOutcome,
  ReplaceScopeResultsInput,
  StoredResult,
} from './types';
import type { QuotaUsageStore } from './QuotaUsageStore';

/**
 * What each cluster's audits leave behind: its current results, its audit state and the namespaces the suite
 * provisioned in it.
 * @public
 */
export interface ClusterAuditStore {
  /**
   * Atomically replaces the current results of one cluster, for the given sources, with those of a newer
   * successful audit: results whose key (guardrail, cluster, apiVersion, kind, namespace, name, source) persists
   * keep their `firstSeen`; every given result gets `lastSeen = auditedAt`; results no longer present are
   * deleted; the cluster is marked audited at `auditedAt`. Several results with the same key are merged into the
   * most serious one. When `provisionedNamespaces` is given, the cluster's recorded provisioned namespaces are
   * replaced in the same transaction. Rejects results of another cluster, environment or source, and audits older
   * than the results they would replace.
   */
  replaceClusterResults(
    input: ReplaceClusterResultsInput,
  ): Promise<ReplaceClusterResultsOutcome>;

  /**
   * Atomically replaces the results of a few scopes of one cluster, for the given exact sources, with those of a
   * newer evaluation of their objects: a scope is a namespace (its core `v1` Namespace object and every object in it)
   * or one cluster-scoped object that is not a Namespace. Within the scopes it does what `replaceClusterResults`
   * does, the provisioned namespaces among `namespaces` included; rows outside them, and of other sources, are left
   * as they are. The cluster is marked successful at `evaluatedAt` unless it already is later. Rejects results
   * outside the scopes and evaluations older than the results in scope; with no scopes it changes nothing.
   */
  replaceScopeResults(
    input: ReplaceScopeResultsInput,
  ): Promise<ReplaceClusterResultsOutcome>;

  /** Records a failed audit: the cluster's results stay as they are and it reads as stale until a later success. */
  markClusterFailed(input: MarkClusterFailedInput): Promise<void>;

  /** Every cluster audited so far, by name. */
  clusterStatuses(): Promise<ClusterAuditStatus[]>;

  /**
   * The namespaces the suite provisioned, as each cluster's last successful audit found them, ordered by entity,
   * cluster and namespace.
   */
  provisionedNamespaces(): Promise<ProvisionedNamespace[]>;
}

/**
 * Queries over the current results of every cluster.
 * @public
 */
export interface ResultStore {
  /** The results of the objects an entity owns, in every environment; without passing results unless asked. */
  resultsForEntity(
    entityRef: string,
    options?: { includePassing?: boolean },
  ): Promise<StoredResult[]>;

  /** The results of one guardrail, optionally in one environment; without passing results unless asked. */
  resultsForGuardrail(
    guardrail: string,
    options?: { environment?: string; includePassing?: boolean },
  ): Promise<StoredResult[]>;

  /** Results of objects no component owns; without passing results unless asked. */
  unownedResults(options?: {
    includePassing?: boolean;
  }): Promise<StoredResult[]>;

  /** Per owned entity and environment: counts by level and result, and the latest time a result was seen. */
  entitySummaries(): Promise<EntitySummaryRow[]>;

  /** Counts of results by guardrail, environment and result over every object, owned or not. */
  distribution(): Promise<DistributionRow[]>;
}

/**
 * Daily violation counts, for trends.
 * @public
 */
export interface HistoryStore {
  /**
   * Records the day's violation counts per entity ('' for unowned objects), environment and guardrail from the
   * current results. Recording a day again replaces that day's counts, so it is idempotent and always reflects the
   * latest results; groups without violations are not written (a missing row means zero).
   */
  recordDailyHistory(day: Date): Promise<void>;

  /**
   * Daily counts per environment and guardrail between two days (inclusive, UTC), for one entity ('' for unowned
   * objects) or summed over all. An empty range (from after to) has no counts.
   */
  history(options: {
    entityRef?: string;
    from: Date;
    to: Date;
  }): Promise<HistoryRow[]>;
}

/**
 * When each entity's current summary status was first found, so that an unchanged status keeps its time.
 * @public
 */
export interface StatusTimeStore {
  /** When each entity's current summary status was first found, by entity ref. */
  entityStatusTimes(): Promise<Map<string, EntityStatusTime>>;

  /**
   * Records the statuses an audit found: an entity whose status key is unchanged keeps the time it has, one with a
   * new or changed key gets the given time, and entities not given are forgotten. Returns the times now recorded.
   */
  recordEntityStatusTimes(
    statuses: EntityStatusTime[],
  ): Promise<Map<string, EntityStatusTime>>;
}

/**
 * The compliance store: the current result of each guardrail on each object per cluster and source, the audit
 * state of each cluster, daily counts for trends, the times entity statuses were first found and quota use.
 * @public
 */
export interface GuardrailsStore
  extends ClusterAuditStore,
    ResultStore,
    HistoryStore,
    StatusTimeStore,
    QuotaUsageStore {}
