import { PatchStrategy } from '@kubernetes/client-node';
import { apiVersionOf, RESOURCE_TYPES } from './api/resources';
import {
  deploymentManifest,
  patchAs,
  uniqueName,
  useSimulator,
} from './__testUtils__/kube';
import { rawWatch, startWatch, summary } from './__testUtils__/watch';

describe('watch streams through @kubernetes/client-node', () => {
  const env = useSimulator();

  async function namespace(): Promise<string> {
    const name = uniqueName('watch');
    await env().k.core.createNamespace({ body: { metadata: { name } } });
    return name;
  }

  it('starts with the current state as ADDED, then streams every kind of write in order', async () => {
    const { core, kc } = env().k;
    const ns = await namespace();
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'a' }, data: { v: '1' } },
    });
    const watch = await startWatch(kc, `/api/v1/namespaces/${ns}/configmaps`);
    await watch.until(e => e.length === 1);

    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'b' } },
    });
    await core.replaceNamespacedConfigMap({
      name: 'a',
      namespace: ns,
      body: { metadata: { name: 'a' }, data: { v: '2' } },
    });
    await core.patchNamespacedConfigMap(
      { name: 'a', namespace: ns, body: { data: { v: '3' } } },
      patchAs(PatchStrategy.MergePatch),
    );
    await core.patchNamespacedConfigMap(
      {
        name: 'c',
        namespace: ns,
        fieldManager: 'tests',
        body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
      },
      patchAs(PatchStrategy.ServerSideApply),
    );
    // Dry runs and writes that change nothing are not changes.
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'dry' } },
      dryRun: 'All',
    });
    await core.patchNamespacedConfigMap(
      { name: 'a', namespace: ns, body: { data: { v: '3' } } },
      patchAs(PatchStrategy.MergePatch),
    );
    await core.deleteNamespacedConfigMap({ name: 'b', namespace: ns });
    const list = await core.listNamespacedConfigMap({ namespace: ns });

    const events = await watch.until(e => e.length === 6);
    expect(summary(events)).toEqual([
      'ADDED a',
      'ADDED b',
      'MODIFIED a',
      'MODIFIED a',
      'ADDED c',
      'DELETED b',
    ]);
    // Built-in objects carry apiVersion and kind in events, unlike list items.
    expect(events[0].object).toMatchObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
    });
    expect(events[3].object).toMatchObject({ data: { v: '3' } });
    const versions = events.map(e =>
      Number(e.object.metadata?.resourceVersion),
    );
    expect([...versions].sort((x, y) => x - y)).toEqual(versions);
    // A deletion is a change of its own: the DELETED object carries the deletion's resourceVersion.
    expect(events[5].object.metadata?.resourceVersion).toBe(
      list.metadata?.resourceVersion,
    );
    watch.stop();
  });

  it('streams status writes and every object of a deletecollection', async () => {
    const { apps, kc } = env().k;
    const ns = await namespace();
    for (const name of ['web', 'api']) {
      await apps.createNamespacedDeployment({
        namespace: ns,
        body: deploymentManifest(ns, name),
      });
    }
    const list = await apps.listNamespacedDeployment({ namespace: ns });
    const watch = await startWatch(
      kc,
      `/apis/apps/v1/namespaces/${ns}/deployments`,
      {
        resourceVersion: list.metadata!.resourceVersion!,
      },
    );
    await apps.patchNamespacedDeploymentStatus(
      { name: 'web', namespace: ns, body: { status: { replicas: 1 } } },
      patchAs(PatchStrategy.MergePatch),
    );
    await apps.deleteCollectionNamespacedDeployment({ namespace: ns });
    const events = await watch.until(e => e.length === 3);
    expect(summary(events)).toEqual([
      'MODIFIED web',
      'DELETED api',
      'DELETED web',
    ]);
    expect(events[0].object).toMatchObject({ status: { replicas: 1 } });
    watch.stop();
  });

  it('deletes a namespace as a cluster shows it: Terminating, its objects, then the namespace', async () => {
    const { core, kc } = env().k;
    const ns = await namespace();
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'cm' } },
    });
    await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 's' } },
    });
    const rv = (await core.listNamespace()).metadata!.resourceVersion!;
    const namespaces = await startWatch(kc, '/api/v1/namespaces', {
      resourceVersion: rv,
      fieldSelector: `metadata.name=${ns}`,
    });
    const configMaps = await startWatch(kc, '/api/v1/configmaps', {
      resourceVersion: rv,
    });
    const secrets = await startWatch(kc, '/api/v1/secrets', {
      resourceVersion: rv,
    });
    await core.deleteNamespace({ name: ns });

    const nsEvents = await namespaces.until(e => e.length === 2, 1500);
    expect(summary(nsEvents)).toEqual([`MODIFIED ${ns}`, `DELETED ${ns}`]);
    expect(nsEvents[0].object).toMatchObject({
      metadata: { deletionTimestamp: expect.any(String) },
      status: { phase: 'Terminating' },
    });
    expect(summary(await configMaps.until(e => e.length === 1))).toEqual([
      'DELETED cm',
    ]);
    expect(summary(await secrets.until(e => e.length === 1))).toEqual([
      'DELETED s',
    ]);
    const deletedAt = (e: {
      object: { metadata?: { resourceVersion?: string } };
    }) => Number(e.object.metadata?.resourceVersion);
    expect(deletedAt(configMaps.events[0])).toBeGreaterThan(
      deletedAt(nsEvents[0]),
    );
    expect(deletedAt(nsEvents[1])).toBeGreaterThan(
      deletedAt(secrets.events[0]),
    );
    for (const w of [namespaces, configMaps, secrets]) w.stop();
  });

  it('frames one JSON event per line on a chunked application/json response', async () => {
    const { sim, k } = env();
    const ns = await namespace();
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'x' } },
    });
    const started = Date.now();
    const raw = await rawWatch(
      `${sim.url}/api/v1/namespaces/${ns}/configmaps?watch=1&timeoutSeconds=1`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('application/json');
    expect(raw.headers.get('transfer-encoding')).toBe('chunked');
    expect(raw.lines.map(l => JSON.parse(l))).toEqual([
      {
        type: 'ADDED',
        object: expect.objectContaining({
          kind: 'ConfigMap',
          apiVersion: 'v1',
          metadata: expect.objectContaining({ name: 'x', namespace: ns }),
        }),
      },
    ]);
  });

  it('serves watch=true and watch=1 on every served type, cluster-wide and per namespace', async () => {
    const { sim, k } = env();
    const rv = (await k.core.listNamespace()).metadata!.resourceVersion!;
    const results = await Promise.all(
      RESOURCE_TYPES.flatMap(rt => {
        const base = rt.group ? `/apis/${apiVersionOf(rt)}` : '/api/v1';
        const paths = [`${base}/${rt.plural}`];
        if (rt.namespaced)
          paths.push(`${base}/namespaces/default/${rt.plural}`);
        return paths.map(async (path, i) => {
          const flag = i === 0 ? 'watch=true' : 'watch=1';
          const raw = await rawWatch(
            `${sim.url}${path}?${flag}&timeoutSeconds=1&resourceVersion=${rv}`,
          );
          return `${path} ${raw.status} ${raw.lines.length}`;
        });
      }),
    );
    expect(results.filter(r => !r.endsWith(' 200 0'))).toEqual([]);
  });

  it('serves the legacy /watch/ path prefix, for a collection and for one object', async () => {
    const { sim, k } = env();
    const ns = await namespace();
    for (const name of ['one', 'two'])
      await k.core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name } },
      });
    const [one, all] = await Promise.all([
      rawWatch(
        `${sim.url}/api/v1/watch/namespaces/${ns}/configmaps/one?timeoutSeconds=1`,
      ),
      rawWatch(
        `${sim.url}/api/v1/watch/namespaces/${ns}/configmaps?timeoutSeconds=1`,
      ),
    ]);
    expect(one.lines.map(l => JSON.parse(l).object.metadata.name)).toEqual([
      'one',
    ]);
    expect(all.lines).toHaveLength(2);
    const mismatch = await fetch(
      `${sim.url}/api/v1/watch/namespaces/${ns}/configmaps/one?fieldSelector=metadata.name%3Dtwo`,
    );
    expect(mismatch.status).toBe(400);
    expect((await mismatch.json()).message).toBe(
      "fieldSelector metadata.name doesn't match requested name",
    );
  });
});
