import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { guardrailsPlugin } from '../plugin';
import {
  component,
  namespace,
  startClusters,
} from '../__testUtils__/simulatedClusters';

jest.setTimeout(60_000);

const PAYMENTS = 'component:default/payments-api';

/** A namespace the suite provisioned for payments-api, in cost centre cc-1. */
const provisioned = (name: string, size?: string) =>
  namespace(
    name,
    {
      'app.kubernetes.io/managed-by': 'backstage-guardrails',
      'guardrails.dev/cost-center': 'cc-1',
    },
    {
      'guardrails.dev/entity-ref': PAYMENTS,
      ...(size ? { 'guardrails.dev/size': size } : {}),
    },
  );

/** A ResourceQuota with the status the quota controller writes for the pods below. */
const quota = (
  ns: string,
  name: string,
  hard: Record<string, string>,
  used: Record<string, string>,
) => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name, namespace: ns },
  spec: { hard },
  status: { hard, used },
});

/** A running pod requesting CPU and memory: what the quota controller counts as used. */
const pod = (ns: string, name: string, cpu: string, memory: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'registry.internal.example.com/app:1.0.0',
        resources: { requests: { cpu, memory } },
      },
    ],
  },
  status: { phase: 'Running' },
});

const seed = () => [
  pod('payments', 'api-1', '200m', '512Mi'),
  pod('payments', 'api-2', '200m', '256Mi'),
  pod('payments', 'worker', '100m', '256Mi'),
  pod('shared', 'proxy', '1', '512Mi'),
  provisioned('payments', 'small'),
  quota(
    'payments',
    'compute',
    { 'requests.cpu': '2', 'requests.memory': '4Gi', pods: '10' },
    { 'requests.cpu': '500m', 'requests.memory': '1Gi', pods: '3' },
  ),
  provisioned('payments-jobs', 'medium'),
  namespace('shared', { 'guardrails.dev/cost-center': 'cc-2' }),
  quota(
    'shared',
    'compute',
    { 'requests.cpu': '1', 'requests.memory': '1Gi' },
    { 'requests.cpu': '1', 'requests.memory': '512Mi' },
  ),
];

