/*
 * Catalog benchmark: what the guardrails catalog module adds to the catalog's processing of 5,000 components and the
 * 1,000 namespace Resources provisioned for a tenth of them (their statuses, and the Resources' relations to their
 * components).
 *
 *   bash test/bench/run.sh catalog
 *
 * The catalog runs as a backend runs it (startTestBackend with @backstage/plugin-catalog-backend: processing engine,
 * default processors and policies, the scaffolder's entity model, stitching, its database on in-memory SQLite as in
 * the dev portal), each catalog in a process of its own: two without the module and two with it, reading a stand-in
 * for the guardrails backend's `GET /summary` (how far processes alike differ shows how finely the machine
 * measures). A cycle makes
 * every entity due and lasts until each has been processed and whatever changed has been stitched; its cost is the
 * process's CPU time over the cycle (waits cost nothing, so the engine's and the stitcher's polling gaps do not
 * dilute it). Cycles take turns in a rotated order, so drift in the machine's speed falls on all alike.
 *
 * Before each cycle with the module a new audit has run. In the steady state it found the same statuses, which keep
 * the time of the audit that first found them (as the backend gives them); the stand-in still serves the summary as
 * new (a new ETag, downloaded and parsed in full), as after an audit that changed something elsewhere. The catalog
 * must write nothing: the target is CPU with / without <= 1.05 and no entity written. Then audits where one
 * component in a hundred changes status show what a change costs: those entities are written and stitched again, as
 * after any edit. Last, for scale, the catalog's processing alone (no database), where the module's work is the
 * whole difference: measured within one process, it is finer than the ratio of processes, and its difference as a
 * share of a catalog cycle is a cross-check of that ratio.
 *
 * Environment: BENCH_COMPONENTS (default 5000), BENCH_ROUNDS (default 10), BENCH_PROCESSES_PER_SIDE (default 2).
 * Exits 1 when a target is missed.
 */
import { Cycle } from './benchCatalog';
import { CatalogProcess, startCatalogProcess } from './catalogProcess';
import { catalogEntities, summaries } from './fixtures';
import { measureProcessingOnly, median } from './processingOnly';

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const CHANGING_AUDITS = 3;
const PER_SIDE = Number(process.env.BENCH_PROCESSES_PER_SIDE ?? 2);
const TARGET_RATIO = 1.05;

