import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { clustersConfig } from '../__testUtils__/simulatedCluster';
import { ClusterAccess } from './ClusterAccess';
import { ClusterRequestError } from './ClusterRequestError';
import { DEFAULT_DISCOVERY_REFRESH_MS } from './ResourceResolver';

const GROUP = 'platform.example.org';

/** A cluster whose DatabaseClaim CustomResourceDefinition can be installed and deleted. */
function crdCluster() {
  const state = { installed: true, requests: [] as string[] };
  const server = http.createServer((req, res) => {
    const path = req.url!.split('?')[0];
    state.requests.push(path);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const version = { groupVersion: `${GROUP}/v1alpha1`, version: 'v1alpha1' };
    if (state.installed && path === `/apis/${GROUP}`) {
      return json(200, {
        kind: 'APIGroup',
        name: GROUP,
        versions: [version],
        preferredVersion: version,
      });
    }
    if (state.installed && path === `/apis/${GROUP}/v1alpha1`) {
      return json(200, {
        kind: 'APIResourceList',
        groupVersion: `${GROUP}/v1alpha1`,
        resources: [
          {
            name: 'databaseclaims/status',
            kind: 'DatabaseClaim',
            namespaced: true,
          },
          { name: 'databaseclaims', kind: 'DatabaseClaim', namespaced: true },
        ],
      });
    }
    if (state.installed && path === `/apis/${GROUP}/v1alpha1/databaseclaims`) {
      return json(200, {
        kind: 'DatabaseClaimList',
        metadata: { resourceVersion: '3' },
        items: [{ metadata: { name: 'orders', namespace: 'shop' } }],
      });
    }
    return json(404, { kind: 'Status', reason: 'NotFound', code: 404 });
  });
  return { state, server };
}

describe('ClusterClient kind discovery', () => {
  const { state, server } = crdCluster();
  let access: ClusterAccess;

  beforeAll(async () => {
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    access = ClusterAccess.fromConfig(
      clustersConfig([{ name: 'lab', url: `http://127.0.0.1:${port}` }]),
      { logger: mockServices.logger.mock(), maxAttempts: 1 },
    );
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));
  beforeEach(() => {
    state.installed = true;
    state.requests.splice(0);
    jest.restoreAllMocks();
  });

  it('finds a custom kind in its group’s preferred version, asking the cluster once', async () => {
    const client = access.forCluster('lab');
    const claim = {
      apiVersion: `${GROUP}/v1alpha1`,
      kind: 'DatabaseClaim',
      plural: 'databaseclaims',
      namespaced: true,
    };
    expect(await client.servedKind(GROUP, 'DatabaseClaim')).toEqual(claim);
    expect(await client.servedKind(GROUP, 'DatabaseClaim')).toEqual(claim);
    expect(await client.servedKind(GROUP, 'CacheClaim')).toBeUndefined();
    expect(state.requests).toEqual([
      `/apis/${GROUP}`,
      `/apis/${GROUP}/v1alpha1`,
    ]);
  });

  it('answers built-in kinds without a request', async () => {
    const client = access.forCluster('lab');
    expect(await client.servedKind('apps', 'Deployment')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      plural: 'deployments',
      namespaced: true,
    });
    expect(await client.servedKind('', 'Namespace')).toMatchObject({
      apiVersion: 'v1',
      namespaced: false,
    });
    expect(state.requests).toEqual([]);
  });

  it('finds a deleted kind no longer served once a list of it answers 404', async () => {
    const client = access.forCluster('lab');
    const served = await client.servedKind(GROUP, 'DatabaseClaim');
    expect(await client.listAll(served!.apiVersion, served!.kind)).toHaveLength(
      1,
    );

    state.installed = false;
    const error = await client
      .listAll(served!.apiVersion, served!.kind)
      .catch(e => e);
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error.status).toBe(404);
    expect(await client.servedKind(GROUP, 'DatabaseClaim')).toBeUndefined();
  });

  it('asks again after the refresh interval, so a CRD installed later is found', async () => {
    state.installed = false;
    // Another client, so this test starts without what the others discovered.
    const fresh = ClusterAccess.fromConfig(
      clustersConfig([
        {
          name: 'lab',
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        },
      ]),
      { logger: mockServices.logger.mock(), maxAttempts: 1 },
    ).forCluster('lab');
    expect(await fresh.servedKind(GROUP, 'DatabaseClaim')).toBeUndefined();
    state.installed = true;
    // Within the interval, the answer stands without a request.
    state.requests.splice(0);
    expect(await fresh.servedKind(GROUP, 'DatabaseClaim')).toBeUndefined();
    expect(state.requests).toEqual([]);

    const start = Date.now();
    jest
      .spyOn(Date, 'now')
      .mockReturnValue(start + DEFAULT_DISCOVERY_REFRESH_MS + 1);
    expect(await fresh.servedKind(GROUP, 'DatabaseClaim')).toMatchObject({
      plural: 'databaseclaims',
    });
  });

  it('reads a kind named by apiVersion once its CRD is installed, without waiting for the refresh', async () => {
    const fresh = ClusterAccess.fromConfig(
      clustersConfig([
        {
          name: 'lab',
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        },
      ]),
      { logger: mockServices.logger.mock(), maxAttempts: 1 },
    ).forCluster('lab');
    const list = () =>
      fresh.listAll(`${GROUP}/v1alpha1`, 'DatabaseClaim').catch(e => e);
    state.installed = false;
    expect(await list()).toMatchObject({
      verb: 'discover',
      status: 404,
      message: expect.stringContaining(
        `the cluster does not serve ${GROUP}/v1alpha1`,
      ),
    });
    // One discovery request for the miss: the answer is seconds old, so it is not asked again at once.
    expect(state.requests).toEqual([`/apis/${GROUP}/v1alpha1`]);

    state.installed = true;
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 2_000);
    expect(await list()).toHaveLength(1);
  });

  it('rejects a group name that could leave the discovery path', async () => {
    await expect(
      access.forCluster('lab').servedKind('../api', 'Secret'),
    ).rejects.toThrow("'../api' is not a valid API group");
  });
});
