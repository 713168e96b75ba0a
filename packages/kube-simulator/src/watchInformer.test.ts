import {
  KubernetesObject,
  makeInformer,
  V1ConfigMap,
} from '@kubernetes/client-node';
import { uniqueName, useSimulator } from './__testUtils__/kube';

describe('client-node informers (list, then watch) against the simulator', () => {
  const env = useSimulator();

  /** An informer of a namespace's ConfigMaps, counting its lists. */
  async function informerOf(ns: string) {
    const { k } = env();
    const counts = { lists: 0, errors: 0 };
    const informer = makeInformer<V1ConfigMap>(
      k.kc,
      `/api/v1/namespaces/${ns}/configmaps`,
      () => {
        counts.lists += 1;
        return k.core.listNamespacedConfigMap({ namespace: ns });
      },
    );
    informer.on('error', () => {
      counts.errors += 1;
    });
    await informer.start();
    return { informer, counts };
  }

  const names = (objects: readonly KubernetesObject[]) =>
    objects
      .map(o => `${o.metadata?.name}@${o.metadata?.resourceVersion}`)
      .sort();

  /** Waits until the informer's cache holds what the server lists. */
  async function converged(
    ns: string,
    informer: { list(): readonly KubernetesObject[] },
  ): Promise<string[]> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const server = names(
        (await env().k.core.listNamespacedConfigMap({ namespace: ns })).items,
      );
      const cached = names(informer.list());
      if (JSON.stringify(server) === JSON.stringify(cached)) return cached;
      if (Date.now() > deadline)
        throw new Error(`informer has ${cached}, the server ${server}`);
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }

  async function namespaceWith(...configMaps: string[]): Promise<string> {
    const { core } = env().k;
    const ns = uniqueName('informer');
    await core.createNamespace({ body: { metadata: { name: ns } } });
    for (const name of configMaps)
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name } },
      });
    return ns;
  }

  /** A namespace with these ConfigMaps, and an informer of them whose cache holds them. */
  async function syncedInformer(...configMaps: string[]) {
    const ns = await namespaceWith(...configMaps);
    const { informer, counts } = await informerOf(ns);
    await converged(ns, informer);
    return { ns, informer, counts };
  }

  it('converges after creates, updates and deletes, listing once', async () => {
    const { core } = env().k;
    const { ns, informer, counts } = await syncedInformer('a', 'b');
    const seen: string[] = [];
    informer.on('add', o => seen.push(`add ${o.metadata?.name}`));
    informer.on('update', o => seen.push(`update ${o.metadata?.name}`));
    informer.on('delete', o => seen.push(`delete ${o.metadata?.name}`));
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'c' } },
    });
    await core.replaceNamespacedConfigMap({
      name: 'a',
      namespace: ns,
      body: { metadata: { name: 'a' }, data: { k: 'v' } },
    });
    await core.deleteNamespacedConfigMap({ name: 'b', namespace: ns });
    expect(await converged(ns, informer)).toHaveLength(2);
    expect(seen).toEqual(['add c', 'update a', 'delete b']);
    expect(counts).toEqual({ lists: 1, errors: 0 });
    await informer.stop();
  });

  it('resumes from its last resourceVersion when the stream ends cleanly, without listing again', async () => {
    const { sim, k } = env();
    const { ns, informer, counts } = await syncedInformer('a');
    sim.dropWatches('end');
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'b' } },
    });
    expect(await converged(ns, informer)).toHaveLength(2);
    expect(counts.lists).toBe(1);
    await informer.stop();
  });

  it('lists again after 410 Gone and converges, changes missed meanwhile included', async () => {
    const { sim, k } = env();
    const { ns, informer, counts } = await syncedInformer('a', 'b');
    await informer.stop();
    await k.core.deleteNamespacedConfigMap({ name: 'a', namespace: ns });
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'c' } },
    });
    sim.compactHistory();
    await informer.start();
    expect(await converged(ns, informer)).toEqual([
      expect.stringMatching(/^b@/),
      expect.stringMatching(/^c@/),
    ]);
    expect(counts.lists).toBe(2);
    await informer.stop();
  });

  it('reports a broken stream as an error, and converges when started again', async () => {
    const { sim, k } = env();
    const { ns, informer, counts } = await syncedInformer('a');
    sim.dropWatches();
    const deadline = Date.now() + 2000;
    while (counts.errors === 0 && Date.now() < deadline)
      await new Promise(resolve => setTimeout(resolve, 10));
    expect(counts.errors).toBe(1);
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'b' } },
    });
    await informer.start();
    expect(await converged(ns, informer)).toHaveLength(2);
    await informer.stop();
  });
});