function format(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

async function main(): Promise<number> {
  const entities = catalogEntities(COMPONENTS);
  const steadyAudits = ROUNDS + 2;
  const audits = {
    count: steadyAudits + CHANGING_AUDITS,
    changingFrom: steadyAudits,
  };
  // The summary the module downloads (made here too, for its size and the processing-only part).
  const firstSummary = summaries(COMPONENTS, 1)[0];

  const started = performance.now();
  // Several of each: a process's own speed (its heap, its hash seeds, its JIT's choices) varies by a few percent, so
  // each side is the sum of as many processes.
  const sides = Array.from({ length: PER_SIDE }, () => [
    'without' as const,
    'with' as const,
  ]).flat();
  const catalogs: Array<{ side: 'without' | 'with'; process: CatalogProcess }> =
    await Promise.all(
      sides.map(async side => ({
        side,
        process: await startCatalogProcess({
          components: COMPONENTS,
          ...(side === 'with' ? { audits } : {}),
        }),
      })),
    );
  const startSeconds = (performance.now() - started) / 1000;
  const cycles = catalogs.map(() => new Array<Cycle>());
  const round = async (index: number, record: boolean) => {
    for (let k = 0; k < catalogs.length; k++) {
      const c = (index + k) % catalogs.length;
      const cycle = await catalogs[c].process.cycle({ audit: true });
      if (record) cycles[c].push(cycle);
    }
  };
  // One round to warm up, not counted.
  await round(0, false);
  const withModule = catalogs[1].process;
  const without = catalogs[0].process;
  const requestsBefore = withModule.summaryRequests();
  for (let i = 0; i < ROUNDS; i++) await round(i + 1, true);
  const requestsAfter = withModule.summaryRequests();

  const of = (side: 'without' | 'with') =>
    cycles.filter((_, c) => catalogs[c].side === side);
  const sums = (list: Cycle[][]) =>
    list[0].map((_, i) => list.reduce((sum, l) => sum + l[i].cpuMs, 0));
  const withSums = sums(of('with'));
  const withoutSums = sums(of('without'));
  const ratio = median(withSums.map((t, i) => t / withoutSums[i]));
  // How far processes alike differ: how finely this machine measures.
  const spread = (list: Cycle[][]) => {
    const medians = list.map(l => median(l.map(c => c.cpuMs)));
    return Math.max(...medians) / Math.min(...medians);
  };
  const spreads = [spread(of('without')), spread(of('with'))];
  const m = of('with').flat();
  const baseline = of('without').flat();
  const writtenSteady = Math.max(...m.map(c => c.written));

  // Audits that change one status in a hundred.
  const changing: Array<{ with: Cycle; without: Cycle }> = [];
  for (let i = 0; i < CHANGING_AUDITS; i++) {
    const withCycle = await withModule.cycle({ audit: true });
    changing.push({ with: withCycle, without: await without.cycle() });
  }
  await Promise.all(catalogs.map(c => c.process.stop()));

  const processing = await measureProcessingOnly(
    entities,
    firstSummary,
    ROUNDS,
  );

  const cpu = (list: Cycle[]) => median(list.map(c => c.cpuMs));
  const wall = (list: Cycle[]) => median(list.map(c => c.wallMs));
  const downloads = requestsAfter.downloads - requestsBefore.downloads;
  const requests = requestsAfter.requests - requestsBefore.requests;
  const changedWritten = median(changing.map(c => c.with.written));
  const changedExtraMs = median(
    changing.map(c => c.with.cpuMs - c.without.cpuMs),
  );
  const steadyExtraMs = cpu(m) - cpu(baseline);
  const met = ratio <= TARGET_RATIO && writtenSteady === 0;
  console.log(
    [
      `catalog benchmark: ${format(COMPONENTS)} components and ${format(
        entities.length - COMPONENTS,
      )} namespace Resources in the catalog as a backend runs it ` +
        `(processing engine, default processors and policies, scaffolder entity model, stitching; in-memory SQLite)`,
      `node ${process.version}; ${
        2 * PER_SIDE
      } catalog processes started in ${format(
        startSeconds,
      )} s; ${ROUNDS} rounds of cycles in rotated order after one to warm up; ` +
        `summary of ${format(
          JSON.stringify(firstSummary).length / 1024,
        )} KiB, new before each cycle with the module (${format(
          downloads / ROUNDS,
          1,
        )} downloads and ${format(requests / ROUNDS, 1)} requests per cycle)`,
      `without the module: ${format(cpu(baseline))} ms CPU per cycle (${format(
        (cpu(baseline) * 1000) / entities.length,
      )} µs per entity), ${format(wall(baseline))} ms wall`,
      `with the module:    ${format(cpu(m))} ms CPU per cycle (${format(
        (cpu(m) * 1000) / entities.length,
      )} µs per entity), ${format(wall(m))} ms wall; ` +
        `entities written per cycle: at most ${format(writtenSteady)}`,
      `for the noise, the slowest / the fastest of processes alike: ${format(
        spreads[0],
        3,
      )} without, ${format(spreads[1], 3)} with`,
      `audits that change one status in a hundred: ${format(
        changedWritten,
      )} entities written per audit, ` +
        `${format(
          changedExtraMs,
        )} ms CPU more than without the module (${format(
          (changedExtraMs - steadyExtraMs) / Math.max(changedWritten, 1),
          1,
        )} ms per entity written and stitched again)`,
      `the catalog's processing alone (no database), for scale: ${format(
        processing.withoutMs,
      )} ms per pass without, ${format(processing.withMs)} ms with; ` +
        `ratio ${format(processing.ratio, 3)} (two runs without: ${format(
          processing.sameRatio,
          3,
        )}); ` +
        // Measured finely (one process, interleaved): a cross-check of the ratio below, which processes blur.
        `the module's processing is ${format(
          ((processing.withMs - processing.withoutMs) / cpu(baseline)) * 100,
          1,
        )}% of a catalog cycle without it`,
      `ratio with / without in the steady state (CPU of ${PER_SIDE} processes each, median of ${ROUNDS} rounds): ${format(
        ratio,
        3,
      )} (target <= ${TARGET_RATIO} and no entity written: ${
        met ? 'met' : 'MISSED'
      })`,
    ].join('\n'),
  );
  return met ? 0 : 1;
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
