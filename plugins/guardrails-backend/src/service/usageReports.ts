import type { components } from '../schema/openapi/generated';
import { EnvironmentDefinition } from '@guardrails-dev/plugin-guardrails-node';
import { ClusterAuditStatus, GuardrailsStore, StoredQuotaUsage } from '../db';
import { groupBy } from '../notifications/groupBy';
import { staleCluster } from './clusterCoverage';
import { usageShare } from './usageShare';

type EntityUsage = components['schemas']['EntityUsage'];
type EnvironmentUsage = components['schemas']['EnvironmentUsage'];
type QuotaUsageView = components['schemas']['QuotaUsage'];

/** The quota use of the namespaces provisioned for one entity. */
export class UsageReports {
  constructor(
    private readonly options: {
      store: Pick<
        GuardrailsStore,
        'quotaUsage' | 'provisionedNamespaces' | 'clusterStatuses'
      >;
      environments: EnvironmentDefinition[];
    },
  ) {}

  /**
   * Every namespace provisioned for the entity in each configured cluster, with its quotas as the cluster's last
   * successful read found them. A cluster never read is listed as missing under the entity's namespace names in the
   * environment's other clusters (or with an empty name when none is known): the entity may run there unseen.
   */
  async entityUsage(entityRef: string): Promise<EntityUsage> {
    const { store, environments } = this.options;
    const [usage, provisioned, statuses] = await Promise.all([
      store.quotaUsage({ entityRef }),
      store.provisionedNamespaces(),
      store.clusterStatuses(),
    ]);
    const byCluster = new Map(statuses.map(s => [s.cluster, s]));
    // cluster → namespace → the environment it was provisioned for.
    const seen = new Map<string, Map<string, string>>();
    const see = (cluster: string, namespace: string, environment: string) => {
      if (!seen.has(cluster)) seen.set(cluster, new Map());
      seen.get(cluster)!.set(namespace, environment);
    };
    provisioned
      .filter(p => p.entityRef === entityRef)
      .forEach(p => see(p.cluster, p.namespace, p.environment));
    usage.forEach(u => see(u.cluster, u.namespace, u.environment));

    const rows: EnvironmentUsage[] = [];
    for (const environment of environments) {
      const namesInEnvironment = new Set(
        environment.clusters.flatMap(c => [...(seen.get(c)?.keys() ?? [])]),
      );
      for (const cluster of environment.clusters) {
        const status = byCluster.get(cluster);
        if (!status?.lastSuccessAt) {
          const names = [...namesInEnvironment].sort();
          for (const namespace of names.length > 0 ? names : ['']) {
            rows.push({
              environment: environment.name,
              cluster,
              namespace,
              data: 'missing',
              ...(status?.lastError !== undefined
                ? { error: staleCluster(status).error }
                : {}),
              quotas: [],
            });
          }
          continue;
        }
        const namespaces = [...(seen.get(cluster)?.entries() ?? [])].sort(
          ([a], [b]) => a.localeCompare(b),
        );
        for (const [namespace, namespaceEnvironment] of namespaces) {
          if (namespaceEnvironment !== environment.name) continue;
          rows.push(
            namespaceUsage(
              status,
              environment.name,
              namespace,
              usage.filter(
                u => u.cluster === cluster && u.namespace === namespace,
              ),
            ),
          );
        }
      }
    }
    return { entityRef, environments: rows };
  }
}

function namespaceUsage(
  status: ClusterAuditStatus,
  environment: string,
  namespace: string,
  rows: StoredQuotaUsage[],
): EnvironmentUsage {
  const size = rows.find(r => r.size)?.size;
  const observedAt =
    rows.map(r => r.observedAt).sort((a, b) => b.localeCompare(a))[0] ??
    status.lastSuccessAt;
  return {
    environment,
    cluster: status.cluster,
    namespace,
    ...(size ? { size } : {}),
    data: status.stale ? 'stale' : 'ok',
    ...(status.stale ? { error: staleCluster(status).error } : {}),
    ...(observedAt ? { observedAt } : {}),
    quotas: quotas(rows),
  };
}

function quotas(rows: StoredQuotaUsage[]): QuotaUsageView[] {
  return [...groupBy(rows, row => row.quota).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, resources]) => ({
      name,
      resources: resources
        .sort((a, b) => a.resource.localeCompare(b.resource))
        .map(r => ({
          resource: r.resource,
          hard: r.hard,
          used: r.used ?? null,
          share: usageShare(r.hardValue, r.usedValue),
        })),
    }));
}
