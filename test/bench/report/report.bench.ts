/*
 * Report benchmark: latency of `GET /api/guardrails/entities/:kind/:namespace/:name/report` under 20 concurrent
 * clients, with 5,000 entities × 10 violations (and as many passing results) in the store, on SQLite and on
 * PostgreSQL, through the real plugin (startTestBackend: router, auth, permissions, ReportService, GuardrailsStore).
 *
 *   source .ci/setup/node22.sh
 *   source .ci/setup/ensure-postgres.sh   # for the PostgreSQL run
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs test/bench/report/report.bench.ts
 *
 * PostgreSQL comes from BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING (as for the store's tests); the
 * benchmark creates a database of its own there and drops it at the end. Without one it says so and skips it.
 * The clients run in the same process as the backend, so latencies include their share of the CPU.
 * Target: p99 < 50 ms on each database. Environment: BENCH_ENTITIES (default 5000), BENCH_REQUESTS (default 4000),
 * BENCH_CLIENTS (default 20). Exits 1 when a target is missed.
 */
import { Agent, request } from 'node:http';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory, { Knex } from 'knex';
import {
  DatabaseGuardrailsStore as GuardrailsStore,
  StoredResult,
} from '../../../plugins/guardrails-backend/src/db';
import guardrailsPlugin from '../../../plugins/guardrails-backend/src';

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 5_000);
const VIOLATIONS_PER_ENTITY = 10;
const PASSING_PER_ENTITY = 10;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const WARM_UP_REQUESTS = 400;
const TARGET_P99_MS = 50;
const CLUSTERS = [
  { cluster: 'dev', environment: 'dev' },
  { cluster: 'staging', environment: 'staging' },
  { cluster: 'prod', environment: 'prod' },
];
const GUARDRAILS = [
  'pod.no-privileged',
  'pod.run-as-non-root',
  'pod.no-privilege-escalation',
  'pod.resource-limits',
  'pod.resource-requests',
  'pod.health-probes',
  'image.no-latest-tag',
  'image.approved-registries',
  'workload.min-replicas',
  'workload.pod-disruption-budget',
];

/**
 * 10 violations and 10 passing results per entity, on its Deployments in the three clusters (each entity runs in
 * every environment): the results one cluster's audit stores.
 */
function resultsOf(
  cluster: { cluster: string; environment: string },
  clusterIndex: number,
): StoredResult[] {
  const results: StoredResult[] = [];
  for (let e = 0; e < ENTITIES; e++) {
    const name = `svc-${e}`;
    for (let r = 0; r < VIOLATIONS_PER_ENTITY + PASSING_PER_ENTITY; r++) {
      if (r % CLUSTERS.length !== clusterIndex) continue;
      const failing = r < VIOLATIONS_PER_ENTITY;
      const guardrail = GUARDRAILS[r % GUARDRAILS.length];
      const workload = failing ? name : `${name}-worker`;
      results.push({
        guardrail,
        title: `Guardrail ${guardrail}`,
        resource: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: `team-${e % 500}`,
          name: workload,
          cluster: cluster.cluster,
          environment: cluster.environment,
        },
        result: failing ? (r % 3 === 0 ? 'fail' : 'warn') : 'pass',
        level: failing ? (r % 3 === 0 ? 'block' : 'warn') : 'observe',
        message: failing
          ? `container app of ${workload} breaks ${guardrail}`
          : '',
        severity: 'high',
        category: 'preventive',
        entityRef: `component:default/${name}`,
        owner: `group:default/team-${e % 500}`,
        cluster: cluster.cluster,
        environment: cluster.environment,
        source: 'audit',
      });
    }
  }
  return results;
}

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

function format(n: number, digits = 1): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

