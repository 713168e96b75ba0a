/*
 * Freshness benchmark of the watching audit: how soon after a write in a cluster the guardrails backend's report and
 * the catalog's `guardrails.dev/*` labels follow, what watching costs the clusters against today's full audit every
 * 5 minutes, and the heap the watchers keep.
 *
 *   bash test/bench/run.sh fresh
 *
 * The estate is the audit benchmark's (BENCH_COMPONENTS components, 4 pods each, with their Deployments, ReplicaSets
 * and namespaces, and DatabaseClaims, across the simulated clusters dev, staging and prod), served from a child
 * process so that the Kubernetes API's CPU and heap are not the backend's.
 *
 * 1. Today's audit: the guardrails backend with `guardrails.audit.watch.enabled: false` audits the estate twice with
 *    `POST /audit`; the second audit's Kubernetes requests and response bytes, 12 times, are what an hour costs.
 * 2. Watching: one backend as Backstage runs it (startTestBackend): the guardrails backend watching, the real catalog
 *    (processing engine, stitching, in-memory SQLite) with the guardrails catalog module, its processing interval a
 *    day so that only a refresh has it process a component again. The clusters refuse every request (503) until the
 *    catalog has stitched every entity (the backend's warnings meanwhile are counted, not printed); then the heap is
 *    weighed (after garbage collection), the clusters answer, and once every cluster is watched and every component
 *    the full audit knew has a known status (the initial lists evaluated and stored) it is weighed again: the
 *    difference per 10,000 objects watched is what the watchers keep. The initial lists' requests and bytes are
 *    counted apart.
 * 3. Writes: BENCH_WRITES times, alternately, a compliant component's Deployment is made privileged (violating
 *    `pod.no-privileged`) or fixed again with a strategic merge patch, and the bench times from the write until
 *    `GET /api/guardrails/entities/component/default/<name>/report` shows the new result, and until the catalog serves
 *    the component with changed `guardrails.dev/*` labels and annotations; after each, no other component may have
 *    been processed again. The clusters' requests and bytes over the rounds (the bench's own writes taken out),
 *    extrapolated to an hour, are the steady state's cost; watch re-opens are counted at the rate the watches'
 *    timeouts give; the safety-net relist (every 6 hours by default; it is the initial lists again) is added for a
 *    second figure held to the same target. A component no write touches shows how often whole clusters were
 *    evaluated again meanwhile, and the process's CPU what it all cost.
 * Last, the catalog module's revalidation while nothing changes: a conditional `GET /summary` answered 304.
 *
 * Targets: report p95 <= 3 s and labels p95 <= 15 s over at least 20 writes, no unchanged component processed again;
 * at least 20 times fewer bytes per hour watching than auditing every 5 minutes; at most 60 MiB of heap per 10,000
 * watched objects. Environment: BENCH_COMPONENTS (default 5000; e.g. 500 for a quick run), BENCH_WRITES (default 24),
 * BENCH_LIST_TIMEOUT_MS (how long the initial lists may take, default 5 minutes). Exits 1 when a target is missed.
 */
import { Entity } from '@backstage/catalog-model';
import { ApiSummary } from '@guardrails-dev/plugin-guardrails-common';
import { defaultEnvironments } from '../audit/clusterProcess';
import { CLUSTERS, generateEstate } from '../audit/generateEstate';
import { BenchLogger } from './benchLogger';
import { expectedFields, servedFields } from './catalogLabels';
import { estateConfig, WATCH_DEFAULTS } from './estateConfig';
import {
  format,
  formatBytes,
  heapUsedAfterGc,
  median,
  percentile,
} from './figures';
import { FreshCatalog, startFreshCatalog } from './freshCatalog';
import { knownComponents, measureFullAudit } from './fullAuditTraffic';
import { DeploymentRef, waitFor } from './timeWrites';
import { startWatchedClusters } from './watchedClusters';
import { runWriteRounds } from './writeRounds';

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 5_000);
const WRITES = Number(process.env.BENCH_WRITES ?? 24);
const PODS_PER_COMPONENT = 4;
const TEAMS = Math.max(3, Math.round(COMPONENTS / 10));
const TOKEN = 'fresh-bench-token';
const LOCATION = 'url:https://example.com/catalog-info.yaml';

