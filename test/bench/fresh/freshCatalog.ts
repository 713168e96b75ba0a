/*
 * The backend of the freshness benchmark: the guardrails backend plugin, the real catalog with the guardrails
 * catalog module, and the entities of the simulated clusters' estate, all in one test backend as a Backstage backend
 * runs them. The catalog processes nothing by itself (a day's interval), so whatever it processes after its first
 * pass is what the guardrails backend (or the benchmark) asked it to refresh; a processor after every other one
 * counts each entity's processings. Scheduled tasks run when the benchmark triggers them (`POST /audit`), never on
 * their schedule.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  ApiEntityReport,
  ApiSummary,
} from '@guardrails-dev/plugin-guardrails-common';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { TriggeredScheduler } from '../triggeredScheduler';
import { BenchLogger } from './benchLogger';

export interface FreshCatalog {
  /** Starts an audit with `POST /audit` and resolves when it has ended (its results stored and recorded). */
  audit(): Promise<void>;
  summary(
    etag?: string,
  ): Promise<{ status: number; etag?: string; body?: ApiSummary }>;
  /** The component as the catalog serves it (`GET /api/catalog/entities/by-name/...`). */
  entity(name: string): Promise<Entity | undefined>;
  /** The component's report (`GET /api/guardrails/entities/component/default/<name>/report`); undefined on 404. */
  report(name: string): Promise<ApiEntityReport | undefined>;
  /** How many components the catalog serves labelled `guardrails.dev/compliance` compliant or violating. */
  labelled(): Promise<number>;
  /** Asks the catalog to process the component again now (`POST /api/catalog/refresh`). */
  refresh(name: string): Promise<void>;
  /** The backend's scheduler: its tasks run only when triggered. */
  scheduler: TriggeredScheduler;
  /** How many times the catalog has processed each component so far. */
  processed(): Map<string, number>;
  /** Resolves once every component has been processed and stitched by the catalog's own first pass. */
  stitched(count: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startFreshCatalog(options: {
  components: Entity[];
  config: JsonObject;
  logger: BenchLogger;
}): Promise<FreshCatalog> {
  const processed = new Map<string, number>();
  let knex: Knex | undefined;
  const scheduler = new TriggeredScheduler();
  const entities = createBackendModule({
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
            // After every other processor (the default priority is 20): a count means the module is done.
            getPriority: () => 100,
            postProcessEntity: async (entity: Entity) => {
              const name = entity.metadata.name;
              processed.set(name, (processed.get(name) ?? 0) + 1);
              return entity;
            },
          });
          catalog.addEntityProvider({
            getProviderName: () => 'bench-entities',
            connect: connection =>
              connection.applyMutation({
                type: 'full',
                entities: options.components.map(entity => ({
                  entity,
                  locationKey: 'bench-entities',
                })),
              }),
          });
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      import('@guardrails-dev/plugin-guardrails-backend'),
      import('@backstage/plugin-catalog-backend'),
      import('@guardrails-dev/plugin-catalog-backend-module-guardrails'),
      entities,
      scheduler.factory(),
      options.logger.factory(),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          // Nothing is due by itself: only a refresh can have the catalog process a component again.
          catalog: { processingInterval: { hours: 24 } },
        },
      }),
    ],
  });
  const address = backend.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const authorization = mockCredentials.user.header();
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}/api${path}`, {
      headers: { authorization, ...headers },
    });

  return {
    audit: async () => {
      const response = await fetch(
        `http://127.0.0.1:${port}/api/guardrails/audit`,
        { method: 'POST', headers: { authorization } },
      );
      const { status } = (await response.json()) as { status: string };
      if (status !== 'started') {
        throw new Error(`POST /audit answered ${status}, not started`);
      }
      await scheduler.idle();
    },
    summary: async etag => {
      const response = await get(
        '/guardrails/summary',
        etag ? { 'if-none-match': etag } : {},
      );
      return {
        status: response.status,
        etag: response.headers.get('etag') ?? undefined,
        body:
          response.status === 200
            ? ((await response.json()) as ApiSummary)
            : undefined,
      };
    },
    entity: async name => {
      const response = await get(
        `/catalog/entities/by-name/component/default/${name}`,
      );
      return response.ok ? ((await response.json()) as Entity) : undefined;
    },
    report: async name => {
      const response = await get(
        `/guardrails/entities/component/default/${name}/report`,
      );
      if (response.status === 404) return undefined;
      if (!response.ok) {
        throw new Error(
          `GET the report of ${name} answered ${response.status}`,
        );
      }
      return (await response.json()) as ApiEntityReport;
    },
    labelled: async () => {
      // Filters are or'ed: components labelled compliant, or violating.
      const known = ['compliant', 'violating']
        .map(
          c =>
            `filter=kind=component,metadata.labels.guardrails.dev/compliance=${c}`,
        )
        .join('&');
      const response = await get(
        `/catalog/entities/by-query?${known}&limit=1&fields=metadata.name`,
      );
      if (!response.ok) {
        throw new Error(`GET /entities/by-query answered ${response.status}`);
      }
      return ((await response.json()) as { totalItems: number }).totalItems;
    },
    refresh: async name => {
      const response = await fetch(
        `http://127.0.0.1:${port}/api/catalog/refresh`,
        {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ entityRef: `component:default/${name}` }),
        },
      );
      if (!response.ok) {
        throw new Error(`POST /refresh of ${name} answered ${response.status}`);
      }
    },
    scheduler,
    processed: () => new Map(processed),
    stitched: async count => {
      for (let quiet = 0; quiet < 2; ) {
        await new Promise(resolve => setTimeout(resolve, 100));
        const db = knex;
        const queued = db
          ? Number((await db('stitch_queue').count({ n: '*' }))[0].n)
          : 1;
        quiet = processed.size >= count && queued === 0 ? quiet + 1 : 0;
      }
    },
    stop: () => backend.stop(),
  };
}
