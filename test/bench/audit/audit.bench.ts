/*
 * Audit benchmark: one audit cycle of 5,000 components / 20,000 pods (with their Deployments, ReplicaSets and
 * namespaces) across three simulated clusters, through the real AuditRunner, GuardrailsStore (SQLite in memory)
 * and ClusterAccess. The clusters run in a child process, so the wall time is the audit's own. Prints the Kubernetes requests per cycle and the wall time, then audits the same clusters
 * with a catalog of 2,500 components to show that requests do not grow with entities.
 *
 *   source .ci/setup/node22.sh
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs test/bench/audit/audit.bench.ts
 *
 * Targets: the same requests with 5,000 and 2,500 components, exactly one paginated list per kind per cluster
 * (Σ max(1, ⌈objects / pageSize⌉)), and a cycle well inside the audit task's default timeout of 3 minutes.
 * Environment: BENCH_COMPONENTS (default 5000), BENCH_PODS_PER_COMPONENT (default 4), BENCH_TEAMS (team
 * namespaces, default one per 10 components). Exits 1 when a target is missed.
 */
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { compilePack } from '@guardrails-dev/plugin-guardrails-engine';
import {
  ClusterAccess,
  loadConfiguredPack,
} from '@guardrails-dev/plugin-guardrails-node';
import knexFactory from 'knex';
import {
  AuditOutcome,
  AuditRunner,
} from '../../../plugins/guardrails-backend/src/audit/AuditRunner';
import {
  AUDITED_KINDS,
  REPORT_KINDS,
} from '../../../plugins/guardrails-backend/src/audit/auditedKinds';
import { DatabaseGuardrailsStore as GuardrailsStore } from '../../../plugins/guardrails-backend/src/db';
import { readAuditConfig } from '../../../plugins/guardrails-backend/src/service/readAuditConfig';
import { SummaryService as ReportService } from '../../../plugins/guardrails-backend/src/service/SummaryService';
import { defaultEnvironments, startClusterProcess } from './clusterProcess';
import { CLUSTERS, generateEstate } from './generateEstate';

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 5_000);
const PODS_PER_COMPONENT = Number(process.env.BENCH_PODS_PER_COMPONENT ?? 4);
// Team namespaces: 10 components each by default; fewer makes large namespaces.
const TEAMS = Number(
  process.env.BENCH_TEAMS ?? Math.max(3, Math.round(COMPONENTS / 10)),
);
const TOKEN = 'bench-token';
// The default pack at a fixed date, so every run evaluates the same rollout stages.
const AT = new Date('2026-12-15T00:00:00Z');
// The audit task's default timeout (readAuditConfig): a cycle must finish well inside it.
const TIMEOUT_MS = 3 * 60_000;

const silent = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silent;
  },
};

const auditor = {
  createEvent: async () => ({ success: async () => {}, fail: async () => {} }),
};

