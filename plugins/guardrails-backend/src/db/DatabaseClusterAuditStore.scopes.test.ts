import { GuardrailsStore, ReplaceScopeResultsInput, StoredResult } from '.';
import { result, T1, T2, T3, testStores } from './__testUtils__';

const { databases, createStore } = testStores();

const T4 = new Date('2026-11-23T08:00:00.000Z');
const RBAC = 'rbac.authorization.k8s.io/v1';

const TENANCY = 'tenancy.example.io/v1';

/** The result of a cluster-scoped object. */
function clusterScopedResult(
  apiVersion: string,
  kind: string,
  name: string,
  override: Partial<StoredResult>,
): StoredResult {
  const found = result({ kind, namespace: undefined, name, ...override });
  return { ...found, resource: { ...found.resource, apiVersion } };
}

/** The result of a Namespace object itself. */
const namespaceResult = (name: string, override = {}) =>
  clusterScopedResult('v1', 'Namespace', name, {
    guardrail: 'namespace.has-quota',
    ...override,
  });

const clusterRoleResult = (name: string, override = {}) =>
  clusterScopedResult(RBAC, 'ClusterRole', name, {
    guardrail: 'rbac.no-wildcards',
    ...override,
  });

/** A custom resource that happens to be called Namespace: an object of its own, not a namespace. */
const tenantResult = (name: string) =>
  clusterScopedResult(TENANCY, 'Namespace', name, {
    guardrail: 'tenant.has-owner',
  });

const clusterRole = (name: string) => ({
  apiVersion: RBAC,
  kind: 'ClusterRole',
  name,
});

/** dev-1 audited at T1: two namespaces, their Namespace objects, three cluster-scoped objects and a Kyverno report. */
async function seed(store: GuardrailsStore) {
  await store.replaceClusterResults({
    cluster: 'dev-1',
    environment: 'dev',
    auditedAt: T1,
    results: [
      result({ name: 'web' }),
      result({ name: 'worker' }),
      result({ name: 'api', namespace: 'orders' }),
      namespaceResult('payments'),
      namespaceResult('orders'),
      clusterRoleResult('admin'),
      clusterRoleResult('viewer'),
      tenantResult('payments'),
    ],
  });
  await store.replaceClusterResults({
    cluster: 'dev-1',
    environment: 'dev',
    auditedAt: T1,
    sources: ['policyreport:kyverno'],
    results: [
      result({
        guardrail: 'require-labels',
        name: 'web',
        source: 'policyreport:kyverno',
      }),
    ],
  });
  // Another cluster with the same namespace.
  await store.replaceClusterResults({
    cluster: 'prod-1',
    environment: 'prod',
    auditedAt: T1,
    results: [result({ cluster: 'prod-1', environment: 'prod', name: 'web' })],
  });
}

/** Every stored result as `cluster source apiVersion kind namespace/name firstSeen lastSeen`, times as T1…T4. */
async function stored(store: GuardrailsStore): Promise<string[]> {
  const names = new Map(
    [T1, T2, T3, T4].map((t, i) => [t.toISOString(), `T${i + 1}`]),
  );
  const time = (at?: string) => (at && names.get(at)) ?? at;
  const all = await store.resultsForEntity('component:default/payments', {
    includePassing: true,
  });
  return all
    .map(
      r =>
        `${r.cluster} ${r.source} ${r.resource.apiVersion} ${r.resource.kind} ${
          r.resource.namespace ?? ''
        }/${r.resource.name} ${time(r.firstSeen)} ${time(r.lastSeen)}`,
    )
    .sort();
}

/** A scoped replacement of dev-1's audit results. */
function scoped(
  store: GuardrailsStore,
  input: Partial<ReplaceScopeResultsInput> &
    Pick<ReplaceScopeResultsInput, 'evaluatedAt'>,
) {
  return store.replaceScopeResults({
    cluster: 'dev-1',
    environment: 'dev',
    namespaces: [],
    clusterObjects: [],
    results: [],
    sources: ['audit'],
    provisionedNamespaces: [],
    ...input,
  });
}

