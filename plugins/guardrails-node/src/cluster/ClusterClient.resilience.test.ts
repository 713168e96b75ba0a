import { mockServices } from '@backstage/backend-test-utils';
import type { V1ConfigMap } from '@kubernetes/client-node';
import {
  KubeSimulator,
  startKubeSimulator,
} from '@guardrails-dev/kube-simulator';
import {
  clustersConfig,
  startSimulatedCluster,
  TEST_TOKEN,
} from '../__testUtils__/simulatedCluster';
import { ClusterAccess } from './ClusterAccess';
import { ClusterRequestError } from './ClusterRequestError';

const LIST_PATH = '/api/v1/namespaces/team-a/configmaps';
const teamA = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'team-a' },
};

describe('ClusterClient failures', () => {
  let simulator: KubeSimulator;
  let access: ClusterAccess;

  beforeEach(async () => {
    ({ simulator, access } = await startSimulatedCluster(
      { objects: [teamA] },
      { maxAttempts: 4, timeoutMs: 2000 },
    ));
  });

  afterEach(() => simulator.close());

  const listConfigMaps = () =>
    access
      .forCluster('dev')
      .listAll('v1', 'ConfigMap', { namespace: 'team-a' });
  const listAttempts = () =>
    simulator.requests.log.filter(r => r.path === LIST_PATH).map(r => r.status);

  it.each([500, 503])('retries a %i and succeeds', async status => {
    simulator.setFaults({ statusCodes: [{ status, count: 2 }] });
    await expect(listConfigMaps()).resolves.toEqual([]);
    expect(listAttempts()).toEqual([status, status, 200]);
  });

  it('retries a 429 after the Retry-After the server asks for', async () => {
    simulator.setFaults({ statusCodes: [{ status: 429, count: 1 }] });
    const started = Date.now();
    await expect(listConfigMaps()).resolves.toEqual([]);
    // The simulator answers 429 with `Retry-After: 1`; the configured backoff is only milliseconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(listAttempts()).toEqual([429, 200]);
  });

  it('gives up after the configured attempts, saying how many', async () => {
    simulator.setFaults({ statusCodes: [{ status: 500 }] });
    const error = await listConfigMaps().catch(e => e);
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error).toMatchObject({
      status: 500,
      reason: 'InternalError',
      attempts: 4,
    });
    expect(error.message).toMatch(
      /^Cluster 'dev': list ConfigMap in team-a failed: 500 InternalError \(.*\) after 4 attempts$/,
    );
    expect(listAttempts()).toEqual([500, 500, 500, 500]);
  });

  it('retries an apply that hit a 503', async () => {
    simulator.setFaults({
      statusCodes: [{ status: 503, count: 1, method: 'PATCH' }],
    });
    const settings: V1ConfigMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'team-a' },
      data: { a: '1' },
    };
    const result = await access.forCluster('dev').apply(settings);
    expect(result.outcome).toBe('created');
    expect(
      simulator.requests.log
        .filter(r => r.method === 'PATCH')
        .map(r => r.status),
    ).toEqual([503, 201]);
  });

  it.each([
    [403, 'Forbidden'],
    [404, 'NotFound'],
    [422, 'Invalid'],
  ])('does not retry a %i', async (status, reason) => {
    simulator.setFaults({ statusCodes: [{ status, pathIncludes: LIST_PATH }] });
    const error = await listConfigMaps().catch(e => e);
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error).toMatchObject({ status, reason, attempts: 1 });
    expect(listAttempts()).toEqual([status]);
  });

  it('does not retry an invalid object the server rejects', async () => {
    const error = await access
      .forCluster('dev')
      .apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'Team_A' },
      })
      .catch(e => e);
    expect(error).toMatchObject({ status: 422, verb: 'apply', attempts: 1 });
    expect(error.message).toMatch(
      /^Cluster 'dev': apply Namespace Team_A failed: 422 Invalid \(/,
    );
    expect(simulator.requests.byMethod.PATCH).toBe(1);
  });

  it('times out a slow response and retries it', async () => {
    const slow = ClusterAccess.fromConfig(
      clustersConfig(
        [{ name: 'dev', url: simulator.url, serviceAccountToken: TEST_TOKEN }],
        {
          clusterRequests: { timeout: { milliseconds: 100 }, maxAttempts: 2 },
        },
      ),
      {
        logger: mockServices.logger.mock(),
        backoff: { baseDelayMs: 1, maxDelayMs: 1 },
      },
    );
    simulator.setFaults({ latencyMs: 400 });

    const started = Date.now();
    const error = await slow
      .forCluster('dev')
      .get('v1', 'ConfigMap', 'settings', 'team-a')
      .catch(e => e);

    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error).toMatchObject({
      reason: 'Timeout',
      attempts: 2,
      status: undefined,
    });
    expect(error.message).toBe(
      "Cluster 'dev': get ConfigMap team-a/settings failed: Timeout (no response within 100 ms) after 2 attempts",
    );
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('retries network errors and names them, without the address, which goes to the log only', async () => {
    const logger = mockServices.logger.mock();
    const gone = await startSimulatedCluster({}, { logger });
    await gone.simulator.close();
    const error = await gone.access
      .forCluster('dev')
      .listAll('v1', 'Namespace')
      .catch(e => e);
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error).toMatchObject({
      reason: 'NetworkError',
      attempts: 4,
      status: undefined,
    });
    expect(error.message).toBe(
      "Cluster 'dev': list Namespace in all namespaces failed: NetworkError (ECONNREFUSED: connection refused) after 4 attempts",
    );
    const { host } = new URL(gone.simulator.url);
    expect(error.detail).not.toContain(host);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining(host));
  });

  it('logs each retry with cluster, object and status', async () => {
    const logger = mockServices.logger.mock();
    const logged = ClusterAccess.fromConfig(
      clustersConfig([
        { name: 'dev', url: simulator.url, serviceAccountToken: TEST_TOKEN },
      ]),
      { logger, backoff: { baseDelayMs: 1, maxDelayMs: 1 } },
    );
    simulator.setFaults({ statusCodes: [{ status: 500, count: 1 }] });
    await logged
      .forCluster('dev')
      .listAll('v1', 'ConfigMap', { namespace: 'team-a' });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Cluster 'dev': list ConfigMap in team-a got 500 InternalError; retrying in \d+ ms \(attempt 2 of 4\)$/,
      ),
    );
  });
});

