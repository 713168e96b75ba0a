/*
 * What today's scheduled full audit costs the clusters: the guardrails backend with watching disabled (a test backend
 * on SQLite in memory, the catalog a mock holding the estate's entities) audits the estate twice through
 * `POST /audit`; the second, steady-state audit's Kubernetes requests and response bytes are what every 5 minutes
 * costs. The heap retained across the audits is weighed too, for comparison with what a watcher keeps.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ApiSummary } from '@guardrails-dev/plugin-guardrails-common';
import knexFactory from 'knex';
import { startGuardrailsBackend } from '../guardrailsBackend';
import { estateConfig, WATCH_DEFAULTS } from './estateConfig';
import { heapUsedAfterGc } from './figures';
import { Traffic, WatchedClusters } from './watchedClusters';

export interface FullAuditTraffic {
  firstMs: number;
  steadyMs: number;
  /** The steady-state audit's requests and response bytes, over every cluster. */
  traffic: Traffic;
  results: number;
  /** Components the summary gives a known status (compliant or violating) after the audits. */
  knownComponents: number;
  /** Heap after the steady-state audit less heap before the first one, collected both times. */
  retainedHeapBytes: number;
}

/** Components the summary gives a known status (compliant or violating), from results. */
export function knownComponents(summary: ApiSummary): number {
  return Object.entries(summary.entities).filter(
    ([ref, status]) =>
      ref.startsWith('component:') && status.compliance !== 'unknown',
  ).length;
}

export async function measureFullAudit(options: {
  clusters: WatchedClusters;
  token: string;
  entities: Entity[];
}): Promise<FullAuditTraffic> {
  const { clusters } = options;
  const catalog = catalogServiceMock({
    entities: options.entities.map(entity => ({
      ...entity,
      metadata: { ...entity.metadata, uid: stringifyEntityRef(entity) },
    })),
  });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  const backend = await startGuardrailsBackend({
    knex,
    catalog,
    config: estateConfig({
      urls: clusters.urls,
      token: options.token,
      watch: { enabled: false, ...WATCH_DEFAULTS },
    }),
  });
  try {
    const heapBefore = heapUsedAfterGc();
    let start = performance.now();
    await backend.audit();
    const firstMs = performance.now() - start;
    await backend.auditedResults();
    await clusters.resetTraffic();
    start = performance.now();
    await backend.audit();
    const steadyMs = performance.now() - start;
    const traffic = await clusters.traffic();
    const { results } = await backend.auditedResults();
    const summary = await backend.call<ApiSummary>('GET', '/summary');
    const retainedHeapBytes = heapUsedAfterGc() - heapBefore;
    return {
      firstMs,
      steadyMs,
      traffic,
      results,
      knownComponents: knownComponents(summary),
      retainedHeapBytes,
    };
  } finally {
    await backend.stop();
    await knex.destroy();
  }
}
