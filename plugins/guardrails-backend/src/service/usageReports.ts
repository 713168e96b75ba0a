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
        | 'quotaUsage'
        | 'quotaNamespaces'
        | 'provisionedNamespaces'
        | 'clusterStatuses'
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
    const [usage, read, provisioned, statuses] = await Promise.all([
      store.quotaUsage({ entityRef }),
      store.quotaNamespaces({ entityRef }),
      store.provisionedNamespaces(),
      store.clusterStatuses(),
    ]);
    const byCluster = new Map(statuses.map(s => [s.cluster, s]));
    // cluster → namespace → what is known of it; the quota reads' own namespace rows say the most.
    const seen = new Map<string, Map<string, SeenNamespace>>();
    const see = (namespace: SeenNamespace) => {
      if (!seen.has(namespace.cluster)) seen.set(namespace.cluster, new Map());
      seen.get(namespace.cluster)!.set(namespace.namespace, namespace);
    };
    provisioned.filter(p => p.entityRef === entityRef).forEach(see);
    usage.forEach(see);
    read.forEach(see);

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
        const namespaces = [...(seen.get(cluster)?.values() ?? [])]
          .filter(n => n.environment === environment.name)
          .sort((a, b) => a.namespace.localeCompare(b.namespace));
        for (const namespace of namespaces) {
          rows.push(
            namespaceUsage(
              status,
              namespace,
              usage.filter(
                u =>
                  u.cluster === cluster && u.namespace === namespace.namespace,
              ),
            ),
          );
        }
      }
    }
    return { entityRef, environments: rows };
  }
}

/** A namespace of the entity as the provisioned namespaces, its quota rows or its own read row know it. */
interface SeenNamespace {
  cluster: string;
  namespace: string;
  environment: string;
  size?: string;
  observedAt?: string;
}

function namespaceUsage(
  status: ClusterAuditStatus,
  namespace: SeenNamespace,
  rows: StoredQuotaUsage[],
): EnvironmentUsage {
  const observedAt =
    namespace.observedAt ??
    rows.map(r => r.observedAt).sort((a, b) => b.localeCompare(a))[0] ??
    status.lastSuccessAt;
  return {
    environment: namespace.environment,
    cluster: status.cluster,
    namespace: namespace.namespace,
    ...(namespace.size ? { size: namespace.size } : {}),
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
