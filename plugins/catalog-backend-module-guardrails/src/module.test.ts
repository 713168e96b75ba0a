import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ApiEntitySummary } from '@guardrails-dev/plugin-guardrails-common';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleGuardrails from '.';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: {
      'backstage.io/managed-by-location':
        'url:https://example.com/catalog-info.yaml',
      'backstage.io/managed-by-origin-location':
        'url:https://example.com/catalog-info.yaml',
      'backstage.io/kubernetes-id': 'payments-api',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

const audited = (
  evaluatedAt: string,
  violations: number,
): ApiEntitySummary => ({
  compliance: violations > 0 ? 'violating' : 'compliant',
  enforcementLevel: violations > 0 ? 'warn' : 'none',
  rolloutStage: violations > 0 ? 'prod.warn' : 'prod.none',
  violations,
  warnings: 0,
  errors: 0,
  evaluatedAt,
  // What the audit found in the clusters: payments-api-prod is registered in the catalog, payments-api-dev is not.
  namespaces: [
    'resource:default/payments-api-dev',
    'resource:default/payments-api-prod',
  ],
});

/** The Resource of a namespace, registered by hand: no `dependencyOf` of its own. */
const namespaceResource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'payments-api-prod',
    annotations: {
      'backstage.io/managed-by-location':
        'url:https://example.com/catalog-info.yaml',
      'backstage.io/managed-by-origin-location':
        'url:https://example.com/catalog-info.yaml',
    },
  },
  spec: { type: 'kubernetes-namespace', owner: 'group:default/payments' },
};

/**
 * The real catalog with this module, an entity provider of one component (and the given other entities), and a
 * stand-in for the guardrails backend's `GET /summary` that accepts service credentials only.
 */
