import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DatabaseGuardrailsStore,
  GuardrailsStore,
  ReplaceClusterResultsInput,
  StoredResult,
} from '..';

export const T1 = new Date('2026-11-20T08:00:00.000Z');
export const T2 = new Date('2026-11-21T08:00:00.123Z');
export const T3 = new Date('2026-11-22T08:00:00.000Z');

/**
 * The databases the store is tested on, and a store on a fresh one. Call at the top of a test file.
 */
export function testStores() {
  // PostgreSQL starts slowly, and some tests write tens of thousands of rows.
  jest.setTimeout(60_000);
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  async function createStore(databaseId: TestDatabaseId, skip = false) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseGuardrailsStore.create({
      database: { getClient: async () => knex, migrations: { skip } },
      logger: mockServices.logger.mock(),
    });
    return { knex, store };
  }
  return { databases, createStore };
}

type Override = Partial<Omit<StoredResult, 'resource'>> & {
  name?: string;
  namespace?: string;
  kind?: string;
};

export function result(override: Override = {}): StoredResult {
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

export const names = (results: StoredResult[]) =>
  results.map(r => `${r.guardrail} ${r.resource.name} ${r.result}`);

/** Replaces the results of one cluster in one environment, as each audit of it does. */
export function clusterAudits(
  store: GuardrailsStore,
  cluster = 'dev-1',
  environment = 'dev',
) {
  return (
    auditedAt: Date,
    results: StoredResult[],
    more?: Pick<
      ReplaceClusterResultsInput,
      'sources' | 'provisionedNamespaces'
    >,
  ) =>
    store.replaceClusterResults({
      cluster,
      environment,
      auditedAt,
      results,
      ...more,
    });
}

/** Results of several entities, unowned objects and every status in dev-1 (dev) and prod-1 (prod). */
export async function seedTwoEnvironments(store: GuardrailsStore) {
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
