import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { compilePack } from '@guardrails-dev/plugin-guardrails-engine';
import {
  ClusterAccess,
  loadConfiguredPack,
} from '@guardrails-dev/plugin-guardrails-node';
import { DatabaseGuardrailsStore as GuardrailsStore } from '../db';
import {
  component,
  deployment,
  namespace,
  startClusters,
} from '../__testUtils__/simulatedClusters';
import { AuditRunner } from './AuditRunner';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const entities = [
  component(
    'payments-api',
    { 'backstage.io/kubernetes-id': 'payments-api' },
    'group:default/payments',
  ),
  component('checkout', {
    'backstage.io/kubernetes-label-selector':
      'app.kubernetes.io/part-of=checkout',
  }),
  component('ledger', {}),
] as Entity[];

const privileged = { securityContext: { privileged: true } };

function devSeed() {
  return [
    namespace('payments', { 'backstage.io/kubernetes-id': 'payments-api' }),
    namespace('shop'),
    namespace(
      'ledger-dev',
      {},
      { 'guardrails.dev/entity-ref': 'component:default/ledger' },
    ),
    namespace('orphans'),
    // Mapped through its namespace's kubernetes-id label.
    deployment('payments', 'api', { container: privileged }),
    // Mapped through the checkout component's label selector.
    deployment('shop', 'cart', {
      labels: { 'app.kubernetes.io/part-of': 'checkout' },
      container: privileged,
    }),
    // Mapped through the namespace the suite provisioned for ledger.
    deployment('ledger-dev', 'worker', { container: privileged }),
    // Nobody's.
    deployment('orphans', 'stray', { container: privileged }),
    ...Array.from({ length: 5 }, (_, i) =>
      deployment('payments', `batch-${i}`),
    ),
    {
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: 'PolicyReport',
      metadata: { name: 'polr-payments', namespace: 'payments' },
      results: [
        {
          policy: 'require-team-label',
          rule: 'check-team',
          result: 'fail',
          severity: 'medium',
          source: 'kyverno',
          message: 'label team is required',
          resources: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: 'api',
              namespace: 'payments',
            },
          ],
        },
      ],
    },
  ];
}

async function setup(
  seeds: Record<string, object[]>,
  now = new Date('2026-11-22T12:00:00Z'),
  afterCycle?: () => Promise<void>,
  catalogEntities: Entity[] = entities,
) {
  const clusters = await startClusters(seeds);
  const config = new ConfigReader(clusters.config);
  const knex = await databases.init('SQLITE_3');
  const store = await GuardrailsStore.create({
    database: mockServices.database({ knex }),
  });
  const auditor = mockServices.auditor.mock();
  const logger = mockServices.logger.mock();
  const runner = new AuditRunner({
    store,
    clusterAccess: ClusterAccess.fromConfig(config, {
      logger: mockServices.logger.mock(),
      maxAttempts: 1,
    }),
    pack: compilePack((await loadConfiguredPack(config, { now })).pack),
    loadEntities: async () => catalogEntities,
    auditor,
    logger,
    settings: { pageSize: 2, clusterConcurrency: 2, kindConcurrency: 2 },
    afterCycle,
    now: () => now,
  });
  return { ...clusters, store, runner, auditor, logger };
}

