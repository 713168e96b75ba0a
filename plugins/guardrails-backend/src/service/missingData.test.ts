import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { guardrailsPlugin } from '../plugin';
import {
  component,
  deployment,
  namespace,
  startClusters,
} from '../__testUtils__/simulatedClusters';

jest.setTimeout(60_000);

/** One guardrail, so that a plain Deployment is compliant. */
const PACK = `
apiVersion: guardrails.dev/v1alpha1
kind: Guardrail
metadata: { name: pod.no-privileged }
spec:
  title: Containers must not run privileged
  category: preventive
  severity: critical
  rationale: A privileged container owns its node.
  remediation: Remove securityContext.privileged.
  match:
    resources:
      - { apiGroups: [''], kinds: [Pod] }
  validations:
    - expression: "object.spec.containers.all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || !c.securityContext.privileged)"
      message: a container is privileged
  rollout:
    dev: [{ level: warn }]
    prod: [{ level: warn }]
`;

const seed = () => [
  namespace('payments', { 'backstage.io/kubernetes-id': 'payments-api' }),
  deployment('payments', 'api'),
  namespace('tools'),
  deployment('tools', 'debug', {
    container: { securityContext: { privileged: true } },
  }),
];

async function startBackend() {
  const clusters = await startClusters({ dev: seed(), prod: seed() });
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-pack-'));
  fs.writeFileSync(path.join(packDir, 'pack.yaml'), PACK);
  const config = {
    ...clusters.config,
    guardrails: {
      ...clusters.config.guardrails,
      includeDefaultPack: false,
      packs: [packDir],
    },
  };
  const { server } = await startTestBackend({
    features: [
      guardrailsPlugin,
      mockServices.rootConfig.factory({ data: config }),
      catalogServiceMock.factory({
        entities: [
          component('payments-api', {
            'backstage.io/kubernetes-id': 'payments-api',
          }),
        ] as any,
      }),
    ],
  });
  const get = (url: string) => request(server).get(`/api/guardrails${url}`);
  /** Starts an audit, once the one running (if any) has finished. */
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
  /** An audit that has finished: the next one could start. That one runs on as the test reads. */
  const audit = async () => {
    await start();
    await start();
  };
  const close = async () => {
    await clusters.close();
    fs.rmSync(packDir, { recursive: true, force: true });
  };
  return { get, audit, clusters, close };
}

/** No URL, IP address or host:port of a cluster in what the API serves. */
function expectNoAddress(body: unknown, url: string) {
  const text = JSON.stringify(body);
  expect(text).not.toContain(new URL(url).host);
  expect(text).not.toMatch(/https?:\/\/|127\.0\.0\.1/);
}

describe('data of a cluster that was never audited successfully', () => {
  it('is unknown in the entity report and the summary, naming the cluster, never compliant', async () => {
    const { get, audit, clusters, close } = await startBackend();
    const prodUrl = clusters.simulators.prod.url;
    try {
      // Prod is unreachable from the start.
      await clusters.simulators.prod.close();
      await audit();

      const report = await get(
        '/entities/component/default/payments-api/report',
      );
      expect(report.status).toBe(200);
      expect(report.body.compliance).toBe('unknown');
      expect(
        report.body.environments.map((e: any) => [e.environment, e.compliance]),
      ).toEqual([
        ['dev', 'compliant'],
        ['prod', 'unknown'],
      ]);
      const prod = report.body.environments[1];
      expect(prod.missing).toEqual([
        {
          cluster: 'prod',
          error: expect.stringContaining("Cluster 'prod'"),
          failedAt: expect.any(String),
        },
      ]);
      expect(prod.violations).toEqual([]);
      expect(report.body.environments[0].missing).toEqual([]);
      expectNoAddress(report.body, prodUrl);

      const summary = await get('/summary');
      const payments = summary.body.entities['component:default/payments-api'];
      expect(payments.compliance).toBe('unknown');
      expect(payments.rolloutStage).toBeUndefined();
      expect(payments.missingData).toMatch(/cluster prod \(prod\)/);
      expectNoAddress(summary.body, prodUrl);
    } finally {
      await close();
    }
  });

  it('makes the what-if and the distribution say which clusters have no data, never "0 affected"', async () => {
    const { get, audit, clusters, close } = await startBackend();
    const prodUrl = clusters.simulators.prod.url;
    try {
      await clusters.simulators.prod.close();
      await audit();

      const impact = await get(
        '/impact?guardrail=pod.no-privileged&environment=prod&level=block',
      );
      expect(impact.status).toBe(200);
      expect(impact.body.affected).toEqual([]);
      expect(impact.body.missing).toEqual([
        {
          cluster: 'prod',
          error: expect.stringContaining("Cluster 'prod'"),
          failedAt: expect.any(String),
        },
      ]);
      expectNoAddress(impact.body, prodUrl);
      const dev = await get(
        '/impact?guardrail=pod.no-privileged&environment=dev&level=block',
      );
      expect(dev.body).toMatchObject({
        missing: [],
        stale: [],
        totals: { unowned: 1 },
      });

      const distribution = await get('/distribution');
      expect(distribution.body.missing).toEqual([
        {
          cluster: 'prod',
          environment: 'prod',
          error: expect.stringContaining("Cluster 'prod'"),
          failedAt: expect.any(String),
        },
      ]);
      expect(distribution.body.stale).toEqual([]);
      expect(distribution.body.rows.map((r: any) => r.environment)).toEqual([
        'dev',
      ]);
      expectNoAddress(distribution.body, prodUrl);
    } finally {
      await close();
    }
  });

  it('makes the what-if and the distribution name a cluster whose data is stale, and serve its error without its address', async () => {
    const { get, audit, clusters, close } = await startBackend();
    const prodUrl = clusters.simulators.prod.url;
    try {
      await audit();
      await clusters.simulators.prod.close();
      await audit();

      const stale = [
        {
          cluster: 'prod',
          error: expect.stringMatching(
            /^Cluster 'prod': .*NetworkError \(ECONNREFUSED: connection refused\)/,
          ),
          failedAt: expect.any(String),
          lastSuccessAt: expect.any(String),
        },
      ];
      const impact = await get(
        '/impact?guardrail=pod.no-privileged&environment=prod&level=block',
      );
      expect(impact.body).toMatchObject({
        missing: [],
        stale,
        totals: { unowned: 1 },
      });
      const distribution = await get('/distribution');
      expect(distribution.body.stale).toEqual([
        { ...stale[0], environment: 'prod' },
      ]);
      expect(distribution.body.missing).toEqual([]);
      expectNoAddress(distribution.body, prodUrl);
      expectNoAddress(impact.body, prodUrl);
    } finally {
      await close();
    }
  });
});
