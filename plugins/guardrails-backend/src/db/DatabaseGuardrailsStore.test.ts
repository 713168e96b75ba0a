import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { DatabaseGuardrailsStore, GuardrailsStore, StoredResult } from '.';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const T1 = new Date('2026-11-20T08:00:00.000Z');
const T2 = new Date('2026-11-21T08:00:00.123Z');
const T3 = new Date('2026-11-22T08:00:00.000Z');

async function createStore(databaseId: TestDatabaseId, skip = false) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseGuardrailsStore.create({
    database: { getClient: async () => knex, migrations: { skip } },
    logger: mockServices.logger.mock(),
  });
  return { knex, store };
}

type Override = Partial<Omit<StoredResult, 'resource'>> & {
  name?: string;
  namespace?: string;
  kind?: string;
};

function result(override: Override = {}): StoredResult {
  const {
    name = 'web',
    kind = 'Deployment',
    cluster = 'dev-1',
    environment = 'dev',
    ...rest
  } = override;
  delete rest.namespace;
  // An explicit `namespace: undefined` stands for a cluster-scoped object.
  const namespace = 'namespace' in override ? override.namespace : 'payments';
  return {
    guardrail: 'pod.no-privileged',
    title: 'Containers must not run privileged',
    resource: {
      apiVersion: 'apps/v1',
      kind,
      namespace,
      name,
      cluster,
      environment,
    },
    result: 'warn',
    level: 'warn',
    message: `container app of ${name} is privileged`,
    severity: 'high',
    category: 'preventive',
    entityRef: 'component:default/payments',
    owner: 'group:default/payments',
    cluster,
    environment,
    source: 'audit',
    ...rest,
  };
}

const names = (results: StoredResult[]) =>
  results.map(r => `${r.guardrail} ${r.resource.name} ${r.result}`);