describe('ClusterClient authentication', () => {
  let simulator: KubeSimulator;

  beforeAll(async () => {
    simulator = await startKubeSimulator({
      name: 'prod',
      tokens: [
        'admin-token',
        { token: 'reader-token', verbs: ['get', 'list'] },
      ],
    });
  });

  afterAll(() => simulator.close());
  beforeEach(() => simulator.resetRequestLog());

  const accessWith = (token?: string) =>
    ClusterAccess.fromConfig(
      clustersConfig([
        {
          name: 'prod',
          url: simulator.url,
          ...(token ? { serviceAccountToken: token } : {}),
        },
      ]),
      { logger: mockServices.logger.mock() },
    ).forCluster('prod');

  it('sends the configured token', async () => {
    const namespaces = await accessWith('admin-token').listAll(
      'v1',
      'Namespace',
    );
    expect(namespaces.map(n => n.metadata?.name)).toContain('default');
  });

  it('fails clearly without a token, once', async () => {
    const error = await accessWith()
      .listAll('v1', 'Namespace')
      .catch(e => e);
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error.message).toBe(
      "Cluster 'prod': list Namespace in all namespaces failed: 401 Unauthorized (Unauthorized); check serviceAccountToken of cluster 'prod' in kubernetes.clusterLocatorMethods",
    );
    expect(simulator.requests.total).toBe(1);
  });

  it('fails clearly with a wrong token', async () => {
    await expect(
      accessWith('stolen').get('v1', 'Namespace', 'default'),
    ).rejects.toMatchObject({
      status: 401,
    });
  });

  it('names the missing permission on 403', async () => {
    const error = await accessWith('reader-token')
      .apply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'team-z' },
      })
      .catch(e => e);
    expect(error).toMatchObject({
      status: 403,
      reason: 'Forbidden',
      attempts: 1,
    });
    expect(error.message).toMatch(
      /^Cluster 'prod': apply Namespace team-z failed: 403 Forbidden \(.*\); the cluster's service account needs RBAC create and patch on Namespace$/,
    );
  });
});
