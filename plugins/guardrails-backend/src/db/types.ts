import type {
  EnforcementLevel,
  GuardrailResult,
  ResultStatus,
} from '@guardrails-dev/plugin-guardrails-common';

/**
 * A result as the store keeps it: where it was found, who owns it, and where it came from.
 * @public
 */
export interface StoredResult extends GuardrailResult {
  /** Full lower-case entity ref of the owning component; undefined when no component owns the object. */
  entityRef?: string;
  owner?: string;
  /** The cluster the object runs in (also in `resource.cluster`). */
  cluster: string;
  /** The environment of the cluster (also in `resource.environment`). */
  environment: string;
  /** `audit`, `policyreport:<name>` or `auto-correct`. */
  source: string;
}

/**
 * The audit state of one cluster. A stale cluster's results are those of its last successful audit.
 * @public
 */
export interface ClusterAuditStatus {
  cluster: string;
  environment: string;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastError?: string;
  /** True when the last audit failed (or no audit ever succeeded): its results must not be read as compliant. */
  stale: boolean;
}

/** Counts of one entity's results in one environment, by level and result. @public */
export interface EntitySummaryRow {
  entityRef: string;
  environment: string;
  level: EnforcementLevel;
  result: ResultStatus;
  count: number;
  /** The latest `lastSeen` among the counted results. */
  lastSeen: string;
}

/** Counts of results by guardrail, environment and result, across all objects. @public */
export interface DistributionRow {
  guardrail: string;
  environment: string;
  result: ResultStatus;
  count: number;
}

/** One day of violation counts for one environment and guardrail. @public */
export interface HistoryRow {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  environment: string;
  guardrail: string;
  failing: number;
  warning: number;
  errors: number;
}

/** @public */
export interface ReplaceClusterResultsInput {
  cluster: string;
  environment: string;
  /** When the successful audit read the cluster; becomes every result's `lastSeen`. */
  auditedAt: Date;
  results: StoredResult[];
  /**
   * The sources whose results this audit replaces; defaults to `['audit']`. `<family>:*` stands for every source
   * of that family the cluster has stored (e.g. `policyreport:*` also drops reports that no longer exist).
   */
  sources?: string[];
  /**
   * The namespaces the suite provisioned in this cluster, as this audit found them. When given, they replace the
   * cluster's recorded namespaces in the same transaction as the results; when absent, those are left as they are.
   */
  provisionedNamespaces?: Array<Omit<ProvisionedNamespace, 'cluster'>>;
}

/** A cluster-scoped object other than a Namespace, whose results a scoped replacement covers. @public */
export interface ClusterObjectScope {
  apiVersion: string;
  kind: string;
  name: string;
}

/** @public */
export interface ReplaceScopeResultsInput {
  cluster: string;
  environment: string;
  /** When the objects of these scopes were evaluated; becomes the `lastSeen` of every result in them. */
  evaluatedAt: Date;
  /** Namespaces whose results are replaced: the Namespace object's own (kind Namespace, name = the namespace, no namespace) and every object's in it. */
  namespaces: string[];
  /** Cluster-scoped objects other than namespaces whose results are replaced. */
  clusterObjects: ClusterObjectScope[];
  /** The results now found in these scopes. A result outside them, or of another cluster, environment or source, is an InputError. */
  results: StoredResult[];
  /** Exact source names replaced within the scopes, e.g. ['audit', 'drift', 'auto-correct']; no `family:*` here. */
  sources: string[];
  /** The suite-provisioned namespaces among `namespaces`, as found now; the recorded rows of exactly these namespaces are replaced by them (so a namespace in scope but absent here loses its row). */
  provisionedNamespaces: Array<Omit<ProvisionedNamespace, 'cluster'>>;
}

/** @public */
export interface ReplaceClusterResultsOutcome {
  /** Results not stored before. */
  added: number;
  /** Results stored before and still present; their `firstSeen` is kept. */
  kept: number;
  /** Stored results no longer present, now deleted. */
  removed: number;
}

/** @public */
export interface MarkClusterFailedInput {
  cluster: string;
  environment: string;
  failedAt: Date;
  error: string;
}

/**
 * A namespace the suite provisioned (`app.kubernetes.io/managed-by: backstage-guardrails`), with the component it
 * was provisioned for (`guardrails.dev/entity-ref`).
 * @public
 */
export interface ProvisionedNamespace {
  cluster: string;
  namespace: string;
  /** The namespace's `guardrails.dev/environment` label, else the environment of its cluster. */
  environment: string;
  /** Full lower-case ref of the component. */
  entityRef: string;
}

/** When an entity's current summary status was first found by an audit. */
export interface EntityStatusTime {
  entityRef: string;
  /** The status without its time: equal keys are the same status. */
  key: string;
  /** ISO 8601 time of the audit that first found this status. */
  evaluatedAt: string;
}
