import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  compilePack,
  parsePack,
} from '@guardrails-dev/plugin-guardrails-engine';
import { ClusterAccess } from '@guardrails-dev/plugin-guardrails-node';
import { DatabaseGuardrailsStore as GuardrailsStore } from '../db';
import {
  deployment,
  namespace,
  startClusters,
  TEST_TOKEN,
} from '../__testUtils__/simulatedClusters';
import { devGuardrail } from '../__testUtils__/devGuardrail';
import { AuditRunner } from './AuditRunner';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const guardrail = (id: string, resource: string, expression: string) =>
  devGuardrail(id, `resources: [${resource}]`, expression);

// A suite kind (pods through their workloads), a built-in kind the suite does not list by itself (ConfigMap),
// and a custom kind the cluster does not serve (its CRD is not installed).
const PACK = [
  guardrail(
    'pod.no-privileged',
    "{ apiGroups: [''], kinds: [Pod] }",
    'object.spec.containers.all(c, !has(c.securityContext) || !c.securityContext.privileged)',
  ),
  guardrail(
    'config.no-password',
    "{ apiGroups: [''], kinds: [ConfigMap] }",
    "!has(object.data) || !('password' in object.data)",
  ),
  guardrail(
    'claim.allowed-regions',
    '{ apiGroups: [platform.example.org], kinds: [DatabaseClaim] }',
    "object.spec.region == 'eu-west-1'",
  ),
].join('---\n');

const seed = [
  namespace('shop'),
  deployment('shop', 'cart', {
    container: { securityContext: { privileged: true } },
  }),
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cart-settings', namespace: 'shop' },
    data: { password: 'hunter2' },
  },
];

const CLAIMS_CRD = 'databaseclaims.platform.example.org';

/** The DatabaseClaim CustomResourceDefinition and two claims, one outside the allowed region. */
const claims = [
  {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: CLAIMS_CRD },
    spec: {
      group: 'platform.example.org',
      scope: 'Namespaced',
      names: { plural: 'databaseclaims', kind: 'DatabaseClaim' },
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              'x-kubernetes-preserve-unknown-fields': true,
            },
          },
        },
      ],
    },
  },
  ...[
    ['orders-db', 'eu-west-1'],
    ['legacy-db', 'us-east-1'],
  ].map(([name, region]) => ({
    apiVersion: 'platform.example.org/v1alpha1',
    kind: 'DatabaseClaim',
    metadata: { name, namespace: 'shop' },
    spec: { engine: 'postgres', region, instanceClass: 'db.t3.small' },
  })),
];

async function setup(objects: object[] = seed) {
  const clusters = await startClusters({ dev: objects });
  const config = new ConfigReader(clusters.config);
  const knex = await databases.init('SQLITE_3');
  const store = await GuardrailsStore.create({
    database: mockServices.database({ knex }),
  });
  const logger = mockServices.logger.mock();
  const runner = new AuditRunner({
    store,
    clusterAccess: ClusterAccess.fromConfig(config, {
      logger: mockServices.logger.mock(),
      maxAttempts: 1,
    }),
    pack: compilePack(parsePack([{ path: 'kinds.yaml', content: PACK }]).pack),
    loadEntities: async () => [],
    auditor: mockServices.auditor.mock(),
    logger,
    settings: { pageSize: 50, clusterConcurrency: 1, kindConcurrency: 2 },
    now: () => new Date('2026-11-22T12:00:00Z'),
  });
  const failing = async () =>
    (await store.unownedResults())
      .map(r => `${r.guardrail} ${r.resource.kind}/${r.resource.name}`)
      .sort();
  return { ...clusters, runner, logger, failing };
}

describe('AuditRunner kinds', () => {
  it('lists the kinds the pack matches and reports those the cluster does not serve, without failing', async () => {
    const { runner, logger, failing, close } = await setup();
    try {
      const outcome = await runner.run();

      expect(outcome.clusters).toEqual([
        expect.objectContaining({
          cluster: 'dev',
          ok: true,
          notServedKinds: ['DatabaseClaim.platform.example.org'],
        }),
      ]);
      expect(await failing()).toEqual([
        'config.no-password ConfigMap/cart-settings',
        'pod.no-privileged Deployment/cart',
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Audited cluster dev \(dev\): .*; warning: the cluster does not serve DatabaseClaim\.platform\.example\.org, which guardrails match/,
        ),
      );
    } finally {
      await close();
    }
  });

  it('keeps auditing when a kind the pack matches disappears between two audits', async () => {
    const { runner, simulators, failing, close } = await setup();
    try {
      await runner.run();
      expect(await failing()).toContain(
        'config.no-password ConfigMap/cart-settings',
      );

      // The kind stops being served after discovery found it: its list answers 404, as once a CRD is deleted.
      simulators.dev.setFaults({
        statusCodes: [
          { status: 404, method: 'GET', pathIncludes: '/configmaps' },
        ],
      });
      const outcome = await runner.run();

      expect(outcome.clusters).toEqual([
        expect.objectContaining({
          ok: true,
          notServedKinds: ['ConfigMap', 'DatabaseClaim.platform.example.org'],
        }),
      ]);
      // The other kinds' results stand; the kind's objects are gone with it.
      expect(await failing()).toEqual(['pod.no-privileged Deployment/cart']);
    } finally {
      await close();
    }
  });

  it('audits custom resources, and keeps auditing once their CRD is deleted', async () => {
    const { runner, simulators, failing, close } = await setup([
      ...seed,
      ...claims,
    ]);
    try {
      const first = await runner.run();
      expect(first.clusters).toEqual([
        expect.objectContaining({ ok: true, notServedKinds: [] }),
      ]);
      expect(await failing()).toEqual([
        'claim.allowed-regions DatabaseClaim/legacy-db',
        'config.no-password ConfigMap/cart-settings',
        'pod.no-privileged Deployment/cart',
      ]);

      const deleted = await fetch(
        `${simulators.dev.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${CLAIMS_CRD}`,
        {
          method: 'DELETE',
          headers: { authorization: `Bearer ${TEST_TOKEN}` },
        },
      );
      expect(deleted.status).toBe(200);
      const second = await runner.run();

      expect(second.clusters).toEqual([
        expect.objectContaining({
          ok: true,
          notServedKinds: ['DatabaseClaim.platform.example.org'],
        }),
      ]);
      expect(await failing()).toEqual([
        'config.no-password ConfigMap/cart-settings',
        'pod.no-privileged Deployment/cart',
      ]);
    } finally {
      await close();
    }
  });

  it('still fails the audit when a kind the suite needs cannot be listed', async () => {
    const { runner, simulators, failing, close } = await setup();
    try {
      await runner.run();
      simulators.dev.setFaults({
        statusCodes: [
          { status: 404, method: 'GET', pathIncludes: '/deployments' },
        ],
      });
      const outcome = await runner.run();

      expect(outcome.clusters).toEqual([
        expect.objectContaining({ ok: false }),
      ]);
      // A partial view does not replace the last complete one.
      expect(await failing()).toEqual([
        'config.no-password ConfigMap/cart-settings',
        'pod.no-privileged Deployment/cart',
      ]);
    } finally {
      await close();
    }
  });
});
