import {
  clusterAudits,
  names,
  result,
  T1,
  T2,
  T3,
  testStores,
} from './__testUtils__';

const { databases, createStore } = testStores();

describe('DatabaseClusterAuditStore', () => {
  it.each(databases.eachSupportedId())(
    'replaces a cluster audit keeping firstSeen, updating lastSeen and removing resolved results on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const audit = clusterAudits(store);
      const exemption = {
        name: 'payments-legacy',
        status: 'active' as const,
        reason: 'migration' as const,
        justification: 'moving to the new base image',
        owner: 'group:default/payments',
        approvedBy: 'user:default/platform-lead',
        expiresAt: '2027-01-31T00:00:00Z',
      };
      // A passing result of a cluster-scoped object.
      const quota = result({
        guardrail: 'namespace.has-quota',
        kind: 'Namespace',
        namespace: undefined,
        name: 'payments',
        result: 'pass',
        level: 'block',
        message: 'has a quota',
      });
      expect(
        await audit(T1, [
          result({ name: 'web' }),
          result({ name: 'worker' }),
          result({ name: 'api', result: 'skip', exemption }),
          quota,
        ]),
      ).toEqual({ added: 4, kept: 0, removed: 0 });

      expect(
        await audit(T2, [
          result({ name: 'web', message: 'still privileged' }),
          result({ name: 'api', result: 'skip', exemption }),
          result({ name: 'cron' }),
          quota,
        ]),
      ).toEqual({ added: 1, kept: 3, removed: 1 });

      const all = await store.resultsForEntity('component:default/payments', {
        includePassing: true,
      });
      expect(names(all)).toEqual([
        'namespace.has-quota payments pass',
        'pod.no-privileged api skip',
        'pod.no-privileged cron warn',
        'pod.no-privileged web warn',
      ]);
      const [namespaceResult, api, cron, web] = all;
      // Times round-trip exactly as the ISO strings of the given instants.
      expect(web).toEqual({
        guardrail: 'pod.no-privileged',
        title: 'Containers must not run privileged',
        resource: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: 'payments',
          name: 'web',
          cluster: 'dev-1',
          environment: 'dev',
        },
        result: 'warn',
        level: 'warn',
        message: 'still privileged',
        severity: 'high',
        category: 'preventive',
        entityRef: 'component:default/payments',
        owner: 'group:default/payments',
        cluster: 'dev-1',
        environment: 'dev',
        source: 'audit',
        firstSeen: T1.toISOString(),
        lastSeen: T2.toISOString(),
      });
      expect(cron.firstSeen).toBe(T2.toISOString());
      expect(api.exemption).toEqual(exemption);
      // Unchanged results are seen again too.
      expect([api.firstSeen, api.lastSeen]).toEqual([
        T1.toISOString(),
        T2.toISOString(),
      ]);
      expect(namespaceResult.lastSeen).toBe(T2.toISOString());
      // Passing results are kept compact: no message, and a cluster-scoped object has no namespace.
      expect(namespaceResult.message).toBe('');
      expect(namespaceResult.resource).not.toHaveProperty('namespace');
      expect(namespaceResult.firstSeen).toBe(T1.toISOString());

      expect(await store.clusterStatuses()).toEqual([
        {
          cluster: 'dev-1',
          environment: 'dev',
          lastSuccessAt: T2.toISOString(),
          stale: false,
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the last results of a failed cluster and reports it stale until a later success on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.replaceClusterResults({
        cluster: 'prod-1',
        environment: 'prod',
        auditedAt: T1,
        results: [
          result({ cluster: 'prod-1', environment: 'prod', result: 'pass' }),
        ],
      });
      await store.markClusterFailed({
        cluster: 'prod-1',
        environment: 'prod',
        failedAt: T2,
        error: 'connect ECONNREFUSED 10.0.0.1:6443',
      });
      // A cluster whose audit never succeeded is stale too: there is nothing to call compliant.
      await store.markClusterFailed({
        cluster: 'prod-2',
        environment: 'prod',
        failedAt: T2,
        error: 'Unauthorized',
      });

      const kept = await store.resultsForEntity('component:default/payments', {
        includePassing: true,
      });
      expect(kept.map(r => [r.result, r.lastSeen])).toEqual([
        ['pass', T1.toISOString()],
      ]);
      expect(await store.clusterStatuses()).toEqual([
        {
          cluster: 'prod-1',
          environment: 'prod',
          lastSuccessAt: T1.toISOString(),
          lastFailureAt: T2.toISOString(),
          lastError: 'connect ECONNREFUSED 10.0.0.1:6443',
          stale: true,
        },
        {
          cluster: 'prod-2',
          environment: 'prod',
          lastFailureAt: T2.toISOString(),
          lastError: 'Unauthorized',
          stale: true,
        },
      ]);

      // A failure reported late does not replace the more recent one.
      await store.markClusterFailed({
        cluster: 'prod-1',
        environment: 'prod',
        failedAt: T1,
        error: 'older failure',
      });
      // An audit older than the stored results cannot replace them.
      await expect(
        store.replaceClusterResults({
          cluster: 'prod-1',
          environment: 'prod',
          auditedAt: new Date('2026-11-19T00:00:00Z'),
          results: [],
        }),
      ).rejects.toThrow(/newer than this audit/);

      await store.replaceClusterResults({
        cluster: 'prod-1',
        environment: 'prod',
        auditedAt: T3,
        results: [],
      });
      const [prod1, prod2] = await store.clusterStatuses();
      expect(prod1).toEqual({
        cluster: 'prod-1',
        environment: 'prod',
        lastSuccessAt: T3.toISOString(),
        lastFailureAt: T2.toISOString(),
        lastError: 'connect ECONNREFUSED 10.0.0.1:6443',
        stale: false,
      });
      expect(prod2.stale).toBe(true);
      expect(
        await store.resultsForEntity('component:default/payments', {
          includePassing: true,
        }),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores and replaces 25,000 results in one audit on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const audit = clusterAudits(store);
      const many = (count: number) =>
        Array.from({ length: count }, (_, i) =>
          result({
            name: `deploy-${i}`,
            namespace: `team-${i % 500}`,
            entityRef: `component:default/service-${i % 2500}`,
            result: i % 3 === 0 ? 'pass' : 'warn',
          }),
        );
      expect(await audit(T1, many(25_000))).toEqual({
        added: 25_000,
        kept: 0,
        removed: 0,
      });
      expect(await audit(T2, many(24_000))).toEqual({
        added: 0,
        kept: 24_000,
        removed: 1_000,
      });

      const one = await store.resultsForEntity('component:default/service-7', {
        includePassing: true,
      });
      expect(one.map(r => r.resource.name).sort()).toEqual(
        Array.from({ length: 10 }, (_, k) => `deploy-${7 + k * 2500}`).sort(),
      );
      expect(one.every(r => r.firstSeen === T1.toISOString())).toBe(true);
      const total = (await store.distribution()).reduce(
        (sum, row) => sum + row.count,
        0,
      );
      expect(total).toBe(24_000);
    },
  );
});
