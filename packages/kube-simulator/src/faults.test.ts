import { ApiException } from '@kubernetes/client-node';
import { startKubeSimulator } from './index';
import { expectStatus, useSimulator } from './__testUtils__/kube';

describe('fault injection and the request log', () => {
  const env = useSimulator();

  afterEach(() => env().sim.setFaults(undefined));

  it('adds latency to every request', async () => {
    env().sim.setFaults({ latencyMs: 150 });
    const started = Date.now();
    await env().k.core.listNamespace();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers 500 InternalError Status bodies at the error rate', async () => {
    env().sim.setFaults({ errorRate: 1 });
    const status = await expectStatus(env().k.core.listNamespace(), 500);
    expect(status.reason).toBe('InternalError');
    env().sim.setFaults({ errorRate: 0 });
    await expect(env().k.core.listNamespace()).resolves.toBeDefined();
  });

  it('answers specific statuses a given number of times, then serves again', async () => {
    env().sim.setFaults({ statusCodes: [{ status: 503, count: 2 }] });
    const first = await expectStatus(env().k.core.listNamespace(), 503);
    expect(first.reason).toBe('ServiceUnavailable');
    await expectStatus(env().k.core.listNamespace(), 503);
    await expect(env().k.core.listNamespace()).resolves.toBeDefined();
  });

  it('filters statuses by method and path, and sends Retry-After with 429', async () => {
    env().sim.setFaults({
      statusCodes: [
        { status: 429, method: 'post', pathIncludes: '/configmaps' },
      ],
    });
    await expect(
      env().k.core.listNamespacedConfigMap({ namespace: 'default' }),
    ).resolves.toBeDefined();
    await expect(
      env().k.core.createNamespacedSecret({
        namespace: 'default',
        body: { metadata: { name: 's' } },
      }),
    ).resolves.toBeDefined();
    let error: ApiException<string> | undefined;
    try {
      await env().k.core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: 'cm' } },
      });
    } catch (e) {
      error = e as ApiException<string>;
    }
    expect(error?.code).toBe(429);
    expect(error?.headers['retry-after']).toBe('1');
    expect(JSON.parse(error!.body)).toMatchObject({
      kind: 'Status',
      reason: 'TooManyRequests',
      code: 429,
      details: { retryAfterSeconds: 1 },
    });
  });

  it('matches pathIncludes against the query string too', async () => {
    env().sim.setFaults({
      statusCodes: [{ status: 504, pathIncludes: 'limit=5' }],
    });
    await expect(
      env().k.core.listNamespace({ limit: 4 }),
    ).resolves.toBeDefined();
    const status = await expectStatus(
      env().k.core.listNamespace({ limit: 5 }),
      504,
    );
    expect(status.reason).toBe('Timeout');
  });

  it('takes faults at start and rejects malformed ones', async () => {
    const sim = await startKubeSimulator({
      faults: { statusCodes: [{ status: 500 }] },
    });
    try {
      const res = await fetch(`${sim.url}/api/v1/namespaces`);
      expect(res.status).toBe(500);
    } finally {
      await sim.close();
    }
    expect(() => env().sim.setFaults({ errorRate: 2 })).toThrow(
      'faults.errorRate must be a number between 0 and 1',
    );
    expect(() =>
      env().sim.setFaults({ statusCodes: [{ status: 200 }] }),
    ).toThrow('faults.statusCodes[0].status must be an HTTP error status');
    await expect(
      startKubeSimulator({ faults: { latencyMs: -1 } }),
    ).rejects.toThrow('faults.latencyMs must be a non-negative number');
  });

  it('counts requests by method and logs path and status', async () => {
    const { sim, k } = env();
    sim.resetRequestLog();
    await k.core.listNamespace({ limit: 1 });
    await k.core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'counted' } },
    });
    await expectStatus(
      k.core.readNamespacedConfigMap({ name: 'missing', namespace: 'default' }),
      404,
    );
    expect(sim.requests.total).toBe(3);
    expect(sim.requests.byMethod).toEqual({ GET: 2, POST: 1 });
    // Response bodies, counted in bytes: three JSON documents.
    expect(sim.requests.bytes).toBeGreaterThan(300);
    expect(sim.requests.log).toEqual([
      { method: 'GET', path: '/api/v1/namespaces', status: 200 },
      {
        method: 'POST',
        path: '/api/v1/namespaces/default/configmaps',
        status: 201,
      },
      {
        method: 'GET',
        path: '/api/v1/namespaces/default/configmaps/missing',
        status: 404,
      },
    ]);
    sim.resetRequestLog();
    expect(sim.requests).toEqual({
      total: 0,
      byMethod: {},
      bytes: 0,
      log: [],
    });
  });
});