const REPORT_TARGET_MS = 3_000;
const LABEL_TARGET_MS = 15_000;
const MIN_WRITES = 20;
const BYTES_RATIO_TARGET = 20;
const MIB = 1024 * 1024;
const HEAP_TARGET_BYTES = 60 * MIB;
const AUDITS_PER_HOUR = 12;
const HOUR_MS = 3_600_000;
// How long the initial lists may take to give every component its results.
const INITIAL_LIST_TIMEOUT_MS = Number(
  process.env.BENCH_LIST_TIMEOUT_MS ?? 5 * 60_000,
);

/** The estate's components and namespace Resources, as the catalog reads them from a location. */
function catalogEntities(estate: ReturnType<typeof generateEstate>): Entity[] {
  return [...estate.components, ...estate.namespaceResources].map(entity => ({
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        'backstage.io/managed-by-location': LOCATION,
        'backstage.io/managed-by-origin-location': LOCATION,
      },
    },
  }));
}

/** Deployments of components matched by their `backstage.io/kubernetes-id` label, none of them privileged. */
function unprivilegedDeployments(
  estate: ReturnType<typeof generateEstate>,
): DeploymentRef[] {
  const byId = new Set(
    estate.components
      .filter(c => c.metadata.annotations?.['backstage.io/kubernetes-id'])
      .map(c => c.metadata.name),
  );
  return CLUSTERS.flatMap(cluster =>
    (estate.objects[cluster] as any[])
      .filter(
        o =>
          o.kind === 'Deployment' &&
          byId.has(o.metadata.name) &&
          !o.spec.template.spec.containers.some(
            (c: any) => c.securityContext?.privileged,
          ),
      )
      .map(o => ({
        component: o.metadata.name as string,
        cluster,
        namespace: o.metadata.namespace as string,
        name: o.metadata.name as string,
      })),
  );
}

/**
 * The components the writes go to, one for two writes, taken in turn from each cluster: compliant ones first, whose
 * compliance label a privileged container changes, then those with the fewest findings.
 */
function chooseTargets(
  candidates: DeploymentRef[],
  summary: ApiSummary,
  count: number,
): DeploymentRef[] {
  const findings = (d: DeploymentRef) => {
    const s = summary.entities[`component:default/${d.component}`];
    if (!s) return Number.POSITIVE_INFINITY;
    return (
      (s.compliance === 'compliant' ? 0 : 1_000) +
      s.violations +
      s.warnings +
      s.errors
    );
  };
  const perCluster = CLUSTERS.map(cluster =>
    candidates
      .filter(c => c.cluster === cluster && Number.isFinite(findings(c)))
      .sort((a, b) => findings(a) - findings(b)),
  );
  const chosen: DeploymentRef[] = [];
  for (let i = 0; chosen.length < count; i++) {
    const next = perCluster.map(list => list[i]).filter(Boolean);
    if (next.length === 0) break;
    chosen.push(...next.slice(0, count - chosen.length));
  }
  return chosen;
}

/** Resolves once the catalog has processed nothing for `quietMs` (refreshes the backend asked for included). */
async function catalogSettled(catalog: FreshCatalog, quietMs: number) {
  const total = () =>
    [...catalog.processed().values()].reduce((sum, n) => sum + n, 0);
  let last = total();
  let since = performance.now();
  while (performance.now() - since < quietMs) {
    await new Promise(resolve => setTimeout(resolve, 250));
    const now = total();
    if (now !== last) {
      last = now;
      since = performance.now();
    }
  }
}

/** The timeout a watch asked for; without one the API server ends it after 30 to 60 minutes (45 on average). */
function watchTimeoutSeconds(query: string): number {
  const asked = Number(new URLSearchParams(query).get('timeoutSeconds'));
  return asked > 0 ? asked : 2_700;
}

function perHour(value: number, windowMs: number): number {
  return (value * HOUR_MS) / windowMs;
}

