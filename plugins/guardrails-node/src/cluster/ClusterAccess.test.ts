import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import {
  KubeSimulator,
  startKubeSimulator,
} from '@guardrails-dev/kube-simulator';
import { clustersConfig, TEST_TOKEN } from '../__testUtils__/simulatedCluster';
import { ClusterAccess, createClusterClients } from './ClusterAccess';
import { ClusterRequestError } from './ClusterRequestError';

const logger = mockServices.logger.mock();

describe('ClusterAccess', () => {
  let dev: KubeSimulator;
  let prodA: KubeSimulator;
  let prodB: KubeSimulator;
  let access: ClusterAccess;

  beforeAll(async () => {
    [dev, prodA, prodB] = await Promise.all(
      ['dev', 'prod-a', 'prod-b'].map(name =>
        startKubeSimulator({ name, tokens: [TEST_TOKEN] }),
      ),
    );
    const cluster = (name: string, simulator: KubeSimulator) => ({
      name,
      url: simulator.url,
      serviceAccountToken: TEST_TOKEN,
    });
    access = createClusterClients(
      clustersConfig(
        [
          cluster('dev', dev),
          cluster('prod-a', prodA),
          cluster('prod-b', prodB),
        ],
        {
          environments: {
            dev: { clusters: ['dev'], profile: profileFixture('edit') },
            prod: {
              clusters: ['prod-a', 'prod-b'],
              profile: profileFixture('view'),
            },
          },
        },
      ),
      { logger },
    );
  });

  afterAll(() => Promise.all([dev, prodA, prodB].map(s => s.close())));

  it('lists environments and clusters from config, without credentials', () => {
    expect(access.environments().map(e => [e.name, e.clusters])).toEqual([
      ['dev', ['dev']],
      ['prod', ['prod-a', 'prod-b']],
    ]);
    expect(access.environment('prod').profile.ownerRole).toBe('view');
    expect(access.clusters().map(c => c.name)).toEqual([
      'dev',
      'prod-a',
      'prod-b',
    ]);
    expect(JSON.stringify(access.clusters())).not.toContain(TEST_TOKEN);
  });

  it('gives the clients of an environment, each talking to its own cluster', async () => {
    const clients = access.forEnvironment('prod');
    expect(clients.map(c => c.cluster)).toEqual(['prod-a', 'prod-b']);

    await clients[1].apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'only-on-b' },
    });
    expect(
      await clients[0].get('v1', 'Namespace', 'only-on-b'),
    ).toBeUndefined();
    expect(await clients[1].get('v1', 'Namespace', 'only-on-b')).toBeDefined();
    expect(dev.requests.total).toBe(0);
  });

  it('keeps one client per cluster', () => {
    expect(access.forCluster('dev')).toBe(access.forCluster('dev'));
  });

  it('knows clusters only by configured name', () => {
    expect(() => access.forCluster(dev.url)).toThrow(NotFoundError);
    expect(() => access.forCluster('staging')).toThrow(
      "Unknown cluster 'staging'; configured clusters: dev, prod-a, prod-b",
    );
    expect(() => access.forEnvironment('qa')).toThrow(
      "Unknown environment 'qa'; configured environments: dev, prod",
    );
  });

  it('ignores KUBECONFIG and other ambient Kubernetes settings', async () => {
    const elsewhere = await startKubeSimulator({ name: 'elsewhere' });
    const dir = fs.mkdtempSync(
      path.join(os.tmpdir(), 'guardrails-kubeconfig-'),
    );
    const kubeconfig = path.join(dir, 'config');
    fs.writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{ name: dev, cluster: { server: "${elsewhere.url}" } }]`,
        'users: [{ name: u, user: { token: other } }]',
        'contexts: [{ name: dev, context: { cluster: dev, user: u } }]',
        'current-context: dev',
      ].join('\n'),
    );
    const saved = { ...process.env };
    Object.assign(process.env, {
      KUBECONFIG: kubeconfig,
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      KUBERNETES_SERVICE_PORT: new URL(elsewhere.url).port,
    });
    try {
      const fresh = ClusterAccess.fromConfig(
        clustersConfig([
          { name: 'dev', url: dev.url, serviceAccountToken: TEST_TOKEN },
        ]),
        { logger },
      );
      dev.resetRequestLog();
      await fresh.forCluster('dev').listAll('v1', 'Namespace');
      expect(dev.requests.total).toBe(1);
      expect(elsewhere.requests.total).toBe(0);
    } finally {
      process.env = saved;
      fs.rmSync(dir, { recursive: true, force: true });
      await elsewhere.close();
    }
  });
});

describe('ClusterAccess kind discovery', () => {
  const served: string[] = [];
  let server: http.Server;
  let access: ClusterAccess;

  beforeAll(async () => {
    // A cluster with a custom resource the static table does not know.
    server = http.createServer((req, res) => {
      served.push(req.url!.split('?')[0]);
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/apis/example.com/v1') {
        return json(200, {
          kind: 'APIResourceList',
          groupVersion: 'example.com/v1',
          resources: [
            { name: 'widgets/status', kind: 'Widget', namespaced: true },
            { name: 'widgets', kind: 'Widget', namespaced: true },
            { name: 'gadgets', kind: 'Gadget', namespaced: false },
          ],
        });
      }
      if (
        req.url?.startsWith('/apis/example.com/v1/namespaces/team-a/widgets?')
      ) {
        return json(200, {
          kind: 'WidgetList',
          metadata: { resourceVersion: '9' },
          items: [{ metadata: { name: 'w1', namespace: 'team-a' } }],
        });
      }
      if (req.url === '/apis/example.com/v1/gadgets/g1') {
        return json(200, {
          apiVersion: 'example.com/v1',
          kind: 'Gadget',
          metadata: { name: 'g1' },
        });
      }
      return json(404, {
        kind: 'Status',
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    access = ClusterAccess.fromConfig(
      clustersConfig([{ name: 'lab', url: `http://127.0.0.1:${port}` }]),
      { logger },
    );
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => served.splice(0));

  it('discovers plural names once per cluster and apiVersion', async () => {
    const client = access.forCluster('lab');
    const widgets = await client.listAll('example.com/v1', 'Widget', {
      namespace: 'team-a',
    });
    expect(widgets).toEqual([
      {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w1', namespace: 'team-a' },
      },
    ]);
    await client.listAll('example.com/v1', 'Widget', { namespace: 'team-a' });
    expect(await client.get('example.com/v1', 'Gadget', 'g1')).toMatchObject({
      metadata: { name: 'g1' },
    });
    expect(served).toEqual([
      '/apis/example.com/v1',
      '/apis/example.com/v1/namespaces/team-a/widgets',
      '/apis/example.com/v1/namespaces/team-a/widgets',
      '/apis/example.com/v1/gadgets/g1',
    ]);
  });

  it('names a kind the cluster does not serve', async () => {
    const error = await access
      .forCluster('lab')
      .get('example.com/v1', 'Sprocket', 's1', 'team-a')
      .catch(e => e);
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error.message).toBe(
      "Cluster 'lab': discover API resources of example.com/v1 failed: 404 NotFound (the cluster does not serve kind Sprocket in example.com/v1)",
    );
  });

  it('names an API group the cluster does not serve', async () => {
    const error = await access
      .forCluster('lab')
      .listAll('missing.example.com/v1', 'Thing')
      .catch(e => e);
    expect(error).toMatchObject({ verb: 'discover', status: 404, attempts: 1 });
  });
});

function profileFixture(ownerRole: string) {
  return {
    podSecurity: 'restricted',
    networkPolicy: 'deny-ingress',
    ownerRole,
    sizes: {
      small: {
        quota: {
          requests: { cpu: '1', memory: '1Gi' },
          limits: { cpu: '2', memory: '2Gi' },
          pods: 10,
        },
        limitRange: {
          defaultRequest: { cpu: '100m', memory: '128Mi' },
          default: { cpu: '200m', memory: '256Mi' },
        },
      },
    },
  };
}