function format(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

async function main(): Promise<number> {
  const generated = performance.now();
  const options = {
    components: COMPONENTS,
    podsPerComponent: PODS_PER_COMPONENT,
    teams: TEAMS,
  };
  const kinds = [...AUDITED_KINDS, ...REPORT_KINDS];
  const clusters = await startClusterProcess(options, TOKEN, kinds);
  // The same deterministic estate as the clusters hold: the catalog side of it.
  const estate = generateEstate({
    ...options,
    environments: defaultEnvironments(),
  });
  const setupMs = performance.now() - generated;
  const clusterConfig = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: CLUSTERS.map(name => ({
            name,
            url: clusters.urls[name],
            authProvider: 'serviceAccount',
            serviceAccountToken: TOKEN,
          })),
        },
      ],
    },
  });
  const { settings } = readAuditConfig(clusterConfig);
  const pack = compilePack(
    (await loadConfiguredPack(clusterConfig, { now: AT })).pack,
  );
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  const store = await GuardrailsStore.create({
    database: { getClient: async () => knex },
  });
  // Time spent in the store's writes (synchronous on SQLite, so it adds to the wall time as is).
  let storeMs = 0;
  for (const method of [
    'replaceClusterResults',
    'recordDailyHistory',
    'recordEntityStatusTimes',
  ] as const) {
    const original = store[method].bind(store) as (
      ...args: any[]
    ) => Promise<any>;
    (store as any)[method] = async (...args: any[]) => {
      const start = performance.now();
      try {
        return await original(...args);
      } finally {
        storeMs += performance.now() - start;
      }
    };
  }
  const started = Date.now();
  let entities: Entity[] = [];
  const reports = new ReportService({
    store,
    environments: defaultEnvironments(),
  });
  const runner = new AuditRunner({
    store,
    clusterAccess: ClusterAccess.fromConfig(clusterConfig, { logger: silent }),
    pack,
    loadEntities: async () => entities,
    auditor,
    logger: silent,
    settings,
    // As the plugin wires it: the summary records what each audit found.
    afterCycle: () => reports.recordStatusTimes(),
    // The pack's dates are fixed; the store still sees time pass between cycles.
    now: () => new Date(AT.getTime() + (Date.now() - started)),
  });

  const cycle = async (components: number) => {
    const catalog = estate.components.slice(0, components);
    const names = new Set(catalog.map(c => c.metadata.name));
    entities = [
      ...catalog,
      ...estate.namespaceResources.filter(r =>
        names.has(r.metadata.annotations!['backstage.io/kubernetes-id']),
      ),
    ];
    await clusters.resetRequests();
    (globalThis as { gc?: () => void }).gc?.();
    storeMs = 0;
    const start = performance.now();
    const outcome: AuditOutcome = await runner.run();
    const ms = performance.now() - start;
    const failed = outcome.clusters.filter(c => !c.ok);
    if (failed.length > 0) {
      throw new Error(
        `Audit failed: ${failed
          .map(c => `${c.cluster}: ${c.error}`)
          .join('; ')}`,
      );
    }
    const { total: requests, byMethod: methods } = await clusters.requests();
    const summary = await store.entitySummaries();
    return {
      components,
      entities: entities.length,
      ms,
      storeMs,
      requests,
      methods,
      objects: outcome.clusters.reduce((sum, c) => sum + c.objects, 0),
      results: outcome.clusters.reduce((sum, c) => sum + c.results, 0),
      violations: outcome.clusters.reduce((sum, c) => sum + c.violations, 0),
      owned: new Set(summary.map(r => r.entityRef)).size,
      namespaces: (await store.provisionedNamespaces()).length,
    };
  };

  const first = await cycle(COMPONENTS);
  const steady = await cycle(COMPONENTS);
  const half = await cycle(Math.round(COMPONENTS / 2));

  // One paginated list per kind per cluster: requests follow from object counts and the page size alone.
  const expected = CLUSTERS.reduce(
    (sum, name) =>
      sum +
      kinds.reduce((pages, kind) => {
        const count = clusters.counts[name][`${kind.apiVersion}|${kind.kind}`];
        return pages + Math.max(1, Math.ceil(count / settings.pageSize));
      }, 0),
    0,
  );
  await clusters.close();
  await knex.destroy();

  const sameRequests =
    half.requests === steady.requests && steady.requests === first.requests;
  const paginated = steady.requests === expected;
  const inTime = Math.max(first.ms, steady.ms) <= TIMEOUT_MS;
  const row = (label: string, c: typeof first) =>
    `${label.padEnd(34)} ${format(c.components).padStart(
      5,
    )} components (${format(c.entities)} entities): ` +
    `${format(c.requests)} requests (${Object.entries(c.methods)
      .map(([m, n]) => `${m} ${format(n)}`)
      .join(', ')}), ${format(c.ms / 1000, 2)} s (store writes ${format(
      c.storeMs / 1000,
      2,
    )} s); ${format(c.results)} results, ${format(
      c.violations,
    )} violations, ${format(c.owned)} entities with results, ${format(
      c.namespaces,
    )} provisioned namespaces`;
  console.log(
    [
      `audit benchmark: ${format(COMPONENTS)} components, ${format(
        estate.pods,
      )} pods, ${format(first.objects)} objects listed per cycle across ${
        CLUSTERS.length
      } simulated clusters (${CLUSTERS.join(', ')})`,
      `node ${process.version}; page size ${settings.pageSize}, ${
        settings.clusterConcurrency
      } clusters and ${
        settings.kindConcurrency
      } kinds at once; SQLite in memory; clusters in a child process; estate generated and seeded in ${format(
        setupMs / 1000,
        1,
      )} s`,
      row('first audit (empty store)', first),
      row('next audit (steady state)', steady),
      row('next audit, half the catalog', half),
      `requests per cycle: ${format(steady.requests)} with ${format(
        COMPONENTS,
      )} components, ${format(half.requests)} with ${format(
        half.components,
      )}: ratio ${format(half.requests / steady.requests, 2)} (target 1.00: ${
        sameRequests ? 'met' : 'MISSED'
      })`,
      `requests from pagination alone (Σ kinds × clusters of max(1, ⌈objects / ${
        settings.pageSize
      }⌉)): ${format(expected)} (${paginated ? 'met' : 'MISSED'})`,
      `wall time / task timeout: ${format(
        Math.max(first.ms, steady.ms) / TIMEOUT_MS,
        3,
      )} (target <= 1: ${inTime ? 'met' : 'MISSED'}); per 1,000 pods: ${format(
        steady.ms / (estate.pods / 1000),
        0,
      )} ms`,
    ].join('\n'),
  );
  return sameRequests && paginated && inTime ? 0 : 1;
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
