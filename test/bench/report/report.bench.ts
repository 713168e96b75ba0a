/*
 * Report benchmark: latency of `GET /api/guardrails/entities/:kind/:namespace/:name/report` under 20 concurrent
 * clients, with 5,000 entities × 10 violations (and as many passing results) in the store, on SQLite and on
 * PostgreSQL, through the guardrails backend plugin as a backend runs it (startTestBackend: router, auth,
 * permissions, reports, store). The store is filled the way it is in production: one audit, started with
 * `POST /audit`, of three simulated clusters where each entity runs a Deployment that breaks the benchmark's ten
 * guardrails and one that meets them.
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
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  KubeSimulator,
  startKubeSimulator,
} from '@guardrails-dev/kube-simulator';
import knexFactory, { Knex } from 'knex';
import { startGuardrailsBackend } from '../guardrailsBackend';
import { CLUSTERS } from '../audit/generateEstate';
import { GUARDRAILS, reportEstate, reportPack } from './reportEstate';

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 5_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const WARM_UP_REQUESTS = 400;
const TARGET_P99_MS = 50;
const TOKEN = 'bench-token';

/** Everything the backend reads besides its database: the clusters, the pack and the catalog. */
interface Surroundings {
  config: Parameters<typeof startGuardrailsBackend>[0]['config'];
  components: Entity[];
}

/**
 * The catalog with the benchmark's components. It looks entities up by ref in an index, as a real catalog does
 * (the in-memory stand-in scans them all): the latency measured is the report's, not the stand-in's.
 */
function catalogOf(components: Entity[]) {
  const catalog = catalogServiceMock({ entities: components });
  const byRef = new Map(components.map(c => [stringifyEntityRef(c), c]));
  catalog.getEntityByRef = async ref =>
    byRef.get(
      stringifyEntityRef(typeof ref === 'string' ? parseEntityRef(ref) : ref),
    );
  return catalog;
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
  surroundings: Surroundings,
): Promise<{ line: string; ok: boolean }> {
  const backend = await startGuardrailsBackend({
    knex,
    config: surroundings.config,
    catalog: catalogOf(surroundings.components),
  });
  const seeded = performance.now();
  await backend.audit();
  const seedMs = performance.now() - seeded;
  const { results: rows } = await backend.auditedResults();
  const { port, authorization } = backend;
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

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
        rows,
        0,
      )} results stored by one audit in ${format(seedMs / 1000)} s; ` +
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

/** The three simulated clusters, and the configuration that points the backend at them and at the pack. */
async function startSurroundings(
  packDir: string,
): Promise<Surroundings & { clusters: KubeSimulator[] }> {
  const { components, objects } = reportEstate(ENTITIES);
  writeFileSync(join(packDir, 'guardrails.yaml'), reportPack());
  const clusters = await Promise.all(
    CLUSTERS.map(name =>
      startKubeSimulator({ name, objects: objects[name], tokens: [TOKEN] }),
    ),
  );
  return {
    components,
    clusters,
    config: {
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: clusters.map(c => ({
              name: c.name,
              url: c.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: TOKEN,
            })),
          },
        ],
      },
      guardrails: {
        packs: [packDir],
        includeDefaultPack: false,
        // One whole-cluster audit fills the store, then nothing changes while the reports are timed.
        audit: { watch: { enabled: false } },
      },
    },
  };
}

async function main(): Promise<number> {
  const lines = [
    `report benchmark: GET /entities/component/default/<name>/report, ${format(
      ENTITIES,
      0,
    )} entities × ` +
      `${GUARDRAILS.length} violations (+ ${GUARDRAILS.length} passing results) across ${CLUSTERS.length} environments' ` +
      `clusters; ` +
      `${CLIENTS} concurrent clients; node ${process.version}`,
  ];
  let ok = true;
  const packDir = mkdtempSync(join(tmpdir(), 'guardrails-report-bench-'));
  const surroundings = await startSurroundings(packDir);
  try {
    const sqlite = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    const onSqlite = await measure('SQLite', sqlite, surroundings);
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
        const onPostgres = await measure('PostgreSQL', pg, surroundings);
        lines.push(onPostgres.line);
        ok &&= onPostgres.ok;
      } finally {
        await pg.destroy();
        await admin.raw('DROP DATABASE ??', [database]);
        await admin.destroy();
      }
    }
  } finally {
    await Promise.all(surroundings.clusters.map(c => c.close()));
    rmSync(packDir, { recursive: true, force: true });
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
