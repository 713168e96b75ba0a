/*
 * Notifications benchmark: one run of the guardrails backend's notices (the scheduler task), through the plugin as a
 * backend runs it (startTestBackend), for 500 and 5,000 components, on SQLite and on PostgreSQL. The store holds what
 * one audit of prod leaves: per component two Deployments failing three guardrails that become block in a week
 * (upcoming-stage notices), 200 components exempted from one of them until the day after tomorrow (exemption
 * notices), and one component in ten failing a guardrail at block (block-level violation notices). Sends go to an
 * in-process notification service, so the time is the backend's own: reading, computing, claiming, recording.
 *
 * Measured per run: the notices computed (due, as the run logs them), those sent, the time, and the database queries
 * (reads and writes). The first run claims and sends everything; the second computes the same and finds it all sent.
 * Targets: the same number of reads for 500 and 5,000 components, at most 4 (one of results, one of the notices
 * recorded, one of what the run claimed, one of the daily quota use for quota headroom and budget notices; one more, of
 * the admission sync's changes, when the platform team is told of stage changes that took effect); a second run makes
 * no write; writes of a first run at most
 * 3·⌈notices/400⌉ + 2 (claims and records in statements of 400); a run for 5,000 components within 60 s, a second
 * one within 5 s. Exits 1 when a target is missed.
 *
 *   source .ci/setup/node22.sh
 *   source .ci/setup/ensure-postgres.sh   # for the PostgreSQL run
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs test/bench/notifications/notifications.bench.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import knexFactory, { Knex } from 'knex';
import guardrailsPlugin from '../../../plugins/guardrails-backend/src';
import { DatabaseGuardrailsStore } from '../../../plugins/guardrails-backend/src/db';
import { NOTICES_TASK_ID } from '../../../plugins/guardrails-backend/src/notifications/createNotifications';
import { TriggeredScheduler } from '../triggeredScheduler';
import { noticePack, noticeResults } from './noticeEstate';

const SIZES = [500, 5_000];
const MAX_READS = 4;
const MAX_FIRST_RUN_MS = 60_000;
const MAX_SECOND_RUN_MS = 5_000;

interface Run {
  /** Notices due, as the run logs them. */
  computed: number;
  /** Notices sent. */
  notices: number;
  ms: number;
  reads: number;
  writes: number;
}

/** Counts the database's queries by whether they read or write. */
function countQueries(knex: Knex) {
  const counts = { reads: 0, writes: 0 };
  knex.on('query', (query: { sql?: string }) => {
    if (/^\s*select/i.test(query.sql ?? '')) counts.reads += 1;
    else counts.writes += 1;
  });
  return {
    reset: () => Object.assign(counts, { reads: 0, writes: 0 }),
    counts: () => ({ ...counts }),
  };
}

/** A backend logger that keeps the notices' run summaries (`Guardrails notices: N due, …`) and drops the rest. */
function summaryLogger(summaries: string[]): LoggerService {
  const logger: LoggerService = {
    error: () => {},
    warn: message => console.warn(message),
    info: message =>
      void (
        message.startsWith('Guardrails notices') && summaries.push(message)
      ),
    debug: message =>
      void (
        message.startsWith('Guardrails notices') && summaries.push(message)
      ),
    child: () => logger,
  };
  return logger;
}

async function measure(
  knex: Knex,
  components: number,
): Promise<{ first: Run; second: Run }> {
  const now = new Date();
  const packDir = mkdtempSync(join(tmpdir(), 'guardrails-notices-bench-'));
  writeFileSync(join(packDir, 'pack.yaml'), noticePack(now, components));
  const scheduler = new TriggeredScheduler();
  const sent: NotificationSendOptions[] = [];
  const summaries: string[] = [];
  const backend = await startTestBackend({
    features: [
      guardrailsPlugin,
      scheduler.factory(),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.test' },
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [{ name: 'prod', url: 'http://127.0.0.1:9' }],
              },
            ],
          },
          guardrails: {
            environments: { prod: { clusters: ['prod'] } },
            packs: [packDir],
            includeDefaultPack: false,
            audit: { enabled: false },
          },
        },
      }),
      catalogServiceMock.factory({ entities: [] }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => summaryLogger(summaries),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async options => void sent.push(options) }),
      }),
    ],
  });
  try {
    const store = await DatabaseGuardrailsStore.create({
      database: { getClient: async () => knex, migrations: { skip: true } },
    });
    await store.replaceClusterResults({
      cluster: 'prod',
      environment: 'prod',
      auditedAt: now,
      results: noticeResults(components, now),
    });
    const queries = countQueries(knex);
    const run = async (): Promise<Run> => {
      queries.reset();
      const before = sent.length;
      const started = performance.now();
      await scheduler.triggerTask(NOTICES_TASK_ID);
      await scheduler.idle();
      const ms = performance.now() - started;
      const due = /(\d+) due/.exec(summaries[summaries.length - 1] ?? '');
      return {
        computed: Number(due?.[1] ?? NaN),
        notices: sent.length - before,
        ms,
        ...queries.counts(),
      };
    };
    const first = await run();
    const second = await run();
    return { first, second };
  } finally {
    await backend.stop();
    rmSync(packDir, { recursive: true, force: true });
  }
}