describe('AuditRunner', () => {
  it('finds violations and maps them to components by id, selector and provisioned namespace', async () => {
    const { runner, store, close } = await setup({ dev: devSeed() });
    try {
      const outcome = await runner.run();
      expect(outcome.clusters).toEqual([
        expect.objectContaining({ cluster: 'dev', ok: true }),
      ]);

      const privilegedOn = async (ref: string) =>
        (await store.resultsForEntity(ref))
          .filter(r => r.guardrail === 'pod.no-privileged')
          .map(
            r =>
              `${r.resource.kind}/${r.resource.namespace}/${r.resource.name}`,
          );
      expect(await privilegedOn('component:default/payments-api')).toEqual([
        'Deployment/payments/api',
      ]);
      expect(await privilegedOn('component:default/checkout')).toEqual([
        'Deployment/shop/cart',
      ]);
      expect(await privilegedOn('component:default/ledger')).toEqual([
        'Deployment/ledger-dev/worker',
      ]);

      const unowned = await store.unownedResults();
      expect(
        unowned.some(
          r =>
            r.resource.name === 'stray' && r.guardrail === 'pod.no-privileged',
        ),
      ).toBe(true);
      const owner = (
        await store.resultsForEntity('component:default/payments-api')
      )[0].owner;
      expect(owner).toBe('group:default/payments');
    } finally {
      await close();
    }
  });

  it("gives a component its workloads' results, not the namespace Resource provisioned for it", async () => {
    // Provisioning registers each namespace as a Resource carrying the component's kubernetes-id (so the
    // Kubernetes plugin shows it); listed first by the catalog, it must not take the component's results.
    const namespaceResource = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'payments',
        namespace: 'default',
        annotations: {
          'backstage.io/kubernetes-id': 'payments-api',
          'backstage.io/kubernetes-namespace': 'payments',
        },
      },
      spec: { type: 'kubernetes-namespace', owner: 'group:default/payments' },
    } as Entity;
    const { runner, store, close } = await setup(
      { dev: devSeed() },
      undefined,
      undefined,
      [namespaceResource, ...entities],
    );
    try {
      await runner.run();
      const privilegedOn = async (ref: string) =>
        (await store.resultsForEntity(ref))
          .filter(r => r.guardrail === 'pod.no-privileged')
          .map(r => r.resource.name);
      expect(await privilegedOn('component:default/payments-api')).toEqual([
        'api',
      ]);
      expect(await privilegedOn('resource:default/payments')).toEqual([]);
    } finally {
      await close();
    }
  });

  it('runs what follows a cycle once its results are stored, and keeps the audit when that fails', async () => {
    let storedBefore = 0;
    const { runner, store, logger, close } = await setup(
      { dev: devSeed() },
      undefined,
      async () => {
        storedBefore = (
          await store.resultsForEntity('component:default/payments-api')
        ).length;
        throw new Error('database gone');
      },
    );
    try {
      const outcome = await runner.run();
      expect(outcome.clusters).toEqual([
        expect.objectContaining({ cluster: 'dev', ok: true }),
      ]);
      expect(storedBefore).toBeGreaterThan(0);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('database gone'),
      );
    } finally {
      await close();
    }
  });

  it('lists every kind page by page, so requests depend on kinds and pages, not on entities', async () => {
    const { runner, simulators, close } = await setup({ dev: devSeed() });
    try {
      simulators.dev.resetRequestLog();
      await runner.run();
      const deploymentLists = simulators.dev.requests.log.filter(
        r =>
          r.method === 'GET' && r.path.startsWith('/apis/apps/v1/deployments'),
      );
      // 9 deployments at 2 per page.
      expect(deploymentLists).toHaveLength(5);
      expect(simulators.dev.requests.log.every(r => r.method === 'GET')).toBe(
        true,
      );
    } finally {
      await close();
    }
  });

  it('ingests PolicyReports as a second source', async () => {
    const { runner, store, close } = await setup({ dev: devSeed() });
    try {
      await runner.run();
      const fromReports = (
        await store.resultsForEntity('component:default/payments-api')
      ).filter(r => r.source === 'policyreport:kyverno');
      expect(fromReports).toEqual([
        expect.objectContaining({
          guardrail: 'kyverno/require-team-label/check-team',
          result: 'warn',
          message: 'label team is required',
          resource: expect.objectContaining({
            kind: 'Deployment',
            name: 'api',
            namespace: 'payments',
          }),
        }),
      ]);
    } finally {
      await close();
    }
  });

  it('takes a namespaced PolicyReport only for objects of its own namespace, and counts the others in the log', async () => {
    const report = (
      kind: string,
      name: string,
      ns: string | undefined,
      resources: object[],
    ) => ({
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind,
      metadata: { name, ...(ns ? { namespace: ns } : {}) },
      results: [
        {
          policy: 'spoof',
          result: 'fail',
          source: 'kyverno',
          message: `from ${name}`,
          resources,
        },
      ],
    });
    const { runner, store, logger, close } = await setup({
      dev: [
        ...devSeed(),
        // Written in the shop namespace, naming the payments team's Deployment and namespace.
        report('PolicyReport', 'polr-shop', 'shop', [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'api',
            namespace: 'payments',
          },
          { apiVersion: 'v1', kind: 'Namespace', name: 'payments' },
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'cart',
            namespace: 'shop',
          },
        ]),
        // Cluster-scoped reports speak for cluster-scoped objects.
        report('ClusterPolicyReport', 'cpolr-namespaces', undefined, [
          { apiVersion: 'v1', kind: 'Namespace', name: 'payments' },
        ]),
      ],
    });
    try {
      await runner.run();
      const spoofed = async (ref: string) =>
        (await store.resultsForEntity(ref))
          .filter(r => r.guardrail === 'kyverno/spoof')
          .map(
            r =>
              `${r.message}: ${r.resource.kind}/${r.resource.namespace ?? ''}/${
                r.resource.name
              }`,
          );
      expect(await spoofed('component:default/payments-api')).toEqual([
        'from cpolr-namespaces: Namespace//payments',
      ]);
      expect(await spoofed('component:default/checkout')).toEqual([
        'from polr-shop: Deployment/shop/cart',
      ]);
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Audited cluster dev \(dev\): .*2 policy report results ignored/,
        ),
      );
    } finally {
      await close();
    }
  });

  it('keeps the last results of a cluster that fails, marked stale', async () => {
    const { runner, store, simulators, close } = await setup({
      dev: devSeed(),
    });
    try {
      await runner.run();
      const before = await store.resultsForEntity(
        'component:default/payments-api',
      );
      simulators.dev.setFaults({ errorRate: 1 });
      const outcome = await runner.run();
      expect(outcome.clusters[0]).toMatchObject({
        ok: false,
        error: expect.stringMatching(/500|dev/),
      });
      expect(
        await store.resultsForEntity('component:default/payments-api'),
      ).toEqual(before);
      expect(await store.clusterStatuses()).toEqual([
        expect.objectContaining({
          cluster: 'dev',
          stale: true,
          lastError: expect.any(String),
        }),
      ]);
    } finally {
      await close();
    }
  });

  it('restores a weakened baseline of a provisioned namespace where the guardrail is at auto-correct', async () => {
    const provisioned = namespace(
      'ledger-prod',
      {
        'app.kubernetes.io/managed-by': 'backstage-guardrails',
        'guardrails.dev/environment': 'prod',
        'guardrails.dev/owner': 'group.default.payments',
        'guardrails.dev/component': 'ledger',
        'guardrails.dev/cost-center': 'cc-1',
        // Lowered from restricted by hand.
        'pod-security.kubernetes.io/enforce': 'privileged',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
      {
        'guardrails.dev/entity-ref': 'component:default/ledger',
        'guardrails.dev/owner-ref': 'group:default/payments',
        'guardrails.dev/size': 'small',
      },
    );
    // namespace.pod-security-level is at auto-correct in prod from 2027-03-01 in the default pack.
    const { runner, store, simulators, auditor, close } = await setup(
      { prod: [provisioned] },
      new Date('2027-03-02T00:00:00Z'),
    );
    try {
      await runner.run();
      const restored = (
        simulators.prod.listObjects('v1', 'Namespace') as any[]
      ).find(n => n.metadata.name === 'ledger-prod');
      expect(
        restored.metadata.labels['pod-security.kubernetes.io/enforce'],
      ).toBe('restricted');

      const results = await store.resultsForEntity('component:default/ledger');
      expect(results).toContainEqual(
        expect.objectContaining({
          guardrail: 'namespace.pod-security-level',
          source: 'auto-correct',
          level: 'auto-correct',
          message: expect.stringMatching(
            /privileged.*restored by auto-correct/,
          ),
        }),
      );
      // Missing quota, limits and default-deny policy are drift too, reported at their current level.
      expect(
        results
          .filter(r => r.source === 'drift')
          .map(r => r.guardrail)
          .sort(),
      ).toEqual([
        'namespace.default-deny-network-policy',
        'namespace.limit-range',
        'namespace.resource-quota',
      ]);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'auto-correct',
          meta: expect.objectContaining({ namespace: 'ledger-prod' }),
        }),
      );
    } finally {
      await close();
    }
  });

  it('records the namespaces the suite provisioned, from the namespaces it lists anyway', async () => {
    const managed = { 'app.kubernetes.io/managed-by': 'backstage-guardrails' };
    const { runner, store, simulators, close } = await setup({
      dev: [
        ...devSeed(),
        namespace(
          'ledger-batch',
          { ...managed, 'guardrails.dev/environment': 'dev' },
          {
            'guardrails.dev/entity-ref': 'Component:default/Ledger',
          },
        ),
        // Without an environment label: its cluster's environment.
        namespace('ledger-api', managed, {
          'guardrails.dev/entity-ref': 'component:default/ledger',
        }),
        // Managed but for nobody, and annotated with something that is not an entity ref: no relation.
        namespace('platform-tools', managed),
        namespace('broken', managed, { 'guardrails.dev/entity-ref': 'ledger' }),
      ],
    });
    try {
      simulators.dev.resetRequestLog();
      await runner.run();
      // 'ledger-dev' maps results to ledger through its annotation, but the suite did not provision it.
      expect(await store.provisionedNamespaces()).toEqual([
        {
          cluster: 'dev',
          namespace: 'ledger-api',
          environment: 'dev',
          entityRef: 'component:default/ledger',
        },
        {
          cluster: 'dev',
          namespace: 'ledger-batch',
          environment: 'dev',
          entityRef: 'component:default/ledger',
        },
      ]);
      // No request of its own: the namespaces come from the paginated list the audit makes in any case
      // (12 namespaces, 4 of them built in, at 2 per page).
      const namespaceRequests = simulators.dev.requests.log.filter(r =>
        r.path.startsWith('/api/v1/namespaces'),
      );
      expect(namespaceRequests.map(r => `${r.method} ${r.path}`)).toEqual(
        Array(6).fill('GET /api/v1/namespaces'),
      );
    } finally {
      await close();
    }
  });
});