async function measure(
  label: string,
  knex: Knex,
): Promise<{ line: string; ok: boolean }> {
  const seeded = performance.now();
  const store = await GuardrailsStore.create({
    database: { getClient: async () => knex },
  });
  const auditedAt = new Date();
  for (const [index, cluster] of CLUSTERS.entries()) {
    await store.replaceClusterResults({
      ...cluster,
      auditedAt,
      results: resultsOf(cluster, index),
    });
  }
  const seedMs = performance.now() - seeded;
  const [{ rows }] = await knex('guardrail_results').count({ rows: '*' });

  const backend = await startTestBackend({
    features: [
      guardrailsPlugin,
      // The plugin's database is the seeded one; the backend applies no migration it does not have.
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: CLUSTERS.map(c => ({
                  name: c.cluster,
                  url: 'http://127.0.0.1:1',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'unused',
                })),
              },
            ],
          },
          guardrails: { audit: { enabled: false } },
        },
      }),
      catalogServiceMock.factory({ entities: [] }),
    ],
  });
  const address = backend.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const authorization = mockCredentials.user.header();

  const get = (path: string) =>
    new Promise<{ status: number; bytes: number; ms: number }>(
      (resolve, reject) => {
        const start = performance.now();
        const req = request(
          { host: '127.0.0.1', port, path, agent, headers: { authorization } },
          res => {
            let bytes = 0;
            res.on('data', chunk => {
              bytes += chunk.length;
            });
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                bytes,
                ms: performance.now() - start,
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end();
      },
    );

  // 20 clients, each asking for one entity's report after another, over entities spread across the store.
  const run = async (total: number) => {
    const latencies: number[] = [];
    let next = 0;
    let bytes = 0;
    const client = async () => {
      while (next < total) {
        const i = next++;
        const entity = (i * 7919) % ENTITIES;
        const res = await get(
          `/api/guardrails/entities/component/default/svc-${entity}/report`,
        );
        if (res.status !== 200)
          throw new Error(`report of svc-${entity} answered ${res.status}`);
        latencies.push(res.ms);
        bytes += res.bytes;
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, client));
    return {
      latencies: latencies.sort((a, b) => a - b),
      ms: performance.now() - start,
      bytes,
    };
  };

  await run(WARM_UP_REQUESTS);
  (globalThis as { gc?: () => void }).gc?.();
  const { latencies, ms, bytes } = await run(REQUESTS);
  agent.destroy();
  await backend.stop();

  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const ok = p99 < TARGET_P99_MS;
  return {
    ok,
    line:
      `${label.padEnd(11)} ${format(
        Number(rows),
        0,
      )} results seeded in ${format(seedMs / 1000)} s; ` +
      `${format(REQUESTS, 0)} reports by ${CLIENTS} clients in ${format(
        ms / 1000,
        2,
      )} s ` +
      `(${format(REQUESTS / (ms / 1000), 0)} requests/s, ${format(
        bytes / REQUESTS / 1024,
      )} KiB each): ` +
      `p50 ${format(p50)} ms, p90 ${format(
        percentile(latencies, 90),
      )} ms, p99 ${format(p99)} ms, ` +
      `max ${format(latencies[latencies.length - 1])} ms; p99 / target ${format(
        p99 / TARGET_P99_MS,
        2,
      )} ` +
      `(p99 < ${TARGET_P99_MS} ms: ${ok ? 'met' : 'MISSED'})`,
  };
}

function postgresConnection(): string | undefined {
  const key = Object.keys(process.env)
    .filter(k =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
    )
    .sort()
    .pop();
  return key ? process.env[key] : undefined;
}

async function main(): Promise<number> {
  const lines = [
    `report benchmark: GET /entities/component/default/<name>/report, ${format(
      ENTITIES,
      0,
    )} entities × ` +
      `${VIOLATIONS_PER_ENTITY} violations (+ ${PASSING_PER_ENTITY} passing results) in each of ${CLUSTERS.length} environments' ` +
      `clusters together; ` +
      `${CLIENTS} concurrent clients; node ${process.version}`,
  ];
  let ok = true;

  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  const onSqlite = await measure('SQLite', sqlite);
  await sqlite.destroy();
  lines.push(onSqlite.line);
  ok &&= onSqlite.ok;

  const connection = postgresConnection();
  if (!connection) {
    lines.push(
      'PostgreSQL  skipped: no BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING (source .ci/setup/ensure-postgres.sh)',
    );
  } else {
    const database = `guardrails_bench_${process.pid}`;
    const admin = knexFactory({ client: 'pg', connection });
    await admin.raw('CREATE DATABASE ??', [database]);
    const pg = knexFactory({
      client: 'pg',
      connection: { connectionString: connection, database },
      pool: { min: 0, max: 10 },
    });
    try {
      const onPostgres = await measure('PostgreSQL', pg);
      lines.push(onPostgres.line);
      ok &&= onPostgres.ok;
    } finally {
      await pg.destroy();
      await admin.raw('DROP DATABASE ??', [database]);
      await admin.destroy();
    }
  }
  console.log(lines.join('\n'));
  return ok ? 0 : 1;
}

main().then(
  code => {
    process.exitCode = code;
  },
  error => {
    console.error(error);
    process.exit(1);
  },
);