const SEEDED = [
  'dev-1 audit apps/v1 Deployment orders/api T1 T1',
  'dev-1 audit apps/v1 Deployment payments/web T1 T1',
  'dev-1 audit apps/v1 Deployment payments/worker T1 T1',
  'dev-1 audit rbac.authorization.k8s.io/v1 ClusterRole /admin T1 T1',
  'dev-1 audit rbac.authorization.k8s.io/v1 ClusterRole /viewer T1 T1',
  'dev-1 audit tenancy.example.io/v1 Namespace /payments T1 T1',
  'dev-1 audit v1 Namespace /orders T1 T1',
  'dev-1 audit v1 Namespace /payments T1 T1',
  'dev-1 policyreport:kyverno apps/v1 Deployment payments/web T1 T1',
  'prod-1 audit apps/v1 Deployment payments/web T1 T1',
];

describe('DatabaseClusterAuditStore: scoped replacements', () => {
  it.each(databases.eachSupportedId())(
    'replaces the results of a namespace and a cluster-scoped object only on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await seed(store);
      expect(await stored(store)).toEqual(SEEDED);

      expect(
        await scoped(store, {
          evaluatedAt: T2,
          namespaces: ['payments'],
          clusterObjects: [clusterRole('admin')],
          results: [
            // Changed, fixed (worker), new, and unchanged in the namespace, its Namespace object and the ClusterRole.
            result({ name: 'web', message: 'still privileged' }),
            result({ name: 'cron' }),
            namespaceResult('payments'),
            clusterRoleResult('admin'),
          ],
        }),
      ).toEqual({ added: 1, kept: 3, removed: 1 });

      expect(await stored(store)).toEqual([
        // Outside the scopes (another namespace, another ClusterRole, a custom resource called Namespace): untouched.
        'dev-1 audit apps/v1 Deployment orders/api T1 T1',
        'dev-1 audit apps/v1 Deployment payments/cron T2 T2',
        'dev-1 audit apps/v1 Deployment payments/web T1 T2',
        'dev-1 audit rbac.authorization.k8s.io/v1 ClusterRole /admin T1 T2',
        'dev-1 audit rbac.authorization.k8s.io/v1 ClusterRole /viewer T1 T1',
        'dev-1 audit tenancy.example.io/v1 Namespace /payments T1 T1',
        'dev-1 audit v1 Namespace /orders T1 T1',
        'dev-1 audit v1 Namespace /payments T1 T2',
        // Another source in scope is not replaced.
        'dev-1 policyreport:kyverno apps/v1 Deployment payments/web T1 T1',
        'prod-1 audit apps/v1 Deployment payments/web T1 T1',
      ]);
      const [web] = (
        await store.resultsForEntity('component:default/payments')
      ).filter(r => r.resource.name === 'web' && r.source === 'audit');
      expect(web.message).toBe('still privileged');
      expect((await store.clusterStatuses())[0]).toEqual({
        cluster: 'dev-1',
        environment: 'dev',
        lastSuccessAt: T2.toISOString(),
        stale: false,
      });

      // A Namespace object's results are in its namespace's scope: gone when its namespace is found without them.
      expect(
        await scoped(store, {
          evaluatedAt: T3,
          namespaces: ['orders'],
          results: [result({ name: 'api', namespace: 'orders' })],
        }),
      ).toEqual({ added: 0, kept: 1, removed: 1 });
      // Cluster-scoped objects found without results lose them, and several sources are replaced at once.
      expect(
        await scoped(store, {
          evaluatedAt: T3,
          clusterObjects: [
            clusterRole('viewer'),
            { apiVersion: TENANCY, kind: 'Namespace', name: 'payments' },
          ],
          sources: ['audit', 'drift'],
          results: [clusterRoleResult('viewer', { source: 'drift' })],
        }),
      ).toEqual({ added: 1, kept: 0, removed: 2 });
      expect(await stored(store)).toEqual([
        'dev-1 audit apps/v1 Deployment orders/api T1 T3',
        'dev-1 audit apps/v1 Deployment payments/cron T2 T2',
        'dev-1 audit apps/v1 Deployment payments/web T1 T2',
        'dev-1 audit rbac.authorization.k8s.io/v1 ClusterRole /admin T1 T2',
        'dev-1 audit v1 Namespace /payments T1 T2',
        'dev-1 drift rbac.authorization.k8s.io/v1 ClusterRole /viewer T3 T3',
        'dev-1 policyreport:kyverno apps/v1 Deployment payments/web T1 T1',
        'prod-1 audit apps/v1 Deployment payments/web T1 T1',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'rejects results outside the scopes and bad scopes, writing nothing, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await seed(store);
      const rejected: Array<[Partial<ReplaceScopeResultsInput>, string]> = [
        [
          {
            namespaces: ['payments'],
            results: [
              result({ name: 'web' }),
              result({ name: 'api', namespace: 'orders' }),
            ],
          },
          "results[1] is of apps/v1 Deployment 'api' in namespace 'orders', outside the replaced scopes",
        ],
        [
          { namespaces: ['payments'], results: [namespaceResult('orders')] },
          "results[0] is of v1 Namespace 'orders', outside the replaced scopes",
        ],
        [
          { namespaces: ['payments'], results: [tenantResult('payments')] },
          "results[0] is of tenancy.example.io/v1 Namespace 'payments', outside the replaced scopes",
        ],
        [
          {
            clusterObjects: [clusterRole('admin')],
            results: [clusterRoleResult('viewer')],
          },
          "results[0] is of rbac.authorization.k8s.io/v1 ClusterRole 'viewer', outside the replaced scopes",
        ],
        [
          {
            namespaces: ['payments'],
            results: [result({ cluster: 'prod-1', environment: 'prod' })],
          },
          "results[0].cluster is 'prod-1', but this audit is of cluster 'dev-1'",
        ],
        [
          {
            namespaces: ['payments'],
            results: [result({ source: 'policyreport:kyverno' })],
          },
          "results[0].source is 'policyreport:kyverno', which this audit does not replace (sources: audit)",
        ],
        [
          { namespaces: ['payments'], sources: ['policyreport:*'] },
          'sources of a scoped replacement must be exact names, got policyreport:*',
        ],
        [
          { namespaces: ['payments', ''] },
          'namespaces[1] must be a non-empty string',
        ],
        [
          {
            clusterObjects: [
              { apiVersion: RBAC, kind: 'ClusterRole', name: '' },
            ],
          },
          'clusterObjects[0].name must be a non-empty string',
        ],
        [
          {
            clusterObjects: [
              { apiVersion: 'v1', kind: 'Namespace', name: 'payments' },
            ],
          },
          "clusterObjects[0] is Namespace 'payments'; give namespaces in namespaces",
        ],
        [
          {
            namespaces: ['payments'],
            provisionedNamespaces: [
              {
                namespace: 'orders',
                environment: 'dev',
                entityRef: 'component:default/orders',
              },
            ],
          },
          "provisionedNamespaces: namespace 'orders' is not among the replaced namespaces",
        ],
      ];
      for (const [input, message] of rejected) {
        await expect(
          scoped(store, { evaluatedAt: T2, ...input }),
        ).rejects.toThrow(message);
      }
      await expect(
        scoped(store, { evaluatedAt: T2, namespaces: ['payments'] }),
      ).resolves.toEqual({ added: 0, kept: 0, removed: 3 });
      await expect(
        scoped(store, { evaluatedAt: T3, namespaces: 'payments' as any }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: 'namespaces must be a list',
      });

      expect(await stored(store)).toEqual(
        SEEDED.filter(
          row =>
            !row.startsWith('dev-1 audit apps/v1 Deployment payments/') &&
            row !== 'dev-1 audit v1 Namespace /payments T1 T1',
        ),
      );
      expect((await store.clusterStatuses())[0].lastSuccessAt).toBe(
        T2.toISOString(),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'rejects an evaluation older than the stored results in its scopes only on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await seed(store);
      await scoped(store, {
        evaluatedAt: T3,
        namespaces: ['payments'],
        results: [result({ name: 'web' })],
      });

      await expect(
        scoped(store, {
          evaluatedAt: T2,
          namespaces: ['payments', 'orders'],
          results: [],
        }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: `Results of cluster 'dev-1' seen at ${T3.toISOString()} are newer than this audit at ${T2.toISOString()}; not replacing them`,
      });
      // The other namespace's rows are older than the evaluation: it may be stored, and the cluster keeps its later success.
      expect(
        await scoped(store, {
          evaluatedAt: T2,
          namespaces: ['orders'],
          results: [result({ name: 'api', namespace: 'orders' })],
        }),
      ).toEqual({ added: 0, kept: 1, removed: 1 });
      expect(await stored(store)).toEqual([
        'dev-1 audit apps/v1 Deployment orders/api T1 T2',
        'dev-1 audit apps/v1 Deployment payments/web T1 T3',
        'dev-1 audit rbac.authorization.k8s.io/v1 ClusterRole /admin T1 T1',
        'dev-1 audit rbac.authorization.k8s.io/v1 ClusterRole /viewer T1 T1',
        'dev-1 audit tenancy.example.io/v1 Namespace /payments T1 T1',
        'dev-1 policyreport:kyverno apps/v1 Deployment payments/web T1 T1',
        'prod-1 audit apps/v1 Deployment payments/web T1 T1',
      ]);
      expect((await store.clusterStatuses())[0].lastSuccessAt).toBe(
        T3.toISOString(),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces the provisioned namespaces of the scoped namespaces only on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const provisioned = (...namespaces: Array<[string, string]>) =>
        namespaces.map(([namespace, entityRef]) => ({
          namespace,
          environment: 'dev',
          entityRef,
        }));
      const listed = async () =>
        (await store.provisionedNamespaces()).map(
          n => `${n.cluster}/${n.namespace} ${n.entityRef}`,
        );
      await store.replaceClusterResults({
        cluster: 'dev-1',
        environment: 'dev',
        auditedAt: T1,
        results: [],
        provisionedNamespaces: provisioned(
          ['payments', 'component:default/payments'],
          ['orders', 'component:default/orders'],
          ['ledger', 'component:finance/ledger'],
        ),
      });
      await store.replaceClusterResults({
        cluster: 'prod-1',
        environment: 'prod',
        auditedAt: T1,
        results: [],
        provisionedNamespaces: provisioned([
          'payments',
          'component:default/payments',
        ]),
      });

      await scoped(store, {
        evaluatedAt: T2,
        namespaces: ['payments', 'ledger', 'new'],
        provisionedNamespaces: provisioned(
          ['payments', 'Component:default/Payments-V2'],
          ['new', 'component:default/new'],
        ),
      });
      expect(await listed()).toEqual([
        'dev-1/new component:default/new',
        'dev-1/orders component:default/orders',
        'prod-1/payments component:default/payments',
        'dev-1/payments component:default/payments-v2',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'clears a stale cluster with a later scoped replacement, and does nothing without scopes on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await seed(store);
      await store.markClusterFailed({
        cluster: 'dev-1',
        environment: 'dev',
        failedAt: T2,
        error: 'watch expired',
      });
      expect((await store.clusterStatuses())[0].stale).toBe(true);

      // No scopes: not even the cluster's row is written, so it stays stale and no new cluster appears.
      expect(await scoped(store, { evaluatedAt: T3 })).toEqual({
        added: 0,
        kept: 0,
        removed: 0,
      });
      await store.replaceScopeResults({
        cluster: 'dev-2',
        environment: 'dev',
        evaluatedAt: T3,
        namespaces: [],
        clusterObjects: [],
        results: [],
        sources: ['audit'],
        provisionedNamespaces: [],
      });
      expect(
        (await store.clusterStatuses()).map(s => `${s.cluster} ${s.stale}`),
      ).toEqual(['dev-1 true', 'prod-1 false']);

      await scoped(store, {
        evaluatedAt: T4,
        namespaces: ['orders'],
        results: [result({ name: 'api', namespace: 'orders' })],
      });
      expect((await store.clusterStatuses())[0]).toEqual({
        cluster: 'dev-1',
        environment: 'dev',
        lastSuccessAt: T4.toISOString(),
        lastFailureAt: T2.toISOString(),
        lastError: 'watch expired',
        stale: false,
      });
    },
  );
});
