import {
  ApiMissingCluster,
  ApiStaleCluster,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  EnvironmentDefinition,
  redactAddresses,
} from '@guardrails-dev/plugin-guardrails-node';
import { ClusterAuditStatus } from '../db';

export type MissingCluster = ApiMissingCluster & { environment: string };
export type StaleCluster = ApiStaleCluster & { environment: string };

/**
 * Which configured clusters' data is missing (no audit has succeeded yet, so nothing is known of what runs there) or
 * stale (the last audit failed, so the results are those of the last good one). Errors are served to people: they
 * name the cluster and never its address, also when stored before addresses were kept out of them.
 */
export class ClusterCoverage {
  private constructor(
    readonly missing: MissingCluster[],
    readonly stale: StaleCluster[],
  ) {}

  static of(
    environments: EnvironmentDefinition[],
    statuses: ClusterAuditStatus[],
  ): ClusterCoverage {
    const byCluster = new Map(statuses.map(s => [s.cluster, s]));
    const missing: MissingCluster[] = [];
    const stale: StaleCluster[] = [];
    for (const environment of environments) {
      for (const cluster of environment.clusters) {
        const status = byCluster.get(cluster);
        if (!status?.lastSuccessAt) {
          missing.push({
            cluster,
            environment: environment.name,
            ...(status?.lastError !== undefined
              ? { error: redactAddresses(status.lastError) }
              : {}),
            ...(status?.lastFailureAt
              ? { failedAt: status.lastFailureAt }
              : {}),
          });
        } else if (status.stale) {
          stale.push({
            ...staleCluster(status),
            environment: environment.name,
          });
        }
      }
    }
    return new ClusterCoverage(missing, stale);
  }

  missingIn(environment: string): ApiMissingCluster[] {
    return this.missing
      .filter(m => m.environment === environment)
      .map(({ environment: _, ...m }) => m);
  }

  staleIn(environment: string): ApiStaleCluster[] {
    return this.stale
      .filter(s => s.environment === environment)
      .map(({ environment: _, ...s }) => s);
  }

  /** Environments with a cluster never audited successfully. */
  environmentsMissingData(): Set<string> {
    return new Set(this.missing.map(m => m.environment));
  }

  /**
   * Why an entity seen in the given environments has incomplete data, naming the clusters: every cluster never
   * audited (the entity may run there unseen) and the stale clusters of its environments. The text changes only when
   * the set of clusters does, so that an unchanged summary stays the same.
   */
  describeGaps(environmentsSeen: Iterable<string>): string | undefined {
    const seen = new Set(environmentsSeen);
    const reasons = [
      ...this.missing.map(
        m =>
          `cluster ${m.cluster} (${m.environment}) has never been audited successfully`,
      ),
      ...this.stale
        .filter(s => seen.has(s.environment))
        .map(
          s =>
            `the last audit of cluster ${s.cluster} (${s.environment}) failed; its results are older`,
        ),
    ];
    return reasons.length > 0 ? reasons.join('; ') : undefined;
  }
}

/** A stale cluster as the API shows it. */
export function staleCluster(status: ClusterAuditStatus): ApiStaleCluster {
  return {
    cluster: status.cluster,
    error:
      status.lastError !== undefined
        ? redactAddresses(status.lastError)
        : 'the last audit of this cluster failed',
    failedAt: status.lastFailureAt ?? '',
    ...(status.lastSuccessAt ? { lastSuccessAt: status.lastSuccessAt } : {}),
  };
}