/** The PostgreSQL server the store's tests use (.ci/setup/ensure-postgres.sh sets it), if there is one. */
const postgresServer = (): string | undefined =>
  Object.entries(process.env).find(([name]) =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(name),
  )?.[1];

/** A fresh database per measurement: SQLite in memory, or one created on the PostgreSQL server and dropped after. */
async function withDatabase<T>(
  kind: 'SQLite' | 'PostgreSQL',
  fn: (knex: Knex) => Promise<T>,
): Promise<T> {
  if (kind === 'SQLite') {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    try {
      return await fn(knex);
    } finally {
      await knex.destroy();
    }
  }
  const connection = postgresServer()!;
  const database = `guardrails_notices_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection });
  await admin.raw('CREATE DATABASE ??', [database]);
  // The database in the URL's path: node-pg lets a connection string's fields override a separate `database`.
  const url = new URL(connection);
  url.pathname = `/${database}`;
  const knex = knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 0, max: 10 },
  });
  try {
    return await fn(knex);
  } finally {
    await knex.destroy();
    await admin.raw('DROP DATABASE ??', [database]);
    await admin.destroy();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<boolean> {
  const lines = [
    `notifications benchmark: one run of the notices, node ${process.version}`,
  ];
  const missed: string[] = [];
  const kinds: Array<'SQLite' | 'PostgreSQL'> = postgresServer()
    ? ['SQLite', 'PostgreSQL']
    : ['SQLite'];
  if (kinds.length === 1) {
    lines.push(
      'PostgreSQL skipped: no BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING (source .ci/setup/ensure-postgres.sh)',
    );
  }
  for (const kind of kinds) {
    const reads = { first: new Set<number>(), second: new Set<number>() };
    for (const components of SIZES) {
      const { first, second } = await withDatabase(kind, knex =>
        measure(knex, components),
      );
      const writeBound = 3 * Math.ceil(first.notices / 400) + 2;
      const describe = (run: Run) =>
        `${run.computed} due, ${run.notices} sent in ${seconds(run.ms)}, ${
          run.reads
        } reads + ${run.writes} writes`;
      lines.push(
        `${kind.padEnd(10)} ${String(components).padStart(5)} components: ` +
          `first run ${describe(
            first,
          )} (bound ${writeBound}); second run ${describe(second)}`,
      );
      if (
        first.computed !== second.computed ||
        first.computed !== first.notices
      ) {
        missed.push(
          `notices due and sent differ (${kind}, ${components} components)`,
        );
      }
      reads.first.add(first.reads);
      reads.second.add(second.reads);
      const where = `${kind}, ${components} components`;
      if (first.writes > writeBound) missed.push(`first-run writes (${where})`);
      if (second.writes > 0 || second.notices > 0) {
        missed.push(`second run wrote or sent (${where})`);
      }
      if (components === 5_000 && first.ms > MAX_FIRST_RUN_MS) {
        missed.push(`first-run time (${where})`);
      }
      if (components === 5_000 && second.ms > MAX_SECOND_RUN_MS) {
        missed.push(`second-run time (${where})`);
      }
    }
    for (const [run, counts] of Object.entries(reads)) {
      if (counts.size !== 1 || Math.max(...counts) > MAX_READS) {
        missed.push(
          `${run}-run reads vary with the components or exceed ${MAX_READS} (${kind}: ${[
            ...counts,
          ].join(', ')})`,
        );
      }
    }
  }
  lines.push(
    `target: at most ${MAX_READS} reads per run whatever the number of components; no write in a second run; ` +
      `first-run writes ≤ 3·⌈notices/400⌉ + 2; at 5,000 components a first run within ${seconds(
        MAX_FIRST_RUN_MS,
      )}, a second within ${seconds(MAX_SECOND_RUN_MS)}`,
  );
  console.log(lines.join('\n'));
  if (missed.length > 0) {
    console.log(`ABOVE TARGET: ${missed.join('; ')}`);
    return false;
  }
  return true;
}

// Exits once measured: a stopped backend can leave timers running for a while.
main().then(
  ok => process.exit(ok ? 0 : 1),
  error => {
    console.error(error);
    process.exit(1);
  },
);