async function startCatalog(others: Entity[] = []) {
  let status = audited('2026-11-22T10:00:00.000Z', 2);
  let served: ApiEntitySummary | undefined;
  const callers: string[] = [];
  let processed = 0;
  let database: Awaited<ReturnType<typeof coreServices.database.T.getClient>>;

  const guardrailsStandIn = createBackendPlugin({
    pluginId: 'guardrails',
    register(env) {
      env.registerInit({
        deps: {
          http: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ http, httpAuth }) {
          http.use(async (req, res, next) => {
            if (req.path !== '/summary') {
              next();
              return;
            }
            const credentials = await httpAuth.credentials(req, {
              allow: ['service'],
            });
            callers.push(credentials.principal.subject);
            served = status;
            res.json({
              generatedAt: status.evaluatedAt,
              entities: { 'component:default/payments-api': status },
            });
          });
        },
      });
    },
  });
  const entities = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-entities',
    register(env) {
      env.registerInit({
        deps: {
          catalog: catalogProcessingExtensionPoint,
          db: coreServices.database,
        },
        async init({ catalog, db }) {
          database = await db.getClient();
          catalog.addProcessor({
            getProcessorName: () => 'ProcessedCounter',
            // After every other processor (the default priority is 20), so a count means the module is done.
            getPriority: () => 100,
            postProcessEntity: async (entity: Entity) => {
              processed += 1;
              return entity;
            },
          });
          catalog.addEntityProvider({
            getProviderName: () => 'test-entities',
            connect: async connection =>
              connection.applyMutation({
                type: 'full',
                entities: [component, ...others].map(entity => ({
                  entity,
                  locationKey: 'test',
                })),
              }),
          });
        },
      });
    },
  });

  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleGuardrails,
      guardrailsStandIn,
      entities,
      mockServices.rootConfig.factory({
        data: {
          catalog: { processingInterval: { hours: 24 } },
          guardrails: { catalog: { refreshIntervalSeconds: 0 } },
        },
      }),
    ],
  });

  const row = async () =>
    database('refresh_state')
      .where({ entity_ref: 'component:default/payments-api' })
      .first();
  const stitched = async (
    entityRef = 'component:default/payments-api',
  ): Promise<Entity | undefined> => {
    const final = await database('final_entities')
      .join(
        'refresh_state',
        'refresh_state.entity_id',
        'final_entities.entity_id',
      )
      .where({ 'refresh_state.entity_ref': entityRef })
      .first('final_entities.final_entity');
    return final?.final_entity ? JSON.parse(final.final_entity) : undefined;
  };
  const eventually = async <T>(
    what: string,
    check: () => Promise<T | undefined>,
  ) => {
    for (let i = 0; i < 200; i++) {
      const value = await check();
      if (value !== undefined) return value;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${what}`);
  };
  /** Makes the component due and waits until the catalog has processed it with the current summary. */
  const processAgain = async () => {
    const target = processed + 1;
    await database('refresh_state').update({
      next_update_at: database.fn.now(),
    });
    await eventually('the component to be processed', async () =>
      processed >= target && served === status ? true : undefined,
    );
    // Then the engine's hash and any write and stitch that follow: nothing queued at two looks in a row.
    for (let quiet = 0; quiet < 2; ) {
      await new Promise(resolve => setTimeout(resolve, 100));
      const [{ queued }] = await database('stitch_queue').count({
        queued: '*',
      });
      quiet = Number(queued) === 0 ? quiet + 1 : 0;
    }
  };

  return {
    backend,
    callers,
    row,
    stitched,
    eventually,
    processAgain,
    audit: (next: ApiEntitySummary) => {
      status = next;
    },
  };
}

describe('catalogModuleGuardrails', () => {
  jest.setTimeout(60_000);

  it("puts the summary's status on the catalog's component, fetched with the catalog's service credentials", async () => {
    const catalog = await startCatalog();
    try {
      const entity = await catalog.eventually(
        'the stitched component',
        async () => {
          const e = await catalog.stitched();
          return e?.metadata.labels?.['guardrails.dev/compliance']
            ? e
            : undefined;
        },
      );
      expect(entity.metadata.labels).toMatchObject({
        'guardrails.dev/compliance': 'violating',
        'guardrails.dev/enforcement-level': 'warn',
        'guardrails.dev/rollout-stage': 'prod.warn',
      });
      expect(entity.metadata.annotations).toMatchObject({
        'guardrails.dev/fail-count': '2',
        'guardrails.dev/evaluated-at': '2026-11-22T10:00:00.000Z',
      });
      expect(catalog.callers.length).toBeGreaterThan(0);
      expect(new Set(catalog.callers)).toEqual(new Set(['plugin:catalog']));
    } finally {
      await catalog.backend.stop();
    }
  });

  it('relates the component to the namespace Resources the catalog has, and to no other', async () => {
    const catalog = await startCatalog([namespaceResource]);
    try {
      const entity = await catalog.eventually(
        'the component related to its namespace',
        async () => {
          const e = await catalog.stitched();
          return e?.relations?.some(r => r.type === 'dependsOn')
            ? e
            : undefined;
        },
      );
      // payments-api-dev is in the summary but not in the catalog: a relation to it would be a broken one.
      expect(entity.relations?.filter(r => r.type === 'dependsOn')).toEqual([
        { type: 'dependsOn', targetRef: 'resource:default/payments-api-prod' },
      ]);
      const resource = await catalog.eventually('the resource', async () => {
        const e = await catalog.stitched('resource:default/payments-api-prod');
        return e?.relations?.length ? e : undefined;
      });
      expect(resource.relations).toContainEqual({
        type: 'dependencyOf',
        targetRef: 'component:default/payments-api',
      });
    } finally {
      await catalog.backend.stop();
    }
  });

  it('leaves the component as it was while its status is the same, and writes it again when the status changes', async () => {
    const catalog = await startCatalog();
    try {
      await catalog.eventually('the stitched component', async () => {
        const e = await catalog.stitched();
        return e?.metadata.labels?.['guardrails.dev/compliance']
          ? e
          : undefined;
      });
      const before = await catalog.row();
      const stitchedBefore = await catalog.stitched();

      // A later audit found the same status, and the summary keeps its time: the catalog's result hash stays, so
      // nothing is written or stitched.
      catalog.audit(audited('2026-11-22T10:00:00.000Z', 2));
      await catalog.processAgain();
      expect((await catalog.row()).result_hash).toBe(before.result_hash);
      expect(await catalog.stitched()).toEqual(stitchedBefore);

      // A fixed violation is a new status: written with the time of the audit that found it.
      catalog.audit(audited('2026-11-22T10:10:00.000Z', 0));
      await catalog.processAgain();
      const after = await catalog.eventually('the new status', async () => {
        const e = await catalog.stitched();
        return e?.metadata.labels?.['guardrails.dev/compliance'] === 'compliant'
          ? e
          : undefined;
      });
      expect(after.metadata.annotations).toMatchObject({
        'guardrails.dev/fail-count': '0',
        'guardrails.dev/evaluated-at': '2026-11-22T10:10:00.000Z',
      });
    } finally {
      await catalog.backend.stop();
    }
  });
});
