import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import request from 'supertest';
import { guardrailsPlugin } from '../plugin';
import {
  component,
  deployment,
  namespace,
  startClusters,
  TEST_TOKEN,
} from '../__testUtils__/simulatedClusters';

jest.setTimeout(90_000);

const LOCATION = 'url:https://example.com/catalog-info.yaml';
const located = (entity: Entity): Entity => ({
  ...entity,
  metadata: {
    ...entity.metadata,
    annotations: {
      ...entity.metadata.annotations,
      'backstage.io/managed-by-location': LOCATION,
      'backstage.io/managed-by-origin-location': LOCATION,
    },
  },
});

const privileged = { securityContext: { privileged: true } };

/** The Resource provisioning registers for ledger's prod namespace, before the namespace is in the cluster. */
const ledgerNamespace = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'ledger-prod', namespace: 'default' },
  spec: { type: 'kubernetes-namespace', owner: 'group:default/team-a' },
};

/**
 * The guardrails backend and the real catalog in one backend, the catalog processing nothing by itself (a day's
 * interval): any processing after the first is one the guardrails backend asked for. A processor after every other
 * one counts each entity's processings.
 */
async function start() {
  const clusters = await startClusters({
    prod: [
      namespace('payments', { 'backstage.io/kubernetes-id': 'payments-api' }),
      deployment('payments', 'api', { container: privileged }),
      namespace('quiet', { 'backstage.io/kubernetes-id': 'quiet' }),
      deployment('quiet', 'worker', { container: privileged }),
    ],
  });
  const processed = new Map<string, number>();
  const entities = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-entities',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addProcessor({
            getProcessorName: () => 'ProcessedCounter',
            getPriority: () => 100,
            postProcessEntity: async (entity: Entity) => {
              const ref = `${entity.kind.toLowerCase()}:default/${
                entity.metadata.name
              }`;
              processed.set(ref, (processed.get(ref) ?? 0) + 1);
              return entity;
            },
          });
          catalog.addEntityProvider({
            getProviderName: () => 'test-entities',
            connect: connection =>
              connection.applyMutation({
                type: 'full',
                entities: [
                  component('payments-api', {
                    'backstage.io/kubernetes-id': 'payments-api',
                  }),
                  component('quiet', { 'backstage.io/kubernetes-id': 'quiet' }),
                  component('ledger', {}),
                  ledgerNamespace,
                ].map(entity => ({
                  entity: located(entity as Entity),
                  locationKey: 'test',
                })),
              }),
          });
        },
      });
    },
  });
  const { server } = await startTestBackend({
    features: [
      guardrailsPlugin,
      catalogPlugin,
      entities,
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.rootConfig.factory({
        data: {
          ...clusters.config,
          catalog: { processingInterval: { hours: 24 } },
        },
      }),
    ],
  });
  const user = mockCredentials.user.header();
  const eventually = async <T>(
    what: string,
    check: () => Promise<T | undefined> | T | undefined,
  ): Promise<T> => {
    for (let i = 0; i < 300; i++) {
      const value = await check();
      if (value !== undefined) return value;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${what}`);
  };
  const count = (ref: string) => processed.get(ref) ?? 0;
  const summary = async () =>
    (
      await request(server)
        .get('/api/guardrails/summary')
        .set('Authorization', user)
    ).body.entities ?? {};
  /** Runs an audit and resolves with the summary once its results are stored. */
  const audit = async (done: (statuses: any) => boolean) => {
    const res = await request(server)
      .post('/api/guardrails/audit')
      .set('Authorization', user);
    expect(res.body.status).toBe('started');
    return eventually('the audit', async () => {
      const statuses = await summary();
      return done(statuses) ? statuses : undefined;
    });
  };
  /** The components stitched, so that the audit finds them in the catalog. */
  const stitched = () =>
    eventually('the stitched components', async () => {
      const res = await request(server)
        .get('/api/catalog/entities?filter=kind=component')
        .set('Authorization', user);
      return res.body?.length === 3 ? true : undefined;
    });
  /** Creates an object in the prod cluster, as a team's deployment pipeline would. */
  const create = async (path: string, object: object) => {
    const res = await fetch(`${clusters.simulators.prod.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TEST_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(object),
    });
    expect(res.status).toBe(201);
  };
  return { clusters, count, eventually, audit, stitched, create };
}

describe('catalog refresh after an audit', () => {
  it('has the catalog process an entity whose status changed at once, and leaves one whose status did not', async () => {
    const { clusters, count, eventually, audit, stitched } = await start();
    const payments = 'component:default/payments-api';
    const quiet = 'component:default/quiet';
    try {
      // The catalog's own first processing of both.
      await stitched();
      expect(count(payments)).toBe(1);
      expect(count(quiet)).toBe(1);
      // The first audit gives both a status: both are processed again.
      const first = await audit(e => e[payments] && e[quiet]);
      expect(first[payments].compliance).toBe('violating');
      const afterFirst = { payments: count(payments), quiet: count(quiet) };
      await eventually('the refresh after the first audit', () =>
        count(payments) > 1 && count(quiet) > 1 ? true : undefined,
      );

      // The privileged container is fixed in the cluster; the next audit sees it.
      const fixed = await fetch(
        `${clusters.simulators.prod.url}/apis/apps/v1/namespaces/payments/deployments/api`,
        {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${TEST_TOKEN}`,
            'content-type': 'application/merge-patch+json',
          },
          body: JSON.stringify({
            spec: {
              template: {
                spec: {
                  containers: [
                    {
                      name: 'app',
                      image: 'registry.internal.example.com/app:1.0.0',
                    },
                  ],
                },
              },
            },
          }),
        },
      );
      expect(fixed.status).toBe(200);
      const before = { payments: count(payments), quiet: count(quiet) };
      expect(before.payments).toBeGreaterThanOrEqual(afterFirst.payments);
      const violations = (status: any) => status.violations + status.warnings;
      const second = await audit(
        e => violations(e[payments]) < violations(first[payments]),
      );
      expect(second[quiet]).toEqual(first[quiet]);

      await eventually('the refresh of the fixed component', () =>
        count(payments) > before.payments ? true : undefined,
      );
      // The refresh requests go out together: by now any for the unchanged component would have been processed.
      await new Promise(resolve => setTimeout(resolve, 3_000));
      expect(count(quiet)).toBe(before.quiet);
    } finally {
      await clusters.close();
    }
  });

  it('has the catalog process a namespace Resource whose component the audit found it provisioned for', async () => {
    const { clusters, count, eventually, audit, stitched, create } =
      await start();
    const resource = 'resource:default/ledger-prod';
    try {
      await stitched();
      await eventually('the Resource processed', () =>
        count(resource) > 0 ? true : undefined,
      );
      await audit(e => e['component:default/payments-api']);
      // The first audit's refreshes, of the components with a status.
      await new Promise(resolve => setTimeout(resolve, 4_000));
      const before = count(resource);

      await create(
        '/api/v1/namespaces',
        namespace(
          'ledger-prod',
          { 'app.kubernetes.io/managed-by': 'backstage-guardrails' },
          { 'guardrails.dev/entity-ref': 'component:default/ledger' },
        ),
      );
      const found = await audit(e => e['component:default/ledger']);
      expect(found['component:default/ledger'].namespaces).toEqual([resource]);
      await eventually('the refresh of the namespace Resource', () =>
        count(resource) > before ? true : undefined,
      );
    } finally {
      await clusters.close();
    }
  });
});
