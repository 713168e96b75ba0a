/*
 * Audit benchmark: one audit cycle of 5,000 components / 20,000 pods (with their Deployments, ReplicaSets and
 * namespaces, and a DatabaseClaim custom resource for every fifth component) across three simulated clusters, through the guardrails backend plugin as a backend runs it
 * (startTestBackend: its cluster access, pack, store on SQLite in memory), started with `POST /audit` and read back
 * through its REST API. The clusters run in a child process, so the wall time is the audit's own. Prints the
 * Kubernetes requests per cycle and the wall time, then audits the same clusters after half the components have
 * left the catalog, to show that requests do not grow with entities. The backend loads the default pack and the
 * database-claims example pack, whose guardrails match the DatabaseClaim CRD every cluster serves: the audit finds
 * its version and plural through discovery, once per cluster (then cached), and lists it like any other kind.
 *
 *   source .ci/setup/node22.sh
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs test/bench/audit/audit.bench.ts
 *
 * Targets: the same requests with 5,000 and 2,500 components, exactly one paginated list per kind per cluster
 * (Σ max(1, ⌈objects / pageSize⌉) over the collections listed, each of every namespace at once), discovery requests
 * only in the first cycle (at most two per cluster for the CRD's group), and a cycle well
 * inside the audit task's default timeout of 3 minutes. Environment: BENCH_COMPONENTS (default 5000),
 * BENCH_PODS_PER_COMPONENT (default 4), BENCH_TEAMS (team namespaces, default one per 10 components). Exits 1 when a
 * target is missed.
 */
import { stringifyEntityRef } from '@backstage/catalog-model';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ApiSummary } from '@guardrails-dev/plugin-guardrails-common';
import knexFactory from 'knex';
import path from 'node:path';
import { startGuardrailsBackend } from '../guardrailsBackend';
import { startClockAt } from '../startClockAt';
import { defaultEnvironments, startClusterProcess } from './clusterProcess';
import { CLUSTERS, generateEstate } from './generateEstate';
import { timeQueries } from './timeQueries';

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 5_000);
const PODS_PER_COMPONENT = Number(process.env.BENCH_PODS_PER_COMPONENT ?? 4);
// Team namespaces: 10 components each by default; fewer makes large namespaces.
const TEAMS = Number(
  process.env.BENCH_TEAMS ?? Math.max(3, Math.round(COMPONENTS / 10)),
);
const TOKEN = 'bench-token';
// The default pack at a fixed date, so every run evaluates the same rollout stages.
const AT = new Date('2026-12-15T00:00:00Z');
// The audit's tuning, as the plugin's defaults have it (guardrails.audit in its config.d.ts).
// The whole-cluster audit (watch off): this bench measures one audit of every cluster.
const SETTINGS = {
  pageSize: 500,
  clusterConcurrency: 4,
  kindConcurrency: 4,
  watch: { enabled: false },
};
// The audit task's default timeout (guardrails.audit.timeout): a cycle must finish well inside it.
const TIMEOUT_MS = 3 * 60_000;
const EXAMPLE_PACK = path.resolve(
  __dirname,
  '../../../examples/packs/database-claims',
);

