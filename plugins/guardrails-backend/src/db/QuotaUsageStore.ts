/**
 * A namespace as a cluster's read found it, with what it says of itself.
 * @public
 */
export interface QuotaNamespace {
  cluster: string;
  namespace: string;
  /** Its `guardrails.dev/environment` label, else its cluster's environment. */
  environment: string;
  /** The component the namespace was provisioned for (full, lower-case ref). */
  entityRef?: string;
  /** The namespace's owner entity ref. */
  owner?: string;
  /** The size the namespace was provisioned with. */
  size?: string;
  costCenter?: string;
}

/** A namespace as stored, with when it was read. @public */
export interface StoredQuotaNamespace extends QuotaNamespace {
  observedAt: string;
}

/**
 * One resource of a ResourceQuota as a cluster's read found it.
 * @public
 */
export interface QuotaUsage {
  cluster: string;
  environment: string;
  namespace: string;
  /** The ResourceQuota's name. */
  quota: string;
  /** The quota key, e.g. `requests.cpu`. */
  resource: string;
  /** The component of the quota's namespace. */
  entityRef?: string;
  /** The cost centre of the quota's namespace. */
  costCenter?: string;
  /** status.hard as Kubernetes wrote it. */
  hard: string;
  /** status.used as Kubernetes wrote it; absent when the status does not report it. */
  used?: string;
  /** hard in base units (cores, bytes, counts); absent when it is not a quantity. */
  hardValue?: number;
  usedValue?: number;
}

/** Quota use as stored, with when it was read. @public */
export interface StoredQuotaUsage extends QuotaUsage {
  observedAt: string;
}

/** Quota use as the last successful read of a day found it. @public */
export interface DailyQuotaUsage extends QuotaUsage {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
}

/** What the namespaces of one cost centre and environment reserved on one day. @public */
export interface DailyReserved {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  costCenter?: string;
  environment: string;
  /** CPUs. */
  cpu: number;
  /** Bytes of memory. */
  memory: number;
}

/**
 * ResourceQuota use per cluster and namespace, replaced at each successful read of a cluster, and per day.
 * @public
 */
export interface QuotaUsageStore {
  /**
   * Replaces one cluster's namespaces and quota use with those of a newer read, and that day's quota rows of the
   * cluster, in one transaction and a fixed number of statements (batched). A read older than the stored one is
   * ignored.
   */
  replaceQuotaUsage(input: {
    cluster: string;
    observedAt: Date;
    namespaces: QuotaNamespace[];
    usage: QuotaUsage[];
  }): Promise<void>;

  /** The namespaces of every cluster, or those of one entity, as the latest reads found them. */
  quotaNamespaces(options?: {
    entityRef?: string;
  }): Promise<StoredQuotaNamespace[]>;

  /** The current quota use of every cluster, or of the namespaces of one entity. */
  quotaUsage(options?: { entityRef?: string }): Promise<StoredQuotaUsage[]>;

  /**
   * Per day (inclusive, UTC), cost centre and environment, the CPU and memory the given clusters' namespaces
   * reserved: each namespace at the smallest hard among its quotas' `requests.cpu` or `cpu` (`requests.memory` or
   * `memory`), since each quota limits it on its own. Summed in the database, so a year is a few rows a day.
   */
  dailyReserved(options: {
    from: Date;
    to: Date;
    clusters: readonly string[];
  }): Promise<DailyReserved[]>;

  /** The daily rows between two days (inclusive, UTC). */
  dailyQuotaUsage(options: {
    from: Date;
    to: Date;
  }): Promise<DailyQuotaUsage[]>;
}
