import { startKubeSimulator } from './index';
import { uniqueName, useSimulator } from './__testUtils__/kube';
import { startWatch } from './__testUtils__/watch';

describe('watch bookmarks', () => {
  const env = useSimulator({ watch: { bookmarkIntervalMs: 100 } });

  it('sends BOOKMARK events carrying the cluster resourceVersion when allowWatchBookmarks is set', async () => {
    const { k } = env();
    const ns = uniqueName('bookmarks');
    await k.core.createNamespace({ body: { metadata: { name: ns } } });
    const rv = (await k.core.listNamespacedConfigMap({ namespace: ns }))
      .metadata!.resourceVersion!;
    const withBookmarks = await startWatch(
      k.kc,
      `/api/v1/namespaces/${ns}/configmaps`,
      {
        resourceVersion: rv,
        allowWatchBookmarks: true,
      },
    );
    const without = await startWatch(
      k.kc,
      `/api/v1/namespaces/${ns}/configmaps`,
      {
        resourceVersion: rv,
      },
    );
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'cm' } },
    });
    // A change of another type moves the resourceVersion bookmarks carry, not the configmaps stream.
    const secret = await k.core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 's' } },
    });
    const latest = secret.metadata!.resourceVersion!;
    const events = await withBookmarks.until(e =>
      e.some(
        x =>
          x.type === 'BOOKMARK' &&
          x.object.metadata?.resourceVersion === latest,
      ),
    );
    expect(events[0].type).toBe('ADDED');
    const bookmark = events.find(
      x => x.object.metadata?.resourceVersion === latest,
    );
    expect(bookmark?.object).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { resourceVersion: latest },
    });
    const versions = events.map(e =>
      Number(e.object.metadata?.resourceVersion),
    );
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    await new Promise(resolve => setTimeout(resolve, 250));
    expect(without.events.map(e => e.type)).toEqual(['ADDED']);
    withBookmarks.stop();
    without.stop();
  });
});

describe('watch timeouts', () => {
  const env = useSimulator({ watch: { minRequestTimeoutSeconds: 0.5 } });

  /** Watches namespaces from now until the server ends the watch cleanly; returns the events and the time taken. */
  async function watchUntilEnd(
    query: Record<string, string | number | boolean>,
  ) {
    const { k } = env();
    const started = Date.now();
    const watch = await startWatch(k.kc, '/api/v1/namespaces', {
      resourceVersion: (
        await k.core.listNamespace()
      ).metadata!.resourceVersion!,
      ...query,
    });
    expect(await watch.ended).toBeNull();
    return { events: watch.events, elapsed: Date.now() - started };
  }

  it('ends the stream cleanly after timeoutSeconds, with a bookmark 2 s before', async () => {
    const { events, elapsed } = await watchUntilEnd({
      allowWatchBookmarks: true,
      timeoutSeconds: 3,
    });
    expect(elapsed).toBeGreaterThanOrEqual(2900);
    expect(elapsed).toBeLessThan(4000);
    expect(events.map(e => e.type)).toEqual(['BOOKMARK']);
  }, 15_000);

  it('ends watches without timeoutSeconds between one and two minimum request timeouts', async () => {
    const { elapsed } = await watchUntilEnd({});
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(1500);
  });

  it('refuses a timeoutSeconds that is not a number with 400', async () => {
    const { sim } = env();
    const response = await fetch(
      `${sim.url}/api/v1/namespaces?watch=1&timeoutSeconds=soon`,
    );
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe(
      'strconv.ParseInt: parsing "soon": invalid syntax',
    );
  });

  it('rejects bad watch options at start, naming the field', async () => {
    await expect(
      startKubeSimulator({ watch: { historyLimit: 0 } }),
    ).rejects.toThrow('watch.historyLimit must be a positive integer, got 0');
    await expect(
      startKubeSimulator({ faults: { dropWatchesAfterMs: -1 } }),
    ).rejects.toThrow(
      'faults.dropWatchesAfterMs must be a non-negative number, got -1',
    );
  });
});