function format(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

async function main(): Promise<number> {
  startClockAt(AT);
  const generated = performance.now();
  const options = {
    components: COMPONENTS,
    podsPerComponent: PODS_PER_COMPONENT,
    teams: TEAMS,
  };
  const clusters = await startClusterProcess(options, TOKEN);
  // The same deterministic estate as the clusters hold: the catalog side of it.
  const estate = generateEstate({
    ...options,
    environments: defaultEnvironments(),
  });
  const setupMs = performance.now() - generated;

  const entities = [...estate.components, ...estate.namespaceResources].map(
    entity => ({
      ...entity,
      metadata: { ...entity.metadata, uid: stringifyEntityRef(entity) },
    }),
  );
  const catalog = catalogServiceMock({ entities });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  // Time spent in the store's queries (synchronous on SQLite, so it adds to the wall time as is).
  const database = timeQueries(knex);
  const backend = await startGuardrailsBackend({
    knex,
    catalog,
    config: {
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
      guardrails: {
        audit: SETTINGS,
        // Layered onto the default pack: the claim guardrails on the DatabaseClaim CRD.
        packs: [EXAMPLE_PACK],
      },
    },
  });

  let inCatalog = estate.components.length;
  const cycle = async () => {
    await clusters.resetRequests();
    (globalThis as { gc?: () => void }).gc?.();
    database.reset();
    const start = performance.now();
    await backend.audit();
    const ms = performance.now() - start;
    const {
      total: requests,
      byMethod: methods,
      discovery,
    } = await clusters.requests();
    const lists = await clusters.lists();
    const { results, violations } = await backend.auditedResults();
    const summary = await backend.call<ApiSummary>('GET', '/summary');
    const statuses = Object.values(summary.entities);
    return {
      components: inCatalog,
      entities: (await catalog.getEntities()).items.length,
      ms,
      databaseMs: database.ms(),
      requests,
      methods,
      discovery,
      lists,
      objects: lists.reduce((total, l) => total + l.objects, 0),
      results,
      violations,
      owned: statuses.length,
      namespaces: statuses.reduce(
        (total, s) => total + (s.namespaces?.length ?? 0),
        0,
      ),
    };
  };

  const first = await cycle();
  const steady = await cycle();
  // Half the components leave the catalog, and the namespace Resources provisioned for them with them.
  const leaving = new Set(
    estate.components
      .slice(Math.round(COMPONENTS / 2))
      .map(c => stringifyEntityRef(c)),
  );
  for (const entity of entities) {
    const ref = entity.metadata.uid;
    const provisionedFor =
      entity.metadata.annotations?.['guardrails.dev/entity-ref'];
    if (leaving.has(ref) || (provisionedFor && leaving.has(provisionedFor))) {
      await catalog.removeEntityByUid(ref, {
        credentials: mockCredentials.service(),
      });
    }
  }
  inCatalog -= leaving.size;
  const half = await cycle();

  // One paginated list per kind per cluster: requests follow from object counts and the page size alone.
  const pages = (c: typeof steady) =>
    c.lists.reduce(
      (total, l) =>
        total + Math.max(1, Math.ceil(l.objects / SETTINGS.pageSize)),
      0,
    );
  const expected = pages(steady);
  await backend.stop();
  await clusters.close();
  await knex.destroy();

  // Lists are the same every cycle; discovery happens in the first only (then cached), two requests per cluster.
  const listRequests = (c: typeof steady) => c.requests - c.discovery;
  const sameRequests =
    half.requests === steady.requests &&
    listRequests(steady) === listRequests(first) &&
    steady.discovery === 0 &&
    half.discovery === 0 &&
    first.discovery <= 2 * CLUSTERS.length;
  const paginated =
    listRequests(steady) === expected &&
    steady.lists.every(
      l => l.requests === Math.max(1, Math.ceil(l.objects / SETTINGS.pageSize)),
    );
  const inTime = Math.max(first.ms, steady.ms) <= TIMEOUT_MS;
  const kinds = new Set(steady.lists.map(l => l.path)).size;
  const row = (label: string, c: typeof first) =>
    `${label.padEnd(34)} ${format(c.components).padStart(
      5,
    )} components (${format(c.entities)} entities): ` +
    `${format(c.requests)} requests (${Object.entries(c.methods)
      .map(([m, n]) => `${m} ${format(n)}`)
      .join(', ')}; discovery ${format(c.discovery)}), ${format(
      c.ms / 1000,
      2,
    )} s (database ${format(c.databaseMs / 1000, 2)} s); ${format(
      c.results,
    )} results, ${format(c.violations)} violations, ${format(
      c.owned,
    )} entities in the summary, ${format(c.namespaces)} provisioned namespaces`;
  console.log(
    [
      `audit benchmark: ${format(COMPONENTS)} components, ${format(
        estate.pods,
      )} pods, ${format(estate.claims)} DatabaseClaims, ${format(
        first.objects,
      )} objects listed per cycle across ${
        CLUSTERS.length
      } simulated clusters (${CLUSTERS.join(', ')})`,
      `node ${process.version}; page size ${SETTINGS.pageSize}, ${SETTINGS.clusterConcurrency} clusters and ${SETTINGS.kindConcurrency} kinds at once; the plugin in a test backend, started with POST /audit; SQLite in memory; ` +
        `clusters in a child process; estate generated and seeded in ${format(
          setupMs / 1000,
          1,
        )} s`,
      row('first audit (empty store)', first),
      row('next audit (steady state)', steady),
      row('next audit, half the catalog', half),
      `requests per cycle: ${format(steady.requests)} with ${format(
        steady.components,
      )} components, ${format(half.requests)} with ${format(
        half.components,
      )}: ratio ${format(
        half.requests / steady.requests,
        2,
      )}; the first cycle's discovery: ${format(
        first.discovery,
      )} (target: ratio 1.00, the same lists every cycle, discovery in the first only: ${
        sameRequests ? 'met' : 'MISSED'
      })`,
      `requests from pagination alone (Σ of max(1, ⌈objects / ${
        SETTINGS.pageSize
      }⌉) over ${kinds} kinds listed in each of ${
        CLUSTERS.length
      } clusters): ${format(expected)} (${paginated ? 'met' : 'MISSED'})`,
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
