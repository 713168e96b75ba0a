/**
 * One resource of a ResourceQuota as a cluster's read found it, with what its namespace says of itself.
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
  /** The component the namespace was provisioned for (full, lower-case ref). */
  entityRef?: string;
  /** The namespace's owner entity ref. */
  owner?: string;
  /** The size the namespace was provisioned with. */
  size?: string;
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
export interface DailyQuotaUsage extends Omit<QuotaUsage, 'owner' | 'size'> {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
}

/**
 * ResourceQuota use per cluster and namespace, replaced at each successful read of a cluster, and per day.
 * @public
 */
export interface QuotaUsageStore {
  /**
   * Replaces one cluster's quota use with that of a newer read, and that day's rows of the cluster, in one
   * transaction and a fixed number of statements (batched). A read older than the stored one is ignored.
   */
  replaceQuotaUsage(input: {
    cluster: string;
    observedAt: Date;
    usage: QuotaUsage[];
  }): Promise<void>;

  /** The current quota use of every cluster, or of the namespaces of one entity. */
  quotaUsage(options?: { entityRef?: string }): Promise<StoredQuotaUsage[]>;

  /** The daily rows between two days (inclusive, UTC). */
  dailyQuotaUsage(options: {
    from: Date;
    to: Date;
  }): Promise<DailyQuotaUsage[]>;
}
