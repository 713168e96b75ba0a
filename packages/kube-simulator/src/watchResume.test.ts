import { KubeConfig } from '@kubernetes/client-node';
import { uniqueName, useSimulator } from './__testUtils__/kube';
import { rawWatch, startWatch, summary } from './__testUtils__/watch';

/** Creates a namespace and `count` ConfigMaps in it; returns the namespace and the list resourceVersion before them. */
async function withConfigMaps(
  k: ReturnType<ReturnType<typeof useSimulator>>['k'],
  count: number,
): Promise<{ ns: string; before: string }> {
  const ns = uniqueName('resume');
  await k.core.createNamespace({ body: { metadata: { name: ns } } });
  const before = (await k.core.listNamespacedConfigMap({ namespace: ns }))
    .metadata!.resourceVersion!;
  for (let i = 1; i <= count; i++) {
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: `cm-${i}` } },
    });
  }
  return { ns, before };
}

const configMaps = (kc: KubeConfig, ns: string, query = {}) =>
  startWatch(kc, `/api/v1/namespaces/${ns}/configmaps`, query);

describe('watch resourceVersion semantics', () => {
  const env = useSimulator();

  it('sends the changes after an exact resourceVersion, without the current state', async () => {
    const { k } = env();
    const { ns, before } = await withConfigMaps(k, 3);
    const second = await k.core.readNamespacedConfigMap({
      name: 'cm-2',
      namespace: ns,
    });
    const fromStart = await configMaps(k.kc, ns, { resourceVersion: before });
    const fromSecond = await configMaps(k.kc, ns, {
      resourceVersion: second.metadata!.resourceVersion!,
    });
    expect(summary(await fromStart.until(e => e.length === 3))).toEqual([
      'ADDED cm-1',
      'ADDED cm-2',
      'ADDED cm-3',
    ]);
    expect(summary(await fromSecond.until(e => e.length === 1))).toEqual([
      'ADDED cm-3',
    ]);
    fromStart.stop();
    fromSecond.stop();
  });

  it.each(['', '0'])(
    'starts resourceVersion %j with the current state, then changes',
    async resourceVersion => {
      const { k } = env();
      const { ns } = await withConfigMaps(k, 2);
      const watch = await configMaps(k.kc, ns, { resourceVersion });
      await watch.until(e => e.length === 2);
      await k.core.deleteNamespacedConfigMap({ name: 'cm-1', namespace: ns });
      expect(summary(await watch.until(e => e.length === 3))).toEqual([
        'ADDED cm-1',
        'ADDED cm-2',
        'DELETED cm-1',
      ]);
      watch.stop();
    },
  );

  it('sends the initial state and a bookmark ending it with sendInitialEvents=true', async () => {
    const { k } = env();
    const { ns } = await withConfigMaps(k, 2);
    const watch = await configMaps(k.kc, ns, {
      sendInitialEvents: true,
      resourceVersionMatch: 'NotOlderThan',
      allowWatchBookmarks: true,
    });
    const events = await watch.until(e => e.length === 3);
    const list = await k.core.listNamespacedConfigMap({ namespace: ns });
    expect(events.map(e => e.type)).toEqual(['ADDED', 'ADDED', 'BOOKMARK']);
    expect(events[2].object).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: {
        resourceVersion: list.metadata!.resourceVersion,
        annotations: { 'k8s.io/initial-events-end': 'true' },
      },
    });
    watch.stop();
  });

  it('starts from now without initial events with sendInitialEvents=false', async () => {
    const { k } = env();
    const { ns } = await withConfigMaps(k, 2);
    const watch = await configMaps(k.kc, ns, {
      sendInitialEvents: false,
      resourceVersionMatch: 'NotOlderThan',
    });
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'new' } },
    });
    expect(summary(await watch.until(e => e.length === 1))).toEqual([
      'ADDED new',
    ]);
    watch.stop();
  });

  it('answers option mistakes as the API server validates ListOptions', async () => {
    const { sim } = env();
    const url = `${sim.url}/api/v1/configmaps?watch=1`;
    const missingMatch = await fetch(`${url}&sendInitialEvents=true`);
    expect(missingMatch.status).toBe(422);
    expect(await missingMatch.json()).toMatchObject({
      reason: 'Invalid',
      message:
        'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      details: { kind: 'ListOptions', group: 'meta.k8s.io' },
    });
    const missingInitial = await fetch(
      `${url}&resourceVersionMatch=NotOlderThan`,
    );
    expect((await missingInitial.json()).message).toContain(
      'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
    );
    const badVersion = await fetch(`${url}&resourceVersion=abc`);
    expect(badVersion.status).toBe(500);
    expect((await badVersion.json()).message).toBe(
      'resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
    );
  });

  it('waits for a resourceVersion the cluster has not reached, then sends what follows it', async () => {
    const { k } = env();
    const { ns } = await withConfigMaps(k, 0);
    const now = Number(
      (await k.core.listNamespacedConfigMap({ namespace: ns })).metadata!
        .resourceVersion,
    );
    const watch = await configMaps(k.kc, ns, { resourceVersion: now + 1 });
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'at' } },
    });
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'after' } },
    });
    expect(summary(await watch.until(e => e.length === 1))).toEqual([
      'ADDED after',
    ]);
    watch.stop();
  });

  it('answers a resourceVersion not reached within 3 s with a 504 ERROR event', async () => {
    const { sim, k } = env();
    const now = Number(
      (await k.core.listNamespace()).metadata!.resourceVersion,
    );
    const raw = await rawWatch(
      `${sim.url}/api/v1/namespaces/default/secrets?watch=1&resourceVersion=${
        now + 1000
      }`,
    );
    expect(raw.lines.map(l => JSON.parse(l))).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({
          kind: 'Status',
          code: 504,
          reason: 'Timeout',
          message: `Timeout: Too large resource version: ${
            now + 1000
          }, current: ${now}`,
          details: {
            causes: [
              {
                reason: 'ResourceVersionTooLarge',
                message: 'Too large resource version',
              },
            ],
            retryAfterSeconds: 1,
          },
        }),
      },
    ]);
  }, 15_000);
});