describe('DatabaseGuardrailsStore', () => {
  // `npm run test:all` starts a local PostgreSQL; without it the PostgreSQL cases would silently drop out.
  it('runs on PostgreSQL as well as SQLite in CI', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    // Outside CI a developer may run SQLite only.
    const required = process.env.CI ? ['SQLITE_3', 'POSTGRES_15'] : ids;
    expect(ids).toEqual(required);
  });

  it.each(databases.eachSupportedId())(
    'applies its migrations on %p, once, and not when skipped',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      // A second start finds the schema up to date.
      await DatabaseGuardrailsStore.create({
        database: { getClient: async () => knex },
      });
      expect(await store.clusterStatuses()).toEqual([]);

      const skipped = await createStore(databaseId, true);
      expect(await skipped.knex.schema.hasTable('guardrail_results')).toBe(
        false,
      );

      await knex.migrate.rollback(
        {
          directory: resolvePackagePath(
            '@guardrails-dev/plugin-guardrails-backend',
            'migrations',
          ),
        },
        true,
      );
      expect(await knex.schema.hasTable('guardrail_results')).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces a cluster audit keeping firstSeen, updating lastSeen and removing resolved results on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const exemption = {
        name: 'payments-legacy',
        status: 'active' as const,
        reason: 'migration' as const,
        justification: 'moving to the new base image',
        owner: 'group:default/payments',
        approvedBy: 'user:default/platform-lead',
        expiresAt: '2027-01-31T00:00:00Z',
      };
      expect(
        await store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: T1,
          results: [
            result({ name: 'web' }),
            result({ name: 'worker' }),
            result({ name: 'api', result: 'skip', exemption }),
            result({
              guardrail: 'namespace.has-quota',
              kind: 'Namespace',
              namespace: undefined,
              name: 'payments',
              result: 'pass',
              level: 'block',
              message: 'has a quota',
            }),
          ],
        }),
      ).toEqual({ added: 4, kept: 0, removed: 0 });

      expect(
        await store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: T2,
          results: [
            result({ name: 'web', message: 'still privileged' }),
            result({ name: 'api', result: 'skip', exemption }),
            result({ name: 'cron' }),
            result({
              guardrail: 'namespace.has-quota',
              kind: 'Namespace',
              namespace: undefined,
              name: 'payments',
              result: 'pass',
              level: 'block',
              message: 'has a quota',
            }),
          ],
        }),
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
    'replaces PolicyReport sources independently of the audit on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const fromReport = (name: string, source: string) =>
        result({ guardrail: 'require-labels', name, source });
      await store.replaceClusterResults({
        cluster: 'dev-1',
        environment: 'dev',
        auditedAt: T1,
        results: [result({ name: 'web' })],
      });
      await store.replaceClusterResults({
        cluster: 'dev-1',
        environment: 'dev',
        auditedAt: T1,
        sources: ['policyreport:kyverno', 'policyreport:trivy'],
        results: [
          fromReport('web', 'policyreport:kyverno'),
          fromReport('web', 'policyreport:trivy'),
        ],
      });
      const sourcesOf = async () =>
        (await store.resultsForEntity('component:default/payments')).map(
          r => `${r.source} ${r.guardrail} ${r.lastSeen}`,
        );

      // A new audit leaves the reports alone.
      expect(
        await store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: T2,
          results: [],
        }),
      ).toEqual({ added: 0, kept: 0, removed: 1 });
      expect(await sourcesOf()).toEqual([
        `policyreport:kyverno require-labels ${T1.toISOString()}`,
        `policyreport:trivy require-labels ${T1.toISOString()}`,
      ]);

      // One report source replaced by name leaves the other alone.
      await store.replaceClusterResults({
        cluster: 'dev-1',
        environment: 'dev',
        auditedAt: T2,
        sources: ['policyreport:kyverno'],
        results: [],
      });
      expect(await sourcesOf()).toEqual([
        `policyreport:trivy require-labels ${T1.toISOString()}`,
      ]);

      // The whole family also drops reports that no longer exist, but not the audit's results.
      await store.replaceClusterResults({
        cluster: 'dev-1',
        environment: 'dev',
        auditedAt: T3,
        results: [result({ name: 'web' })],
      });
      expect(
        await store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: T3,
          sources: ['policyreport:*'],
          results: [fromReport('api', 'policyreport:kyverno')],
        }),
      ).toEqual({ added: 1, kept: 0, removed: 1 });
      expect(await sourcesOf()).toEqual([
        `audit pod.no-privileged ${T3.toISOString()}`,
        `policyreport:kyverno require-labels ${T3.toISOString()}`,
      ]);

      await expect(
        store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: T3,
          results: [fromReport('web', 'policyreport:kyverno')],
        }),
      ).rejects.toThrow(
        "results[0].source is 'policyreport:kyverno', which this audit does not replace (sources: audit)",
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'rejects results that do not belong to the audit, and merges duplicates into the most serious, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const replace = (results: StoredResult[]) =>
        store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: T1,
          results,
        });
      await expect(replace([result({ cluster: 'dev-2' })])).rejects.toThrow(
        "results[0].cluster is 'dev-2', but this audit is of cluster 'dev-1'",
      );
      await expect(
        replace([result(), result({ environment: 'prod' })]),
      ).rejects.toThrow(
        "results[1].environment is 'prod', but cluster 'dev-1' is in environment 'dev'",
      );
      await expect(replace([result({ level: 'deny' as any })])).rejects.toThrow(
        'results[0].level must be one of observe, warn, block, auto-correct, got "deny"',
      );
      await expect(
        store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: new Date('not a date'),
          results: [],
        }),
      ).rejects.toThrow('auditedAt must be a valid Date');
      // Nothing was written by the rejected calls.
      expect(await store.clusterStatuses()).toEqual([]);

      expect(
        await replace([
          result({ result: 'pass' }),
          result({ result: 'fail', level: 'block', message: 'privileged' }),
          result({ result: 'warn' }),
        ]),
      ).toEqual({ added: 1, kept: 0, removed: 0 });
      const [only] = await store.resultsForEntity('component:default/payments');
      expect([only.result, only.message]).toEqual(['fail', 'privileged']);
    },
  );

  async function seedTwoEnvironments(store: GuardrailsStore) {
    await store.replaceClusterResults({
      cluster: 'dev-1',
      environment: 'dev',
      auditedAt: T1,
      results: [
        result({ name: 'web', result: 'warn' }),
        result({ name: 'api', result: 'pass', level: 'warn' }),
        result({
          guardrail: 'pod.run-as-non-root',
          name: 'web',
          result: 'error',
          level: 'warn',
          message: 'no such key: securityContext',
        }),
        result({
          name: 'orders',
          entityRef: 'Component:Default/Orders',
          owner: 'group:default/orders',
        }),
        result({
          name: 'stray',
          namespace: 'default',
          entityRef: undefined,
          owner: undefined,
        }),
        result({
          name: 'stray-ok',
          namespace: 'default',
          entityRef: undefined,
          owner: undefined,
          result: 'pass',
        }),
      ],
    });
    await store.replaceClusterResults({
      cluster: 'prod-1',
      environment: 'prod',
      auditedAt: T2,
      results: [
        result({
          cluster: 'prod-1',
          environment: 'prod',
          name: 'web',
          result: 'fail',
          level: 'block',
        }),
        result({
          cluster: 'prod-1',
          environment: 'prod',
          name: 'api',
          result: 'fail',
          level: 'block',
        }),
        result({
          cluster: 'prod-1',
          environment: 'prod',
          guardrail: 'pod.run-as-non-root',
          name: 'web',
          result: 'pass',
          level: 'observe',
        }),
      ],
    });
  }

  it.each(databases.eachSupportedId())(
    'lists results by entity, by guardrail and unowned on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await seedTwoEnvironments(store);

      expect(
        names(await store.resultsForEntity('component:default/payments')),
      ).toEqual([
        'pod.no-privileged web warn',
        'pod.run-as-non-root web error',
        'pod.no-privileged api fail',
        'pod.no-privileged web fail',
      ]);
      expect(
        (
          await store.resultsForEntity('component:default/payments', {
            includePassing: true,
          })
        ).length,
      ).toBe(6);
      // Refs are stored and matched in lower case.
      const orders = await store.resultsForEntity('component:DEFAULT/orders');
      expect(orders.map(r => r.entityRef)).toEqual([
        'component:default/orders',
      ]);
      expect(await store.resultsForEntity('component:default/none')).toEqual(
        [],
      );

      expect(
        names(
          await store.resultsForGuardrail('pod.no-privileged', {
            environment: 'prod',
          }),
        ),
      ).toEqual(['pod.no-privileged api fail', 'pod.no-privileged web fail']);
      expect(
        (
          await store.resultsForGuardrail('pod.no-privileged', {
            includePassing: true,
          })
        ).map(r => `${r.environment} ${r.resource.name} ${r.result}`),
      ).toEqual([
        'dev stray warn',
        'dev stray-ok pass',
        'dev api pass',
        'dev orders warn',
        'dev web warn',
        'prod api fail',
        'prod web fail',
      ]);

      const unowned = await store.unownedResults();
      expect(names(unowned)).toEqual(['pod.no-privileged stray warn']);
      expect(unowned[0]).not.toHaveProperty('entityRef');
      expect(
        names(await store.unownedResults({ includePassing: true })),
      ).toEqual([
        'pod.no-privileged stray warn',
        'pod.no-privileged stray-ok pass',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'summarizes entities and the distribution of results on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await seedTwoEnvironments(store);

      const summaries = await store.entitySummaries();
      const byKey = (rows: typeof summaries) =>
        rows
          .map(
            r =>
              `${r.entityRef} ${r.environment} ${r.level} ${r.result} ${r.count} ${r.lastSeen}`,
          )
          .sort();
      expect(byKey(summaries)).toEqual(
        [
          `component:default/orders dev warn warn 1 ${T1.toISOString()}`,
          `component:default/payments dev warn error 1 ${T1.toISOString()}`,
          `component:default/payments dev warn pass 1 ${T1.toISOString()}`,
          `component:default/payments dev warn warn 1 ${T1.toISOString()}`,
          `component:default/payments prod block fail 2 ${T2.toISOString()}`,
          `component:default/payments prod observe pass 1 ${T2.toISOString()}`,
        ].sort(),
      );

      const distribution = (await store.distribution())
        .map(r => `${r.guardrail} ${r.environment} ${r.result} ${r.count}`)
        .sort();
      expect(distribution).toEqual(
        [
          'pod.no-privileged dev pass 2',
          'pod.no-privileged dev warn 3',
          'pod.no-privileged prod fail 2',
          'pod.run-as-non-root dev error 1',
          'pod.run-as-non-root prod pass 1',
        ].sort(),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'records daily history idempotently per day and reads it by range on %p',
    async databaseId => {
      const { store, knex } = await createStore(databaseId);
      await seedTwoEnvironments(store);
      const day1 = new Date('2026-11-20T23:59:00Z');
      await store.recordDailyHistory(day1);
      await store.recordDailyHistory(day1);

      const payments = {
        entityRef: 'component:default/payments',
        from: new Date('2026-11-20T00:00:00Z'),
        to: new Date('2026-11-20T00:00:00Z'),
      };
      expect(await store.history(payments)).toEqual([
        {
          date: '2026-11-20',
          environment: 'dev',
          guardrail: 'pod.no-privileged',
          failing: 0,
          warning: 1,
          errors: 0,
        },
        {
          date: '2026-11-20',
          environment: 'dev',
          guardrail: 'pod.run-as-non-root',
          failing: 0,
          warning: 0,
          errors: 1,
        },
        {
          date: '2026-11-20',
          environment: 'prod',
          guardrail: 'pod.no-privileged',
          failing: 2,
          warning: 0,
          errors: 0,
        },
      ]);
      expect(
        await knex('guardrail_daily_counts').where({ date: '2026-11-20' }),
      ).toHaveLength(5);

      // Later the same day prod is fixed: recording the day again replaces its counts.
      await store.replaceClusterResults({
        cluster: 'prod-1',
        environment: 'prod',
        auditedAt: T3,
        results: [],
      });
      await store.recordDailyHistory(day1);
      await store.recordDailyHistory(new Date('2026-11-21T06:00:00Z'));
      await store.recordDailyHistory(new Date('2026-11-23T06:00:00Z'));

      const points = await store.history({
        ...payments,
        to: new Date('2026-11-22T00:00:00Z'),
      });
      expect(
        points.map(
          p =>
            `${p.date} ${p.environment} ${p.guardrail} ${p.failing}/${p.warning}/${p.errors}`,
        ),
      ).toEqual([
        '2026-11-20 dev pod.no-privileged 0/1/0',
        '2026-11-20 dev pod.run-as-non-root 0/0/1',
        '2026-11-21 dev pod.no-privileged 0/1/0',
        '2026-11-21 dev pod.run-as-non-root 0/0/1',
      ]);

      // Without an entity: summed over every entity, unowned objects included.
      expect(
        (
          await store.history({
            from: new Date('2026-11-23T00:00:00Z'),
            to: new Date('2026-11-23T00:00:00Z'),
          })
        ).map(p => `${p.guardrail} ${p.failing}/${p.warning}/${p.errors}`),
      ).toEqual(['pod.no-privileged 0/3/0', 'pod.run-as-non-root 0/0/1']);
      expect(
        (
          await store.history({
            entityRef: '',
            from: new Date('2026-11-23T00:00:00Z'),
            to: new Date('2026-11-23T00:00:00Z'),
          })
        ).map(p => `${p.guardrail} ${p.warning}`),
      ).toEqual(['pod.no-privileged 1']);

      // The router asks for whole ranges of days; a reversed one has no counts.
      expect(await store.history({ from: T3, to: T1 })).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores and replaces 25,000 results in one audit on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const many = (count: number) =>
        Array.from({ length: count }, (_, i) =>
          result({
            name: `deploy-${i}`,
            namespace: `team-${i % 500}`,
            entityRef: `component:default/service-${i % 2500}`,
            result: i % 3 === 0 ? 'pass' : 'warn',
          }),
        );
      expect(
        await store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: T1,
          results: many(25_000),
        }),
      ).toEqual({ added: 25_000, kept: 0, removed: 0 });
      expect(
        await store.replaceClusterResults({
          cluster: 'dev-1',
          environment: 'dev',
          auditedAt: T2,
          results: many(24_000),
        }),
      ).toEqual({ added: 0, kept: 24_000, removed: 1_000 });

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

  it.each(databases.eachSupportedId())(
    'records provisioned namespaces with each cluster audit, keeps them through a failure and replaces them on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const listed = async () =>
        (await store.provisionedNamespaces()).map(
          n => `${n.entityRef} ${n.cluster}/${n.namespace} (${n.environment})`,
        );
      await store.replaceClusterResults({
        cluster: 'dev-1',
        environment: 'dev',
        auditedAt: T1,
        results: [result()],
        provisionedNamespaces: [
          {
            namespace: 'payments-dev',
            environment: 'dev',
            entityRef: 'Component:default/Payments',
          },
          {
            namespace: 'ledger',
            environment: 'dev',
            entityRef: 'component:finance/ledger',
          },
        ],
      });
      await store.replaceClusterResults({
        cluster: 'prod-1',
        environment: 'prod',
        auditedAt: T1,
        results: [],
        provisionedNamespaces: [
          {
            namespace: 'payments-prod',
            environment: 'prod',
            entityRef: 'component:default/payments',
          },
        ],
      });
      expect(await listed()).toEqual([
        'component:default/payments dev-1/payments-dev (dev)',
        'component:default/payments prod-1/payments-prod (prod)',
        'component:finance/ledger dev-1/ledger (dev)',
      ]);

      // A failed audit keeps what the last successful one found; a replacement without namespaces leaves them too.
      await store.markClusterFailed({
        cluster: 'dev-1',
        environment: 'dev',
        failedAt: T2,
        error: 'timeout',
      });
      await store.replaceClusterResults({
        cluster: 'dev-1',
        environment: 'dev',
        auditedAt: T2,
        results: [],
        sources: ['policyreport:*'],
      });
      expect(await listed()).toHaveLength(3);

      // The next audit of dev-1 replaces dev-1's namespaces only.
      await store.replaceClusterResults({
        cluster: 'dev-1',
        environment: 'dev',
        auditedAt: T3,
        results: [],
        provisionedNamespaces: [
          {
            namespace: 'ledger',
            environment: 'dev',
            entityRef: 'component:finance/ledger',
          },
        ],
      });
      expect(await listed()).toEqual([
        'component:default/payments prod-1/payments-prod (prod)',
        'component:finance/ledger dev-1/ledger (dev)',
      ]);

      // Bad input is refused with the field named, and nothing changes.
      await expect(
        store.replaceClusterResults({
          cluster: 'prod-1',
          environment: 'prod',
          auditedAt: T3,
          results: [],
          provisionedNamespaces: [
            {
              namespace: 'payments-prod',
              environment: 'prod',
              entityRef: 'payments',
            },
          ],
        }),
      ).rejects.toThrow(
        "provisionedNamespaces[0].entityRef must be a full entity ref (kind:namespace/name), got 'payments'",
      );
      await expect(
        store.replaceClusterResults({
          cluster: 'prod-1',
          environment: 'prod',
          auditedAt: T3,
          results: [],
          provisionedNamespaces: [
            {
              namespace: 'shared',
              environment: 'prod',
              entityRef: 'component:default/a',
            },
            {
              namespace: 'shared',
              environment: 'prod',
              entityRef: 'component:default/b',
            },
          ],
        }),
      ).rejects.toThrow(
        "provisionedNamespaces[1]: namespace 'shared' is given for both component:default/a and component:default/b",
      );
      expect(await listed()).toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the time an entity status was first found while audits find the same status, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const status = (entityRef: string, key: string, at: Date) => ({
        entityRef,
        key,
        evaluatedAt: at.toISOString(),
      });
      await store.recordEntityStatusTimes([
        status('component:default/a', 'violating 2', T1),
        status('component:default/b', 'compliant', T1),
        status('component:default/gone', 'compliant', T1),
      ]);
      const recorded = await store.recordEntityStatusTimes([
        status('Component:default/A', 'violating 2', T2),
        status('component:default/b', 'violating 1', T2),
        status('component:default/new', 'compliant', T2),
      ]);
      const expected = new Map([
        [
          'component:default/a',
          status('component:default/a', 'violating 2', T1),
        ],
        [
          'component:default/b',
          status('component:default/b', 'violating 1', T2),
        ],
        [
          'component:default/new',
          status('component:default/new', 'compliant', T2),
        ],
      ]);
      expect(recorded).toEqual(expected);
      expect(await store.entityStatusTimes()).toEqual(expected);
      await expect(
        store.recordEntityStatusTimes([
          { entityRef: 'component:default/a', key: 'x', evaluatedAt: 'soon' },
        ]),
      ).rejects.toThrow('evaluatedAt must be a valid Date');
      expect(await store.entityStatusTimes()).toEqual(expected);
    },
  );
});
