import { GuardrailsStore, StoredResult } from '.';
import { result, T1, T2, T3, testStores } from './__testUtils__';

const { databases, createStore } = testStores();

const namespaceNames = (count: number) =>
  Array.from({ length: count }, (_, i) => `team-${String(i).padStart(5, '0')}`);

function clusterRoleResult(name: string): StoredResult {
  const found = result({
    guardrail: 'rbac.no-wildcards',
    kind: 'ClusterRole',
    namespace: undefined,
    name,
  });
  return {
    ...found,
    resource: { ...found.resource, apiVersion: 'rbac.authorization.k8s.io/v1' },
  };
}

/** Result counts of the payments entity by lastSeen. */
async function countsBySeen(store: GuardrailsStore, cluster = 'dev-1') {
  const counts: Record<string, number> = {};
  for (const r of await store.resultsForEntity('component:default/payments', {
    includePassing: true,
  })) {
    if (r.cluster === cluster) {
      const seen = r.lastSeen ?? 'never';
      counts[seen] = (counts[seen] ?? 0) + 1;
    }
  }
  return counts;
}

describe('DatabaseClusterAuditStore: many scopes and concurrency', () => {
  it.each(databases.eachSupportedId())(
    'replaces 10,000 namespaces and 4,000 cluster objects in one call on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const namespaces = namespaceNames(10_000);
      const roles = namespaceNames(4_000).map(n => `role-${n}`);
      await store.replaceClusterResults({
        cluster: 'dev-1',
        environment: 'dev',
        auditedAt: T1,
        results: [
          ...namespaces.map(namespace => result({ namespace })),
          ...roles.map(clusterRoleResult),
          // Outside the scopes.
          result({ namespace: 'other' }),
        ],
      });

      const outcome = await store.replaceScopeResults({
        cluster: 'dev-1',
        environment: 'dev',
        evaluatedAt: T2,
        namespaces,
        clusterObjects: roles.map(name => ({
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          name,
        })),
        // Every other namespace fixed, and a second result in each of the others.
        results: [
          ...namespaces
            .filter((_, i) => i % 2 === 0)
            .flatMap(namespace => [
              result({ namespace }),
              result({ namespace, name: 'api' }),
            ]),
          ...roles.map(clusterRoleResult),
        ],
        sources: ['audit'],
        provisionedNamespaces: namespaces.map(namespace => ({
          namespace,
          environment: 'dev',
          entityRef: 'component:default/payments',
        })),
      });
      expect(outcome).toEqual({ added: 5_000, kept: 9_000, removed: 5_000 });
      expect(await countsBySeen(store)).toEqual({
        [T1.toISOString()]: 1,
        [T2.toISOString()]: 14_000,
      });
      expect(await store.provisionedNamespaces()).toHaveLength(10_000);
    },
  );

  it.each(databases.eachSupportedId())(
    'serializes scoped and whole-cluster replacements of one cluster on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const namespaces = namespaceNames(200);
      for (let round = 0; round < 5; round += 1) {
        const cluster = `dev-${round}`;
        const inCluster = (override: Parameters<typeof result>[0]) =>
          result({ cluster, ...override });
        await store.replaceClusterResults({
          cluster,
          environment: 'dev',
          auditedAt: T1,
          results: namespaces.map(namespace => inCluster({ namespace })),
        });
        // The scoped evaluation is older than the whole audit: whichever runs first, the audit's results stand.
        const [scopedOutcome, wholeOutcome] = await Promise.allSettled([
          store.replaceScopeResults({
            cluster,
            environment: 'dev',
            evaluatedAt: T2,
            namespaces: namespaces.slice(0, 100),
            clusterObjects: [],
            results: namespaces
              .slice(0, 100)
              .map(namespace => inCluster({ namespace, name: 'scoped' })),
            sources: ['audit'],
            provisionedNamespaces: [],
          }),
          store.replaceClusterResults({
            cluster,
            environment: 'dev',
            auditedAt: T3,
            results: namespaces.map(namespace =>
              inCluster({ namespace, name: 'whole' }),
            ),
          }),
        ]);
        expect(wholeOutcome.status).toBe('fulfilled');
        // Run after the audit, the older evaluation is refused; never failed otherwise.
        expect(
          scopedOutcome.status === 'fulfilled'
            ? 'stored'
            : String(scopedOutcome.reason),
        ).toMatch(/^(stored|ConflictError: .* newer than this audit)/);
        const names = (
          await store.resultsForEntity('component:default/payments')
        )
          .filter(r => r.cluster === cluster)
          .map(r => `${r.resource.name} ${r.lastSeen}`);
        expect(new Set(names)).toEqual(new Set([`whole ${T3.toISOString()}`]));
        expect(names).toHaveLength(200);
        const status = (await store.clusterStatuses()).find(
          s => s.cluster === cluster,
        );
        expect(status?.lastSuccessAt).toBe(T3.toISOString());
      }
    },
  );
});
