import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import Router from 'express-promise-router';
import { Knex } from 'knex';

/** One processing cycle: every entity processed once, and everything it changed stitched. */
export interface Cycle {
  /** CPU time of the process (user + system) from the start of the cycle until it settled. */
  cpuMs: number;
  wallMs: number;
  /** Entities whose processed result changed, so that the catalog wrote them and stitched them again. */
  written: number;
}

export interface BenchCatalog {
  /** Makes every entity due and waits until each has been processed and the stitch queue is empty. */
  cycle(): Promise<Cycle>;
  /** Serves the next summary: a new audit (nothing, without the module). */
  audit(): void;
  summaryRequests(): { requests: number; downloads: number };
  stop(): Promise<void>;
}

/**
 * The catalog plugin as a backend runs it (processing engine, orchestrator, the default processors and policies,
 * stitching, its database on in-memory SQLite as in the dev portal), with the scaffolder's entity model as the portal
 * installs it, fed `entities` by an entity provider. With `summaries`, also the guardrails catalog module, reading
 * them from a stand-in for the guardrails backend's `GET /summary` (ETag, 304 when unchanged); `audit()` moves it
 * to the next one. Processing runs only when `cycle()` makes the entities due.
 */
export async function startBenchCatalog(options: {
  entities: Entity[];
  summaries?: string[];
}): Promise<BenchCatalog> {
  const { entities, summaries } = options;
  let knex: Knex | undefined;
  // Counts what the catalog processed: the only way to tell, from outside, that an unchanged entity was processed.
  let processed = 0;
  let version = 0;
  let requests = 0;
  let downloads = 0;

  const features: Parameters<typeof startTestBackend>[0]['features'] = [
    import('@backstage/plugin-catalog-backend'),
    import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
    mockServices.rootConfig.factory({
      data: {
        // Nothing is due by itself: the benchmark decides when a cycle runs.
        catalog: { processingInterval: { hours: 24 } },
        // Shorter than a cycle, so that every cycle asks for the summary (also the default: revalidated when over 1 s old).
        guardrails: { catalog: { refreshIntervalSeconds: 1 } },
      },
    }),
    mockServices.rootLogger.factory({ level: 'warn' }),
    createBackendModule({
      pluginId: 'catalog',
      moduleId: 'bench-entities',
      register(env) {
        env.registerInit({
          deps: {
            catalog: catalogProcessingExtensionPoint,
            database: coreServices.database,
          },
          async init({ catalog, database }) {
            knex = await database.getClient();
            catalog.addProcessor({
              getProcessorName: () => 'BenchProcessedCounter',
              postProcessEntity: async (entity: Entity) => {
                processed += 1;
                return entity;
              },
            });
            catalog.addEntityProvider({
              getProviderName: () => 'bench-entities',
              connect: async connection => {
                await connection.applyMutation({
                  type: 'full',
                  entities: entities.map(entity => ({
                    entity,
                    locationKey: 'bench-entities',
                  })),
                });
              },
            });
          },
        });
      },
    }),
  ];
  if (summaries) {
    features.push(
      import('@guardrails-dev/plugin-catalog-backend-module-guardrails'),
    );
    features.push(
      createBackendPlugin({
        pluginId: 'guardrails',
        register(env) {
          env.registerInit({
            deps: { http: coreServices.httpRouter },
            async init({ http }) {
              const router = Router();
              router.get('/summary', (req, res) => {
                requests += 1;
                const etag = `"audit-${version}"`;
                if (req.headers['if-none-match'] === etag) {
                  res.status(304).end();
                  return;
                }
                downloads += 1;
                res.set('ETag', etag).type('json').send(summaries[version]);
              });
              http.use(router);
            },
          });
        },
      }),
    );
  }
  const backend = await startTestBackend({ features });
  const db = () => {
    if (!knex) throw new Error('The catalog did not start');
    return knex;
  };

  const hashes = async () =>
    new Map(
      (await db()('refresh_state').select('entity_ref', 'result_hash')).map(
        row => [row.entity_ref, row.result_hash],
      ),
    );
  const settled = async (target: number) => {
    // Two quiet looks in a row: every entity processed, and nothing queued for (or being) stitched.
    for (let quiet = 0; quiet < 2; ) {
      await new Promise(resolve => setTimeout(resolve, 100));
      const [{ queued }] = await db()('stitch_queue').count({ queued: '*' });
      quiet = processed >= target && Number(queued) === 0 ? quiet + 1 : 0;
    }
  };
  // The first processing of every entity, and its stitching.
  await settled(entities.length);

  return {
    audit: () => {
      if (!summaries) return;
      if (version + 1 >= summaries.length) {
        throw new Error('No further summary to serve');
      }
      version += 1;
    },
    summaryRequests: () => ({ requests, downloads }),
    cycle: async () => {
      const before = await hashes();
      const target = processed + entities.length;
      (globalThis as { gc?: () => void }).gc?.();
      const cpu = process.cpuUsage();
      const start = performance.now();
      await db()('refresh_state').update({ next_update_at: db().fn.now() });
      await settled(target);
      const used = process.cpuUsage(cpu);
      const wallMs = performance.now() - start;
      const after = await hashes();
      let written = 0;
      for (const [ref, hash] of after) {
        if (before.get(ref) !== hash) written += 1;
      }
      return { cpuMs: (used.user + used.system) / 1000, wallMs, written };
    },
    stop: () => backend.stop(),
  };
}