async function startBackend(costs: object = {}) {
  const clusters = await startClusters({ dev: seed(), prod: seed() });
  const config = {
    ...clusters.config,
    guardrails: {
      ...clusters.config.guardrails,
      includeDefaultPack: false,
      packs: [],
      costs,
    },
  };
  const { server } = await startTestBackend({
    features: [
      guardrailsPlugin,
      mockServices.rootConfig.factory({ data: config }),
      catalogServiceMock.factory({
        entities: [component('payments-api', {})] as any,
      }),
    ],
  });
  const get = (url: string) => request(server).get(`/api/guardrails${url}`);
  const start = async () => {
    for (let i = 0; i < 400; i++) {
      if (
        (await request(server).post('/api/guardrails/audit')).body.status ===
        'started'
      )
        return;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error('the audit did not finish');
  };
  /** An audit that has finished: the next one could start. */
  const audit = async () => {
    await start();
    await start();
  };
  return { get, audit, clusters, close: () => clusters.close() };
}

const PAYMENTS_QUOTA = {
  name: 'compute',
  resources: [
    { resource: 'pods', hard: '10', used: '3', share: 0.3 },
    { resource: 'requests.cpu', hard: '2', used: '500m', share: 0.25 },
    { resource: 'requests.memory', hard: '4Gi', used: '1Gi', share: 0.25 },
  ],
};

describe('GET /entities/{kind}/{namespace}/{name}/usage', () => {
  it("lists each namespace provisioned for the entity with its quotas' use, one without a quota as none", async () => {
    const { get, audit, close } = await startBackend();
    try {
      await audit();
      const usage = await get('/entities/component/default/payments-api/usage');
      expect(usage.status).toBe(200);
      expect(usage.body).toEqual({
        entityRef: PAYMENTS,
        environments: ['dev', 'prod'].flatMap(environment => [
          {
            environment,
            cluster: environment,
            namespace: 'payments',
            size: 'small',
            data: 'ok',
            observedAt: expect.any(String),
            quotas: [PAYMENTS_QUOTA],
          },
          {
            environment,
            cluster: environment,
            namespace: 'payments-jobs',
            size: 'medium',
            data: 'ok',
            observedAt: expect.any(String),
            quotas: [],
          },
        ]),
      });
      expect(
        (await get('/entities/component/default/nobody/usage')).status,
      ).toBe(404);
    } finally {
      await close();
    }
  });

  it('says which clusters were never read or failed, never "no quota" or 0 %', async () => {
    const { get, audit, clusters, close } = await startBackend();
    try {
      await clusters.simulators.prod.close();
      await audit();
      let usage = await get('/entities/component/default/payments-api/usage');
      const prod = usage.body.environments.filter(
        (e: any) => e.cluster === 'prod',
      );
      // Nothing was ever read there, so not even the namespace's name is known.
      expect(prod).toEqual([
        {
          environment: 'prod',
          cluster: 'prod',
          namespace: '',
          data: 'missing',
          error: expect.stringContaining("Cluster 'prod'"),
          quotas: [],
        },
      ]);

      await clusters.simulators.dev.close();
      await audit();
      usage = await get('/entities/component/default/payments-api/usage');
      const dev = usage.body.environments.filter(
        (e: any) => e.cluster === 'dev',
      );
      expect(dev.map((e: any) => [e.namespace, e.data])).toEqual([
        ['payments', 'stale'],
        ['payments-jobs', 'stale'],
      ]);
      expect(dev[0]).toMatchObject({
        error: expect.stringContaining("Cluster 'dev'"),
        observedAt: expect.any(String),
        quotas: [PAYMENTS_QUOTA],
      });
      expect(JSON.stringify(usage.body)).not.toMatch(/127\.0\.0\.1|https?:/);
    } finally {
      await close();
    }
  });
});

describe('GET /costs', () => {
  const costs = {
    currency: 'EUR',
    prices: { dev: { cpu: 10, memoryGiB: 2 } },
    budgets: { 'cc-1': 20, 'cc-2': 100 },
  };

  it('sums reserved and used CPU and memory per cost centre and environment, priced where a price is set', async () => {
    const { get, audit, close } = await startBackend(costs);
    try {
      await audit();
      const report = await get('/costs?days=7');
      expect(report.status).toBe(200);
      const today = new Date().toISOString().slice(0, 10);
      expect(report.body).toEqual({
        currency: 'EUR',
        prices: [{ environment: 'dev', cpu: 10, memoryGiB: 2 }],
        rows: [
          {
            costCenter: 'cc-1',
            environment: 'dev',
            namespaces: 1,
            quota: { cpu: 2, memoryGiB: 4 },
            used: { cpu: 0.5, memoryGiB: 1 },
            estimate: { quota: 28, used: 7 },
          },
          {
            costCenter: 'cc-1',
            environment: 'prod',
            namespaces: 1,
            quota: { cpu: 2, memoryGiB: 4 },
            used: { cpu: 0.5, memoryGiB: 1 },
            // No price for prod: no estimate, never 0.
            estimate: null,
          },
          {
            costCenter: 'cc-2',
            environment: 'dev',
            namespaces: 1,
            quota: { cpu: 1, memoryGiB: 1 },
            used: { cpu: 1, memoryGiB: 0.5 },
            estimate: { quota: 12, used: 11 },
          },
          {
            costCenter: 'cc-2',
            environment: 'prod',
            namespaces: 1,
            quota: { cpu: 1, memoryGiB: 1 },
            used: { cpu: 1, memoryGiB: 0.5 },
            estimate: null,
          },
        ],
        budgets: [
          {
            costCenter: 'cc-1',
            monthly: 20,
            estimate: 28,
            over: true,
            unpriced: ['prod'],
          },
          {
            costCenter: 'cc-2',
            monthly: 100,
            estimate: 12,
            over: false,
            unpriced: ['prod'],
          },
        ],
        trend: [
          { day: today, costCenter: 'cc-1', estimate: 28 },
          { day: today, costCenter: 'cc-2', estimate: 12 },
        ],
        missing: [],
        stale: [],
      });
    } finally {
      await close();
    }
  });

  it('leaves out clusters never read, naming them, and refuses an unbounded range', async () => {
    const { get, audit, clusters, close } = await startBackend(costs);
    try {
      await clusters.simulators.dev.close();
      await audit();
      const report = await get('/costs');
      expect(report.body.rows.map((r: any) => r.environment)).toEqual([
        'prod',
        'prod',
      ]);
      expect(report.body.missing).toEqual([
        {
          cluster: 'dev',
          environment: 'dev',
          error: expect.stringContaining("Cluster 'dev'"),
          failedAt: expect.any(String),
        },
      ]);
      // Prod has no price, so no day has an estimate to show.
      expect(report.body.trend).toEqual([]);
      expect((await get('/costs?days=366')).status).toBe(400);
    } finally {
      await close();
    }
  });
});
