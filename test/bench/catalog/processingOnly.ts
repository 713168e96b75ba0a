import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  GuardrailsEntityProcessor,
  SummarySnapshot,
} from '@guardrails-dev/plugin-catalog-backend-module-guardrails';
import { ApiSummary } from '@guardrails-dev/plugin-guardrails-common';
import { catalogLogger, catalogPipeline } from './catalogPipeline';

const BATCH = 250;

export interface ProcessingOnly {
  /** Median over rounds of (time with the module / time without). */
  ratio: number;
  /** The same for two runs without the module: how finely this machine measures. */
  sameRatio: number;
  withoutMs: number;
  withMs: number;
}

/**
 * The catalog's processing alone (the orchestrator with the catalog's processors and policies, and the engine's
 * result hash; no database, no stitching) of every entity without and with the guardrails processor, reading the
 * module's own snapshot of a summary already downloaded: the status of each component, and for each namespace
 * Resource the components it relates to. One orchestrator runs all of it, its processors swapped in place, in
 * batches of entities that take turns in a rotated order, so that drift in the machine's speed falls on all alike;
 * each entity carries its processors' cache from one pass to the next, as the engine keeps it.
 */
export async function measureProcessingOnly(
  entities: Entity[],
  summary: ApiSummary,
  rounds: number,
): Promise<ProcessingOnly> {
  const logger = catalogLogger();
  const processor = new GuardrailsEntityProcessor({
    snapshot: await downloadedSnapshot(summary),
    logger,
  });
  const variants: Array<{ name: string; extra: CatalogProcessor[] }> = [
    { name: 'without', extra: [] },
    { name: 'without again', extra: [] },
    { name: 'with', extra: [processor] },
  ];
  const pipeline = catalogPipeline(logger);
  const states = variants.map(() => new Array<Record<string, unknown>>());
  const totals = variants.map(() => new Array<number>());
  // Two rounds to warm up, not counted.
  for (let round = 0; round < rounds + 2; round++) {
    const sums = variants.map(() => 0);
    for (let b = 0, turn = round; b < entities.length; b += BATCH, turn++) {
      for (let k = 0; k < variants.length; k++) {
        const v = (turn + k) % variants.length;
        pipeline.use(variants[v].extra);
        const start = performance.now();
        for (let i = b; i < Math.min(b + BATCH, entities.length); i++) {
          const result = await pipeline.process(entities[i], states[v][i]);
          if (!result.ok) {
            throw new Error(
              `Processing ${entities[i].metadata.name} failed: ${result.errors
                .map(e => e.message)
                .join('; ')}`,
            );
          }
          states[v][i] = result.state ?? {};
        }
        sums[v] += performance.now() - start;
      }
    }
    if (round >= 2) sums.forEach((sum, v) => totals[v].push(sum));
  }
  const [without, again, withModule] = totals;
  return {
    ratio: median(withModule.map((t, i) => t / without[i])),
    sameRatio: median(again.map((t, i) => t / without[i])),
    withoutMs: median(without),
    withMs: median(withModule),
  };
}

/** The module's snapshot holding `summary`, downloaded once: no refresh falls due while entities process. */
async function downloadedSnapshot(
  summary: ApiSummary,
): Promise<SummarySnapshot> {
  const body = JSON.stringify(summary);
  const snapshot = new SummarySnapshot({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    logger: catalogLogger(),
    refreshIntervalMs: Number.POSITIVE_INFINITY,
    fetch: async () =>
      new Response(body, {
        headers: { 'content-type': 'application/json', etag: '"summary"' },
      }),
  });
  const [ref, status] = Object.entries(summary.entities)[0];
  if ((await snapshot.get(ref))?.compliance !== status.compliance) {
    throw new Error('The snapshot did not take the summary');
  }
  return snapshot;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}