describe('watch history window and 410 Gone', () => {
  const env = useSimulator({ watch: { historyLimit: 3 } });

  it('answers a resourceVersion older than the window with an ERROR event carrying 410 Expired, then ends', async () => {
    const { k } = env();
    const { ns, before } = await withConfigMaps(k, 5);
    const watch = await configMaps(k.kc, ns, { resourceVersion: before });
    expect(await watch.ended).toBeNull();
    const third = await k.core.readNamespacedConfigMap({
      name: 'cm-3',
      namespace: ns,
    });
    expect(watch.events).toEqual([
      {
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${before} (${
            Number(third.metadata!.resourceVersion) - 1
          })`,
          reason: 'Expired',
          code: 410,
        },
      },
    ]);
    // The oldest kept change's predecessor is still a valid start.
    const edge = await configMaps(k.kc, ns, {
      resourceVersion: Number(third.metadata!.resourceVersion) - 1,
    });
    expect(summary(await edge.until(e => e.length === 3))).toEqual([
      'ADDED cm-3',
      'ADDED cm-4',
      'ADDED cm-5',
    ]);
    edge.stop();
  });

  it('keeps a window per type, so a busy type does not expire a quiet one', async () => {
    const { k } = env();
    const ns = uniqueName('quiet');
    await k.core.createNamespace({ body: { metadata: { name: ns } } });
    await k.core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 's' } },
    });
    const rv = (await k.core.listNamespacedSecret({ namespace: ns })).metadata!
      .resourceVersion!;
    await withConfigMaps(k, 5);
    const watch = await startWatch(k.kc, `/api/v1/namespaces/${ns}/secrets`, {
      resourceVersion: rv,
    });
    await k.core.deleteNamespacedSecret({ name: 's', namespace: ns });
    expect(summary(await watch.until(e => e.length === 1))).toEqual([
      'DELETED s',
    ]);
    watch.stop();
  });

  it('forgets every change on compactHistory, as etcd compaction does', async () => {
    const { sim, k } = env();
    const ns = uniqueName('compact');
    await k.core.createNamespace({ body: { metadata: { name: ns } } });
    const rv = (await k.core.listNamespacedConfigMap({ namespace: ns }))
      .metadata!.resourceVersion!;
    sim.compactHistory();
    const after = (await k.core.listNamespacedConfigMap({ namespace: ns }))
      .metadata!.resourceVersion!;
    expect(Number(after)).toBe(Number(rv) + 1);
    const old = await configMaps(k.kc, ns, { resourceVersion: rv });
    await old.ended;
    expect(old.events[0].object).toMatchObject({
      code: 410,
      message: `too old resource version: ${rv} (${after})`,
    });
    const fresh = await configMaps(k.kc, ns, { resourceVersion: after });
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'x' } },
    });
    expect(summary(await fresh.until(e => e.length === 1))).toEqual([
      'ADDED x',
    ]);
    fresh.stop();
  });
});

describe('watch history age', () => {
  const env = useSimulator({
    watch: { historyMinimum: 1, historyFreshMs: 50 },
  });

  it('drops changes older than historyFreshMs beyond the minimum kept', async () => {
    const { k } = env();
    const { ns, before } = await withConfigMaps(k, 1);
    await new Promise(resolve => setTimeout(resolve, 100));
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'late' } },
    });
    const watch = await configMaps(k.kc, ns, { resourceVersion: before });
    await watch.ended;
    expect(watch.events[0].object).toMatchObject({
      code: 410,
      reason: 'Expired',
    });
  });
});
