/*
 * Catalog benchmark: the catalog's processing of 5,000 components (the orchestrator with the processors and
 * policies the portal's catalog runs on every entity, and the engine's result hash; no database) without and with
 * the guardrails processor, which reads a SummarySnapshot of `GET /summary` served by a local HTTP server for
 * 5,000 entities. Prints the ratio.
 *
 *   source .ci/setup/node22.sh
 *   node --require ./node_modules/@backstage/cli/config/nodeTransform.cjs test/bench/catalog/catalog.bench.ts
 *
 * Each pass over the 5,000 components with the module starts one snapshot refresh, and the summary changes
 * between passes, so every pass also downloads and parses the whole summary (in production: a conditional request
 * once a minute at most, with a full download only after an audit changed the summary). Each round runs a pass without and with the module (and, for scale, with a
 * processor that does nothing and with one that only writes the labels and annotations) in a rotated order; the
 * ratio is the median over rounds of the ratio within a round, so that drift in the machine's load cancels out.
 * Also printed: how many entities' processed result changed from one pass to the next, which the
 * catalog then writes and re-stitches (not timed here).
 * Target: with / without <= 1.05. Environment: BENCH_COMPONENTS (default 5000), BENCH_REPETITIONS (default 16).
 * Exits 1 above target.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  GuardrailsEntityProcessor,
  SummarySnapshot,
} from '@guardrails-dev/plugin-catalog-backend-module-guardrails';
import {
  ApiEntitySummary,
  ApiSummary,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  catalogLogger,
  catalogPipeline,
  CatalogPipeline,
} from './catalogPipeline';

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 5_000);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 16);
const WARM_UPS = 2;
const TARGET_RATIO = 1.05;
const REFRESH_INTERVAL_MS = 60_000;

/** Components as teams write them in catalog-info.yaml, with the location annotations the catalog adds. */
function components(count: number): Entity[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `svc-${i}`;
    const team = `team-${i % 500}`;
    const mapping: Record<string, string> =
      i % 10 < 8
        ? { 'backstage.io/kubernetes-id': name }
        : i % 10 === 8
        ? {
            'backstage.io/kubernetes-label-selector': `app.kubernetes.io/name=${name}`,
            'backstage.io/kubernetes-namespace': team,
          }
        : {};
    const location = `url:https://github.com/example/${name}/blob/main/catalog-info.yaml`;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        title: `Service ${i}`,
        description: `Service number ${i}, owned by ${team}.`,
        tags: ['java', 'rest'],
        links: [
          { url: `https://dashboards.example.com/${name}`, title: 'Dashboard' },
        ],
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          'github.com/project-slug': `example/${name}`,
          'backstage.io/techdocs-ref': 'dir:.',
          ...mapping,
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/${team}`,
        system: `system-${i % 100}`,
        providesApis: [`${name}-api`],
        consumesApis: [`svc-${(i + 1) % count}-api`],
        dependsOn: [`resource:default/db-${i % 300}`],
      },
    };
  });
}

/** The backend's summary for every component: a tenth of them with provisioned namespaces. */
function summary(count: number, version: number): ApiSummary {
  const entities: Record<string, ApiEntitySummary> = {};
  for (let i = 0; i < count; i++) {
    const violations = (i + version) % 7 === 0 ? 2 : 0;
    entities[`component:default/svc-${i}`] = {
      compliance: violations > 0 ? 'violating' : 'compliant',
      enforcementLevel: violations > 0 ? 'warn' : 'none',
      rolloutStage: `prod.${violations > 0 ? 'warn' : 'none'}`,
      violations,
      warnings: i % 5 === 0 ? 1 : 0,
      errors: 0,
      evaluatedAt: new Date(Date.UTC(2026, 10, 22, 10, version)).toISOString(),
      ...(i % 10 === 9
        ? {
            namespaces: [
              `resource:default/svc-${i}-dev`,
              `resource:default/svc-${i}-prod`,
            ],
          }
        : {}),
    };
  }
  return { generatedAt: new Date().toISOString(), entities };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function format(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

async function main(): Promise<number> {
  // GET /summary as the guardrails backend serves it: JSON with an ETag, 304 when unchanged.
  let version = 0;
  let body = '';
  let etag = '';
  // Every version the benchmark serves, made up front: producing the summary is the backend's work, in another
  // process, and its garbage must not land in the passes timed here.
  const versions = Array.from(
    { length: 2 * REPETITIONS + WARM_UPS + 2 },
    (_, v) => JSON.stringify(summary(COMPONENTS, v + 1)),
  );
  const publish = () => {
    body = versions[version];
    version += 1;
    etag = `"v${version}"`;
  };
  publish();
  let requests = 0;
  let downloads = 0;
  const server = createServer((req, res) => {
    requests += 1;
    if (req.url !== '/api/guardrails/summary' || !req.headers.authorization) {
      res.writeHead(req.headers.authorization ? 404 : 401).end();
      return;
    }
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag }).end();
      return;
    }
    downloads += 1;
    res
      .writeHead(200, { 'Content-Type': 'application/json', ETag: etag })
      .end(body);
  });
  // Longer than any gap between passes, so a refresh never races the server closing an idle connection.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/guardrails`;

  let clock = 0;
  const logger = catalogLogger();
  // The snapshot keeps the last summary when a refresh fails, and says so: here that would be a broken benchmark.
  const snapshotLogger: LoggerService = {
    error: message => logger.error(message),
    warn: message => {
      throw new Error(`The summary was not refreshed: ${message}`);
    },
    info: message => logger.info(message),
    debug: message => logger.debug(message),
    child: () => snapshotLogger,
  };
  const snapshot = new SummarySnapshot({
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    } as DiscoveryService,
    auth: {
      getOwnServiceCredentials: async () => ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'service', subject: 'plugin:catalog' },
      }),
      getPluginRequestToken: async () => ({ token: 'catalog-service-token' }),
    } as unknown as AuthService,
    logger: snapshotLogger,
    refreshIntervalMs: REFRESH_INTERVAL_MS,
    now: () => clock,
  });
  const without = catalogPipeline([], logger);
  const withGuardrails = catalogPipeline(
    [new GuardrailsEntityProcessor({ snapshot, logger })],
    logger,
  );
  // For scale: what the catalog charges for any processor step (one that returns every entity as it is), and for
  // the three labels and four annotations DESIGN.md puts on components (written with constant values), both in the
  // post-processing step, where the module works.
  const withNoop = catalogPipeline(
    [
      {
        getProcessorName: () => 'NoopProcessor',
        postProcessEntity: async (entity: Entity) => entity,
      },
    ],
    logger,
  );
  const withLabelsOnly = catalogPipeline(
    [
      {
        getProcessorName: () => 'LabelsOnlyProcessor',
        postProcessEntity: async (entity: Entity) => ({
          ...entity,
          metadata: {
            ...entity.metadata,
            labels: {
              ...entity.metadata.labels,
              'guardrails.dev/compliance': 'compliant',
              'guardrails.dev/enforcement-level': 'none',
              'guardrails.dev/rollout-stage': 'prod.none',
            },
            annotations: {
              ...entity.metadata.annotations,
              'guardrails.dev/fail-count': '0',
              'guardrails.dev/warn-count': '0',
              'guardrails.dev/error-count': '0',
              'guardrails.dev/evaluated-at': '2026-11-22T10:00:00.000Z',
            },
          },
        }),
      },
    ],
    logger,
  );
  const entities = components(COMPONENTS);

  // The engine's result hash of each entity in the previous pass of each pipeline: an entity whose hash changes is
  // written again and re-stitched by the catalog, work this benchmark does not time.
  const previousHashes = new Map<CatalogPipeline, string[]>();
  const pass = async (pipeline: CatalogPipeline) => {
    let relations = 0;
    let labelled = 0;
    const hashes: string[] = [];
    const start = performance.now();
    for (const entity of entities) {
      const result = await pipeline.process(entity);
      if (!result.ok) {
        throw new Error(
          `Processing ${entity.metadata.name} failed: ${result.errors
            .map(e => e.message)
            .join('; ')}`,
        );
      }
      relations += result.relations?.length ?? 0;
      if (
        result.completedEntity?.metadata.labels?.['guardrails.dev/compliance']
      )
        labelled += 1;
      hashes.push(result.resultHash);
    }
    const ms = performance.now() - start;
    const previous = previousHashes.get(pipeline);
    previousHashes.set(pipeline, hashes);
    const changed = previous
      ? hashes.filter((hash, i) => hash !== previous[i]).length
      : entities.length;
    return { ms, relations, labelled, changed };
  };
  const passWith = async () => {
    // A new summary, and the interval over: this pass refreshes the snapshot with a full download.
    publish();
    clock += REFRESH_INTERVAL_MS;
    const before = downloads;
    const run = await pass(withGuardrails);
    if (downloads !== before + 1) {
      throw new Error(
        `Expected one download of the summary in the pass, saw ${
          downloads - before
        }`,
      );
    }
    return run;
  };

  for (let i = 0; i < WARM_UPS; i++) {
    await pass(without);
    await passWith();
    await pass(withNoop);
    await pass(withLabelsOnly);
  }
  requests = 0;
  const withoutTimes: number[] = [];
  const withTimes: number[] = [];
  const noopTimes: number[] = [];
  const labelsTimes: number[] = [];
  const last = {
    without: { relations: 0, labelled: 0, changed: 0 },
    with: { relations: 0, labelled: 0, changed: 0 },
  };
  const collect = () => (globalThis as { gc?: () => void }).gc?.();
  type Run = Awaited<ReturnType<typeof pass>>;
  const pipelines: Array<[() => Promise<Run>, (run: Run) => void]> = [
    [
      () => pass(without),
      run => {
        withoutTimes.push(run.ms);
        last.without = run;
      },
    ],
    [
      passWith,
      run => {
        withTimes.push(run.ms);
        last.with = run;
      },
    ],
    [() => pass(withNoop), run => noopTimes.push(run.ms)],
    [() => pass(withLabelsOnly), run => labelsTimes.push(run.ms)],
  ];
  for (let i = 0; i < REPETITIONS; i++) {
    // Each round in a rotated order, so that no pipeline always runs first or after the same one.
    for (let k = 0; k < pipelines.length; k++) {
      const [run, record] = pipelines[(i + k) % pipelines.length];
      collect();
      record(await run());
    }
  }
  const requestsPerPass = requests / REPETITIONS;
  // The refresh alone: a new summary downloaded, parsed and indexed, as at the start of each pass with the module.
  const refreshTimes: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    publish();
    clock += REFRESH_INTERVAL_MS;
    const start = performance.now();
    await snapshot.get('component:default/svc-0');
    refreshTimes.push(performance.now() - start);
  }
  server.close();

  const withoutMs = median(withoutTimes);
  const withMs = median(withTimes);
  const ratio = median(withTimes.map((t, i) => t / withoutTimes[i]));
  const noopRatio = median(noopTimes.map((t, i) => t / withoutTimes[i]));
  const labelsRatio = median(labelsTimes.map((t, i) => t / withoutTimes[i]));
  const runs = (times: number[]) => times.map(t => format(t)).join(', ');
  console.log(
    [
      `catalog benchmark: ${format(
        COMPONENTS,
      )} components through the catalog's processing orchestrator ` +
        `(placeholders, built-in kinds, readers, location annotations, scaffolder entity model, default entity policies) and the engine's result hash`,
      `node ${process.version}; ${WARM_UPS} warm-up rounds; ${REPETITIONS} rounds of passes in rotated order; ` +
        `summary of ${format(COMPONENTS)} entities is ${format(
          body.length / 1024,
        )} KiB, downloaded once per pass ` +
        `(${format(requestsPerPass, 1)} request per pass)`,
      `without the module: ${format(withoutMs)} ms per pass (${format(
        (withoutMs * 1000) / COMPONENTS,
        1,
      )} µs per entity; runs ${runs(withoutTimes)}); ${format(
        last.without.relations,
      )} relations`,
      `with the module:    ${format(withMs)} ms per pass (${format(
        (withMs * 1000) / COMPONENTS,
        1,
      )} µs per entity; runs ${runs(withTimes)}); ${format(
        last.with.relations,
      )} relations (${format(
        last.with.relations - last.without.relations,
      )} dependsOn/dependencyOf to provisioned namespaces), ${format(
        last.with.labelled,
      )} entities labelled`,
      `entities whose processed result changed since the previous pass, so that the catalog writes and re-stitches ` +
        `them: ${format(last.without.changed)} without the module, ${format(
          last.with.changed,
        )} with it ` +
        `(the summary changed between passes, if only in each entity's evaluated-at)`,
      `for scale, a processor that returns every entity unchanged: ${format(
        median(noopTimes),
      )} ms per pass, ` +
        `ratio ${format(
          noopRatio,
          3,
        )}; one that only writes DESIGN.md's 3 labels and 4 annotations: ` +
        `${format(median(labelsTimes))} ms per pass, ratio ${format(
          labelsRatio,
          3,
        )}`,
      `one refresh of the snapshot (download, parse and index the summary): ${format(
        median(refreshTimes),
        1,
      )} ms, ${format(
        (median(refreshTimes) / withoutMs) * 100,
        1,
      )}% of a pass without the module`,
      `ratio with / without (median of ${REPETITIONS} rounds): ${format(
        ratio,
        3,
      )} (target <= ${TARGET_RATIO}: ${
        ratio <= TARGET_RATIO ? 'met' : 'ABOVE TARGET'
      })`,
    ].join('\n'),
  );
  return ratio <= TARGET_RATIO ? 0 : 1;
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
