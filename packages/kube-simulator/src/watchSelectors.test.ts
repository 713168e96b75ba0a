import { PatchStrategy } from '@kubernetes/client-node';
import { patchAs, uniqueName, useSimulator } from './__testUtils__/kube';
import { startWatch, summary } from './__testUtils__/watch';

describe('watch selectors', () => {
  const env = useSimulator();

  async function namespace(): Promise<{ ns: string; rv: string }> {
    const ns = uniqueName('select');
    await env().k.core.createNamespace({ body: { metadata: { name: ns } } });
    const list = await env().k.core.listNamespacedConfigMap({ namespace: ns });
    return { ns, rv: list.metadata!.resourceVersion! };
  }

  const relabel = (ns: string, name: string, tier: string) =>
    env().k.core.patchNamespacedConfigMap(
      { name, namespace: ns, body: { metadata: { labels: { tier } } } },
      patchAs(PatchStrategy.MergePatch),
    );

  it('sends objects entering a label selector as ADDED and leaving it as DELETED, as the watch cache does', async () => {
    const { core, kc } = env().k;
    const { ns, rv } = await namespace();
    const watch = await startWatch(kc, `/api/v1/namespaces/${ns}/configmaps`, {
      resourceVersion: rv,
      labelSelector: 'tier in (web)',
    });
    const create = (name: string, tier: string) =>
      core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name, labels: { tier } } },
      });
    await create('web', 'web');
    await create('db', 'db');
    await relabel(ns, 'db', 'web');
    const left = await relabel(ns, 'web', 'db');
    await core.patchNamespacedConfigMap(
      { name: 'db', namespace: ns, body: { data: { k: 'v' } } },
      patchAs(PatchStrategy.MergePatch),
    );
    await core.deleteNamespacedConfigMap({ name: 'web', namespace: ns });
    await core.deleteNamespacedConfigMap({ name: 'db', namespace: ns });

    const events = await watch.until(e => e.length === 5);
    expect(summary(events)).toEqual([
      'ADDED web',
      'ADDED db',
      'DELETED web',
      'MODIFIED db',
      'DELETED db',
    ]);
    // Leaving the selector: the object as it last matched, at the change's resourceVersion.
    expect(events[2].object.metadata).toMatchObject({
      labels: { tier: 'web' },
      resourceVersion: left.metadata!.resourceVersion,
    });
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(events).toHaveLength(5);
    watch.stop();
  });

  it('applies metadata.name and metadata.namespace field selectors', async () => {
    const { core, kc } = env().k;
    const a = await namespace();
    const b = await namespace();
    const byName = await startWatch(kc, '/api/v1/configmaps', {
      resourceVersion: b.rv,
      fieldSelector: 'metadata.name=keep',
    });
    const byNamespace = await startWatch(kc, '/api/v1/configmaps', {
      resourceVersion: b.rv,
      fieldSelector: `metadata.namespace=${b.ns},metadata.name!=skip`,
    });
    for (const ns of [a.ns, b.ns])
      for (const name of ['keep', 'skip'])
        await core.createNamespacedConfigMap({
          namespace: ns,
          body: { metadata: { name } },
        });
    const named = await byName.until(e => e.length === 2);
    expect(
      named.map(
        e => `${e.object.metadata?.namespace}/${e.object.metadata?.name}`,
      ),
    ).toEqual([`${a.ns}/keep`, `${b.ns}/keep`]);
    expect(summary(await byNamespace.until(e => e.length === 1))).toEqual([
      'ADDED keep',
    ]);
    byName.stop();
    byNamespace.stop();
  });

  it('follows a Pod leaving a status.phase selector through its status', async () => {
    const { core, kc } = env().k;
    const { ns, rv } = await namespace();
    const watch = await startWatch(kc, `/api/v1/namespaces/${ns}/pods`, {
      resourceVersion: rv,
      fieldSelector: 'status.phase=Pending',
    });
    await core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'p' },
        spec: {
          containers: [{ name: 'c', image: 'registry.example.com/c:1' }],
        },
      },
    });
    await core.patchNamespacedPodStatus(
      { name: 'p', namespace: ns, body: { status: { phase: 'Running' } } },
      patchAs(PatchStrategy.MergePatch),
    );
    const events = await watch.until(e => e.length === 2);
    expect(summary(events)).toEqual(['ADDED p', 'DELETED p']);
    expect(events[1].object).toMatchObject({ status: { phase: 'Pending' } });
    watch.stop();
  });

  it('refuses selectors a list refuses, before streaming', async () => {
    const { sim } = env();
    const response = await fetch(
      `${sim.url}/api/v1/configmaps?watch=1&fieldSelector=spec.nodeName%3Dx`,
    );
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe(
      'field label not supported: spec.nodeName',
    );
  });
});
