/*
 * Watch conformance: the watch behaviour the suite's watching audit relies on, run against the simulator and,
 * when KUBECONFIG is set, against that cluster too (in a throwaway namespace):
 * KUBECONFIG=~/.kube/config npx backstage-cli package test src/watchConformance.test.ts
 */
import { PatchStrategy } from '@kubernetes/client-node';
import {
  conformanceNamespace,
  describeConformance,
} from './__testUtils__/conformance';
import { Clients, patchAs } from './__testUtils__/kube';
import { startWatch, summary } from './__testUtils__/watch';

function watchCases(target: () => Clients) {
  const ns = conformanceNamespace('kube-sim-watch');
  let k: Clients;

  beforeAll(async () => {
    k = target();
    await k.core.createNamespace({ body: { metadata: { name: ns } } });
  });
  afterAll(async () => {
    await k?.core.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  const listVersion = async () =>
    (await k.core.listNamespacedConfigMap({ namespace: ns })).metadata!
      .resourceVersion!;
  const versionOf = (e: {
    object: { metadata?: { resourceVersion?: string } };
  }) => BigInt(e.object.metadata?.resourceVersion ?? '0');

  it('streams ADDED, MODIFIED and DELETED after the list resourceVersion, versions increasing', async () => {
    const watch = await startWatch(
      k.kc,
      `/api/v1/namespaces/${ns}/configmaps`,
      {
        resourceVersion: await listVersion(),
      },
    );
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'streamed' } },
    });
    await k.core.patchNamespacedConfigMap(
      { name: 'streamed', namespace: ns, body: { data: { k: 'v' } } },
      patchAs(PatchStrategy.MergePatch),
    );
    await k.core.deleteNamespacedConfigMap({ name: 'streamed', namespace: ns });
    const events = await watch.until(e => e.length === 3);
    expect(summary(events)).toEqual([
      'ADDED streamed',
      'MODIFIED streamed',
      'DELETED streamed',
    ]);
    expect(events[2].object).toMatchObject({
      kind: 'ConfigMap',
      data: { k: 'v' },
    });
    expect(versionOf(events[1])).toBeGreaterThan(versionOf(events[0]));
    expect(versionOf(events[2])).toBeGreaterThan(versionOf(events[1]));
    watch.stop();
  });

  it('sends an object leaving the label selector as DELETED with its last matching state', async () => {
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'leaving', labels: { tier: 'web' } } },
    });
    const watch = await startWatch(
      k.kc,
      `/api/v1/namespaces/${ns}/configmaps`,
      {
        resourceVersion: await listVersion(),
        labelSelector: 'tier=web',
      },
    );
    const moved = await k.core.patchNamespacedConfigMap(
      {
        name: 'leaving',
        namespace: ns,
        body: { metadata: { labels: { tier: 'db' } } },
      },
      patchAs(PatchStrategy.MergePatch),
    );
    const events = await watch.until(e => e.length === 1);
    expect(summary(events)).toEqual(['DELETED leaving']);
    expect(events[0].object.metadata).toMatchObject({
      labels: { tier: 'web' },
      resourceVersion: moved.metadata!.resourceVersion,
    });
    watch.stop();
  });

  it('answers a long-gone resourceVersion with an ERROR event carrying 410 Expired, then ends the stream', async () => {
    const watch = await startWatch(
      k.kc,
      `/api/v1/namespaces/${ns}/configmaps`,
      {
        resourceVersion: '1',
      },
    );
    expect(await watch.ended).toBeNull();
    expect(watch.events).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({
          kind: 'Status',
          status: 'Failure',
          reason: 'Expired',
          code: 410,
          message: expect.stringMatching(
            /^too old resource version: 1 \(\d+\)$/,
          ),
        }),
      },
    ]);
  });

  it('ends a watch cleanly at timeoutSeconds, with a bookmark before it', async () => {
    const watch = await startWatch(
      k.kc,
      `/api/v1/namespaces/${ns}/configmaps`,
      {
        resourceVersion: await listVersion(),
        allowWatchBookmarks: true,
        timeoutSeconds: 3,
      },
    );
    expect(await watch.ended).toBeNull();
    expect(watch.events.map(e => e.type)).toContain('BOOKMARK');
    const bookmark = watch.events.find(e => e.type === 'BOOKMARK')!;
    expect(bookmark.object).toMatchObject({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
    });
  }, 15_000);
}

describeConformance('watch conformance', watchCases);