function trafficLine(t: { requests: number; bytes: number }): string {
  return `${format(t.requests)} requests, ${formatBytes(t.bytes)}`;
}

async function main(): Promise<number> {
  const benchStart = performance.now();
  const failures: string[] = [];
  const estateOptions = {
    components: COMPONENTS,
    podsPerComponent: PODS_PER_COMPONENT,
    teams: TEAMS,
  };
  const clusters = await startWatchedClusters(estateOptions, TOKEN);
  let entities: Entity[];
  let candidates: DeploymentRef[];
  let pods: number;
  {
    // The same deterministic estate as the clusters serve: the catalog's side of it. Its objects are let go here.
    const estate = generateEstate({
      ...estateOptions,
      environments: defaultEnvironments(),
    });
    entities = catalogEntities(estate);
    candidates = unprivilegedDeployments(estate);
    pods = estate.pods;
  }
  const setupMs = performance.now() - benchStart;

  try {
    // 1. Today's audit every 5 minutes.
    const full = await measureFullAudit({
      clusters,
      token: TOKEN,
      entities,
    });
    const fullHour = {
      requests: full.traffic.requests * AUDITS_PER_HOUR,
      bytes: full.traffic.bytes * AUDITS_PER_HOUR,
    };

    // 2. Watching: the clusters refuse every request until the heap has been weighed without anything listed; the
    // backend's warnings about it are counted, not printed.
    await clusters.setFaults({ statusCodes: [{ status: 503 }] });
    const logger = new BenchLogger();
    logger.hold();
    const catalogStart = performance.now();
    const catalog = await startFreshCatalog({
      components: entities,
      logger,
      config: estateConfig({
        urls: clusters.urls,
        token: TOKEN,
        watch: { enabled: true, ...WATCH_DEFAULTS },
      }),
    });
    try {
      await catalog.stitched(entities.length);
      const stitchedMs = performance.now() - catalogStart;
      const heapBefore = heapUsedAfterGc();
      await clusters.resetTraffic();
      await clusters.setFaults(undefined);
      const refusedWarnings = logger.release();
      const listStart = performance.now();
      // The watchers' backoff after the refusals: until their first request.
      const back = await waitFor(
        async () =>
          (await clusters.traffic()).requests > 0 ? true : undefined,
        { timeoutMs: INITIAL_LIST_TIMEOUT_MS, intervalMs: 100 },
      );
      // A watcher opens its watches once its initial lists are evaluated and stored: every cluster watched, and the
      // summary recorded after the last store giving a known status to every component the full audit did, is the
      // end of the initial lists.
      const listed = await waitFor(
        async () => {
          const watching = new Set(
            (await clusters.watches()).map(w => w.cluster),
          );
          if (!CLUSTERS.every(c => watching.has(c))) return undefined;
          const { body } = await catalog.summary();
          return body && knownComponents(body) >= full.knownComponents
            ? body
            : undefined;
        },
        { timeoutMs: INITIAL_LIST_TIMEOUT_MS, intervalMs: 500 },
      );
      if (!back || !listed) {
        const { body } = await catalog.summary();
        const unknown = Object.entries(body?.entities ?? {}).filter(
          ([ref, status]) =>
            ref.startsWith('component:') && status.compliance === 'unknown',
        );
        throw new Error(
          `The watchers did not give the ${
            full.knownComponents
          } components the full audit knew a known status within ${format(
            INITIAL_LIST_TIMEOUT_MS / 1000,
          )} s of the clusters answering: ${
            back ? 'they came back' : 'they never came back'
          }; clusters watched: ${[
            ...new Set((await clusters.watches()).map(w => w.cluster)),
          ].join(', ')}; ${unknown.length} components unknown, such as ${unknown
            .slice(0, 3)
            .map(([ref, status]) => `${ref} (${status.missingData})`)
            .join(', ')}`,
        );
      }
      const backoffMs = back.at - listStart;
      const initialListMs = listed.at - back.at;
      const initialTraffic = await clusters.traffic();
      const heapAfter = heapUsedAfterGc();
      const watches = await clusters.watches();

      // The refreshes the first results asked for (at most 500), then the written components labelled as they are.
      await catalogSettled(catalog, 3_000);
      const labelledAfterList = await catalog.labelled();
      const targets = chooseTargets(
        candidates,
        listed.value,
        Math.ceil(WRITES / 2),
      );
      // A component in a namespace no write touches, whose evaluation time shows whole-cluster evaluations.
      const written = new Set(targets.map(t => `${t.cluster}/${t.namespace}`));
      const control = candidates.find(
        c => !written.has(`${c.cluster}/${c.namespace}`),
      )!;
      for (const target of targets) await catalog.refresh(target.component);
      for (const target of targets) {
        const status =
          listed.value.entities[`component:default/${target.component}`];
        const labelled = await waitFor(
          async () =>
            servedFields(await catalog.entity(target.component)) ===
            expectedFields(status)
              ? true
              : undefined,
          { timeoutMs: 30_000, intervalMs: 100 },
        );
        if (!labelled) {
          throw new Error(`${target.component} was never labelled`);
        }
      }
      await catalogSettled(catalog, 3_000);

      // 3. Writes, and the clusters' traffic while they are followed.
      await clusters.resetTraffic();
      const windowStart = performance.now();
      const windowCpu = process.cpuUsage();
      const writes = await runWriteRounds({
        catalog,
        urls: clusters.urls,
        token: TOKEN,
        deployments: targets,
        control: control.component,
        writes: WRITES,
        reportTimeoutMs: REPORT_TARGET_MS * 4,
        labelTimeoutMs: LABEL_TARGET_MS * 4,
      });
      const windowTraffic = await clusters.traffic();
      const windowMs = performance.now() - windowStart;
      const cpu = process.cpuUsage(windowCpu);
      const windowCpuMs = (cpu.user + cpu.system) / 1000;
      const openWatches = await clusters.watches();
      // The bench's own writes are no cost of watching.
      const steady = {
        requests: windowTraffic.requests - writes.writes,
        // Counted apart, at the rate their timeouts give (below).
        watchOpens: windowTraffic.watchOpens,
        bytes: windowTraffic.bytes - writes.writeBytes,
      };
      // Watches end after the timeoutSeconds they asked for and are opened again: requests the window may be too
      // short to see, counted at the rate the open watches' timeouts give rather than as the window saw them.
      const reopensPerHour = openWatches.reduce(
        (sum, w) => sum + HOUR_MS / 1000 / watchTimeoutSeconds(w.query),
        0,
      );
      const steadyHour = {
        requests:
          perHour(steady.requests - steady.watchOpens, windowMs) +
          reopensPerHour,
        bytes: perHour(steady.bytes, windowMs),
      };
      const relistsPerHour = 60 / WATCH_DEFAULTS.relistIntervalMinutes;
      const withRelists = {
        requests:
          steadyHour.requests + initialTraffic.requests * relistsPerHour,
        bytes: steadyHour.bytes + initialTraffic.bytes * relistsPerHour,
      };

      // The module's revalidation while nothing changed: a conditional request, answered from memory.
      const { etag } = await catalog.summary();
      const conditional: number[] = [];
      for (let i = 0; i < 50; i++) {
        const start = performance.now();
        const { status } = await catalog.summary(etag);
        conditional.push(performance.now() - start);
        if (status !== 304)
          failures.push(`conditional GET /summary: ${status}`);
      }

      // Objects watched: those of every collection a watch is open on (counting them makes requests: last).
      const watched = new Map(
        watches.map(w => [`${w.cluster} ${w.path}`, w] as const),
      );
      const collections = await clusters.objects(
        [...watched.values()].map(w => ({ cluster: w.cluster, path: w.path })),
      );
      const objects = collections.reduce((sum, c) => sum + c.objects, 0);
      const heapPer10k =
        objects > 0
          ? ((heapAfter - heapBefore) / objects) * 10_000
          : Number.POSITIVE_INFINITY;

      // Targets.
      const { rounds } = writes;
      const reportP95 = percentile(
        rounds.map(r => r.reportMs),
        95,
      );
      const labelP95 = percentile(
        rounds.map(r => r.labelMs),
        95,
      );
      const others = rounds.reduce((sum, r) => sum + r.otherProcessings, 0);
      const mismatched = rounds.filter(
        r =>
          r.compliance.report !== undefined &&
          r.compliance.label !== undefined &&
          r.compliance.report !== r.compliance.label,
      );
      const enoughWrites = rounds.length >= MIN_WRITES;
      const reportMet = enoughWrites && reportP95 <= REPORT_TARGET_MS;
      const labelMet =
        enoughWrites &&
        labelP95 <= LABEL_TARGET_MS &&
        others === 0 &&
        mismatched.length === 0;
      const ratio =
        steadyHour.bytes > 0 ? fullHour.bytes / steadyHour.bytes : 0;
      const bytesMet = ratio >= BYTES_RATIO_TARGET;
      // The safety-net relist is part of the steady state: it must keep the ratio too.
      const ratioWithRelists =
        withRelists.bytes > 0 ? fullHour.bytes / withRelists.bytes : 0;
      const relistsMet = ratioWithRelists >= BYTES_RATIO_TARGET;
      const heapMet = heapPer10k <= HEAP_TARGET_BYTES;
      if (!enoughWrites) {
        failures.push(
          `${rounds.length} writes timed (${writes.skipped} given up after results that never showed), fewer than ${MIN_WRITES}`,
        );
      }
      if (!reportMet) failures.push(`report p95 ${format(reportP95)} ms`);
      if (labelP95 > LABEL_TARGET_MS) {
        failures.push(`label p95 ${format(labelP95)} ms`);
      }
      if (others > 0) {
        failures.push(
          `${others} processings of components whose status did not change`,
        );
      }
      if (mismatched.length > 0) {
        failures.push(
          `${mismatched.length} writes whose label's compliance differs from the report's`,
        );
      }
      if (!bytesMet) failures.push(`bytes ratio ${format(ratio, 1)}`);
      if (!relistsMet) {
        failures.push(
          `bytes ratio with relists ${format(ratioWithRelists, 1)}`,
        );
      }
      if (!heapMet) {
        failures.push(`heap ${format(heapPer10k / MIB, 1)} MiB per 10,000`);
      }

      const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
      const benchMs = performance.now() - benchStart;
      console.log(
        [
          `freshness benchmark (watching audit): ${format(
            COMPONENTS,
          )} components, ${format(pods)} pods, ${format(
            objects,
          )} objects watched in ${format(watched.size)} watches across ${
            CLUSTERS.length
          } simulated clusters (${CLUSTERS.join(', ')}) in a child process`,
          `node ${
            process.version
          }; the guardrails backend and the catalog with the guardrails module (processing interval 24 h) in one test backend, SQLite in memory; watch debounce ${
            WATCH_DEFAULTS.debounceMs
          } ms, relist every ${
            WATCH_DEFAULTS.relistIntervalMinutes
          } min; estate generated in ${format(
            setupMs / 1000,
            1,
          )} s, catalog stitched in ${format(stitchedMs / 1000, 1)} s`,
          `today's full audit (watch disabled): first ${format(
            full.firstMs / 1000,
            1,
          )} s, steady state ${format(
            full.steadyMs / 1000,
            1,
          )} s, ${trafficLine(full.traffic)} per audit; ${format(
            full.results,
          )} results, ${format(
            full.knownComponents,
          )} components compliant or violating (the rest unknown); every 5 minutes: ${trafficLine(
            fullHour,
          )} per hour`,
          `initial lists (watch enabled, counted apart): ${trafficLine(
            initialTraffic,
          )}; the watchers came back ${format(
            backoffMs / 1000,
            1,
          )} s after the clusters answered (their backoff) and every component the full audit knew had a known status ${format(
            initialListMs / 1000,
            1,
          )} s later (${format(
            refusedWarnings,
          )} warnings while they refused); ${format(
            labelledAfterList,
          )} components labelled compliant or violating once the refreshes asked for were processed (at most 500 per store of results; the rest stay labelled unknown, as the catalog's first pass found them, until the processing pass)`,
          ...rounds.map(
            (r, i) =>
              `write ${String(i + 1).padStart(2)} (${
                r.deployment.component
              } in ${r.deployment.cluster}, ${
                r.privileged ? 'made privileged' : 'fixed'
              }): report ${format(r.reportMs)} ms, labels ${format(
                r.labelMs,
              )} ms after the write; labels ${r.labels.before} -> ${
                r.labels.after
              }; other components processed again: ${r.otherProcessings}`,
          ),
          `GET /summary while nothing changed: ${format(
            median(conditional),
            1,
          )} ms median conditional (304)`,
          `write -> report: p95 ${format(reportP95)} ms, median ${format(
            median(rounds.map(r => r.reportMs)),
          )} ms over ${rounds.length} writes (target p95 <= ${format(
            REPORT_TARGET_MS,
          )} ms over at least ${MIN_WRITES} writes: ${met(reportMet)})`,
          `write -> catalog labels: p95 ${format(labelP95)} ms, median ${format(
            median(rounds.map(r => r.labelMs)),
          )} ms; other components processed again: ${others}; label and report disagreeing: ${
            mismatched.length
          } (target p95 <= ${format(
            LABEL_TARGET_MS,
          )} ms, none processed, none disagreeing: ${met(labelMet)})`,
          `Kubernetes traffic watching, steady state: ${trafficLine(
            steady,
          )} in ${format(windowMs / 1000, 1)} s with ${
            writes.writes
          } writes (the writes' own taken out) -> ${trafficLine(
            steadyHour,
          )} per hour (${format(reopensPerHour)} of the requests: the ${format(
            openWatches.length,
          )} watches opened again as their timeouts end, ${format(
            steady.watchOpens,
          )} of them in the window); full audit every 5 minutes: ${trafficLine(
            fullHour,
          )} per hour; ${format(
            ratio,
            1,
          )}x fewer bytes watching (target >= ${BYTES_RATIO_TARGET}x: ${met(
            bytesMet,
          )})`,
          `CPU of the backend and the catalog over the writes: ${format(
            windowCpuMs / 1000,
            1,
          )} s in ${format(windowMs / 1000, 1)} s (${format(
            (100 * windowCpuMs) / windowMs,
            0,
          )} % of one core, the bench's polling of the report and the entity included)`,
          `whole-cluster evaluations from memory while writes changed single namespaces: ${writes.controlEvaluations} of ${rounds.length} rounds changed the evaluation time of ${control.component} (in ${control.cluster}), which no write touched`,
          `with the relist every ${
            WATCH_DEFAULTS.relistIntervalMinutes
          } min counted too (one initial list's traffic each): ${trafficLine(
            withRelists,
          )} per hour, ${format(
            ratioWithRelists,
            1,
          )}x fewer bytes (target >= ${BYTES_RATIO_TARGET}x: ${met(
            relistsMet,
          )}; a relist costs what an audit's lists cost, so an hourly one would bound this at ${AUDITS_PER_HOUR}x)`,
          `heap per 10,000 watched objects: ${format(
            heapPer10k / MIB,
            1,
          )} MiB (${formatBytes(heapAfter - heapBefore)} over ${format(
            objects,
          )} objects: heap used after two full collections once the initial lists were evaluated and stored, less before the clusters answered the watchers; ${formatBytes(
            initialTraffic.bytes / Math.max(1, objects),
          )} listed per object) (target <= ${format(
            HEAP_TARGET_BYTES / MIB,
          )} MiB: ${met(
            heapMet,
          )}); for comparison, a full audit keeps ${formatBytes(
            full.retainedHeapBytes,
          )}`,
          `whole run ${format(benchMs / 1000, 0)} s; ${
            failures.length === 0
              ? 'every target met'
              : `MISSED: ${failures.join('; ')}`
          }`,
        ].join('\n'),
      );
    } finally {
      await catalog.stop();
    }
  } finally {
    await clusters.close();
  }
  return failures.length === 0 ? 0 : 1;
}

main().then(
  code => {
    process.exit(code);
  },
  error => {
    console.error(error);
    process.exit(1);
  },
);
