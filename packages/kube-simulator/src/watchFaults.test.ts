import { clientsFor, uniqueName, useSimulator } from './__testUtils__/kube';
import { startWatch, summary } from './__testUtils__/watch';

describe('watch faults', () => {
  const env = useSimulator({ tokens: ['admin'] });

  afterEach(() => env().sim.setFaults(undefined));

  const watchNamespaces = async () => {
    const { k } = env();
    const rv = (await k.core.listNamespace()).metadata!.resourceVersion!;
    return startWatch(k.kc, '/api/v1/namespaces', { resourceVersion: rv });
  };

  it('lists open watches, and breaks them all with dropWatches as a lost connection does', async () => {
    const { sim } = env();
    const first = await watchNamespaces();
    const second = await watchNamespaces();
    expect(sim.openWatches()).toEqual([
      expect.objectContaining({
        path: '/api/v1/namespaces',
        query: expect.stringContaining('watch=true'),
        startedAt: expect.any(String),
      }),
      expect.objectContaining({ path: '/api/v1/namespaces' }),
    ]);
    expect(sim.dropWatches()).toBe(2);
    // client-node reports a broken stream as an error, unlike a clean end.
    expect(await first.ended).toBeInstanceOf(Error);
    expect(await second.ended).toBeInstanceOf(Error);
    expect(sim.openWatches()).toEqual([]);
  });

  it("ends them cleanly with dropWatches('end'), as a timeout or a restarting API server does", async () => {
    const { sim } = env();
    const watch = await watchNamespaces();
    expect(sim.dropWatches('end')).toBe(1);
    expect(await watch.ended).toBeNull();
  });

  it('breaks each watch dropWatchesAfterMs after it opens', async () => {
    const { sim, k } = env();
    sim.setFaults({ dropWatchesAfterMs: 200 });
    const started = Date.now();
    const watch = await watchNamespaces();
    const name = uniqueName('before-drop');
    await k.core.createNamespace({ body: { metadata: { name } } });
    expect(await watch.ended).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(summary(watch.events)).toEqual([`ADDED ${name}`]);
  });

  it('answers watch requests with injected statuses like any other request', async () => {
    const { sim } = env();
    sim.setFaults({
      statusCodes: [{ status: 503, count: 1, pathIncludes: 'watch=' }],
    });
    const refused = await watchNamespaces();
    expect(await refused.ended).toMatchObject({ statusCode: 503 });
    const served = await watchNamespaces();
    expect(sim.openWatches()).toHaveLength(1);
    served.stop();
  });

  it('counts a watch as one request when it opens, and its events in bytes', async () => {
    const { sim, k } = env();
    sim.resetRequestLog();
    const watch = await startWatch(k.kc, '/api/v1/namespaces', {});
    await watch.until(e => e.length >= 4);
    expect(sim.requests.log).toEqual([
      { method: 'GET', path: '/api/v1/namespaces', status: 200, watch: true },
    ]);
    expect(sim.requests.bytes).toBeGreaterThan(4 * 200);
    watch.stop();
  });
});

describe('watch authorization', () => {
  const env = useSimulator({
    tokens: [
      'admin',
      { token: 'reader', verbs: ['get', 'list'] },
      {
        token: 'viewer',
        verbs: ['get', 'list', 'watch'],
        namespaces: ['default'],
      },
    ],
  });

  it('needs the watch verb, and a token without namespaces for cluster-wide watches', async () => {
    const { sim } = env();
    const reader = clientsFor(sim.url, 'reader');
    const refused = await startWatch(
      reader.kc,
      '/api/v1/namespaces/default/configmaps',
    );
    expect(await refused.ended).toMatchObject({ statusCode: 403 });
    const forbidden = await fetch(
      `${sim.url}/api/v1/namespaces/default/configmaps?watch=1`,
      {
        headers: { Authorization: 'Bearer reader' },
      },
    );
    expect((await forbidden.json()).message).toBe(
      'configmaps is forbidden: User "token-2" cannot watch resource "configmaps" in API group "" in the namespace "default"',
    );

    const viewer = clientsFor(sim.url, 'viewer');
    const allowed = await startWatch(
      viewer.kc,
      '/api/v1/namespaces/default/configmaps',
    );
    expect(sim.openWatches()).toHaveLength(1);
    allowed.stop();
    const clusterWide = await startWatch(viewer.kc, '/api/v1/configmaps');
    expect(await clusterWide.ended).toMatchObject({ statusCode: 403 });
  });
});
