import {
  PatchStrategy,
  setHeaderOptions,
  V1Deployment,
} from '@kubernetes/client-node';
import {
  deploymentManifest,
  expectStatus,
  patchAs,
  uniqueName,
  useSimulator,
} from './__testUtils__/kube';

describe('PATCH', () => {
  const env = useSimulator();
  let ns: string;

  beforeAll(async () => {
    ns = uniqueName('patch');
    await env().k.core.createNamespace({ body: { metadata: { name: ns } } });
  });

  async function configMap(name: string) {
    return env().k.core.createNamespacedConfigMap({
      namespace: ns,
      body: {
        metadata: { name, labels: { a: '1', b: '2' } },
        data: { x: '1', y: '2' },
      },
    });
  }

  async function deployment(name: string) {
    const body = deploymentManifest(ns, name) as V1Deployment;
    body.spec!.template.spec!.containers.push({
      name: 'sidecar',
      image: 'registry.example.com/sidecar:1.0.0',
    });
    return env().k.apps.createNamespacedDeployment({ namespace: ns, body });
  }

  it('applies a JSON merge patch: maps merge, null deletes', async () => {
    await configMap('merge');
    const patched = await env().k.core.patchNamespacedConfigMap(
      {
        name: 'merge',
        namespace: ns,
        body: { metadata: { labels: { a: null, c: '3' } }, data: { y: '20' } },
      },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(patched.metadata?.labels).toEqual({ b: '2', c: '3' });
    expect(patched.data).toEqual({ x: '1', y: '20' });
  });

  it('replaces lists in a merge patch but merges them by key in a strategic merge patch', async () => {
    const { apps } = env().k;
    await deployment('merge-web');
    const merged = await apps.patchNamespacedDeployment(
      {
        name: 'merge-web',
        namespace: ns,
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  { name: 'app', image: 'registry.example.com/app:2.0.0' },
                ],
              },
            },
          },
        },
      },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(merged.spec?.template.spec?.containers.map(c => c.name)).toEqual([
      'app',
    ]);

    await deployment('smp-web');
    const strategic = await apps.patchNamespacedDeployment(
      {
        name: 'smp-web',
        namespace: ns,
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  { name: 'app', image: 'registry.example.com/app:2.0.0' },
                ],
              },
            },
          },
        },
      },
      patchAs(PatchStrategy.StrategicMergePatch),
    );
    expect(
      strategic.spec?.template.spec?.containers.map(
        c => `${c.name}=${c.image}`,
      ),
    ).toEqual([
      'app=registry.example.com/app:2.0.0',
      'sidecar=registry.example.com/sidecar:1.0.0',
    ]);
    expect(strategic.metadata?.generation).toBe(2);

    const removed = await apps.patchNamespacedDeployment(
      {
        name: 'smp-web',
        namespace: ns,
        body: {
          spec: {
            template: {
              spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] },
            },
          },
        },
      },
      patchAs(PatchStrategy.StrategicMergePatch),
    );
    expect(removed.spec?.template.spec?.containers.map(c => c.name)).toEqual([
      'app',
    ]);
  });

  it('applies a JSON patch (the client default) with add, replace, remove and test', async () => {
    await configMap('json');
    const patched = await env().k.core.patchNamespacedConfigMap({
      name: 'json',
      namespace: ns,
      body: [
        { op: 'test', path: '/data/x', value: '1' },
        { op: 'replace', path: '/data/x', value: '10' },
        { op: 'add', path: '/data/z', value: '3' },
        { op: 'remove', path: '/metadata/labels/a' },
        { op: 'add', path: '/metadata/annotations', value: {} },
        {
          op: 'add',
          path: '/metadata/annotations/example.com~1owner',
          value: 'team-a',
        },
      ],
    });
    expect(patched.data).toEqual({ x: '10', y: '2', z: '3' });
    expect(patched.metadata?.labels).toEqual({ b: '2' });
    expect(patched.metadata?.annotations).toEqual({
      'example.com/owner': 'team-a',
    });
  });

  it('answers 422 when a JSON patch test fails or a path is missing, and changes nothing', async () => {
    const cm = await configMap('json-fail');
    const failed = await expectStatus(
      env().k.core.patchNamespacedConfigMap({
        name: 'json-fail',
        namespace: ns,
        body: [
          { op: 'replace', path: '/data/x', value: 'changed' },
          { op: 'test', path: '/data/y', value: 'wrong' },
        ],
      }),
      422,
    );
    expect(failed.message).toContain('testing value /data/y failed');
    await expectStatus(
      env().k.core.patchNamespacedConfigMap({
        name: 'json-fail',
        namespace: ns,
        body: [{ op: 'remove', path: '/data/missing' }],
      }),
      422,
    );
    const after = await env().k.core.readNamespacedConfigMap({
      name: 'json-fail',
      namespace: ns,
    });
    expect(after.data).toEqual(cm.data);
    expect(after.metadata?.resourceVersion).toBe(cm.metadata?.resourceVersion);
  });

  it('answers 409 when the patch carries a stale resourceVersion', async () => {
    const cm = await configMap('stale');
    await env().k.core.patchNamespacedConfigMap(
      { name: 'stale', namespace: ns, body: { data: { x: '2' } } },
      patchAs(PatchStrategy.MergePatch),
    );
    const status = await expectStatus(
      env().k.core.patchNamespacedConfigMap(
        {
          name: 'stale',
          namespace: ns,
          body: {
            metadata: { resourceVersion: cm.metadata?.resourceVersion },
            data: { x: '3' },
          },
        },
        patchAs(PatchStrategy.MergePatch),
      ),
      409,
    );
    expect(status.reason).toBe('Conflict');
  });

  it('answers 404 for a patch of a missing object', async () => {
    await expectStatus(
      env().k.core.patchNamespacedConfigMap(
        { name: 'absent', namespace: ns, body: { data: {} } },
        patchAs(PatchStrategy.MergePatch),
      ),
      404,
    );
  });

  it('answers 415 for a patch type it does not know', async () => {
    await configMap('media');
    const status = await expectStatus(
      env().k.core.patchNamespacedConfigMap(
        { name: 'media', namespace: ns, body: { data: {} } },
        setHeaderOptions('Content-Type', 'text/plain'),
      ),
      415,
    );
    expect(status.reason).toBe('UnsupportedMediaType');
  });

  it('refuses force on a patch that is not an apply', async () => {
    await configMap('force');
    const status = await expectStatus(
      env().k.core.patchNamespacedConfigMap(
        { name: 'force', namespace: ns, force: true, body: { data: {} } },
        patchAs(PatchStrategy.MergePatch),
      ),
      422,
    );
    expect(status.message).toContain(
      'force: Forbidden: may not be specified for non-apply patch',
    );
  });

  it('writes nothing for a dry-run patch', async () => {
    await configMap('dry');
    const dry = await env().k.core.patchNamespacedConfigMap(
      {
        name: 'dry',
        namespace: ns,
        dryRun: 'All',
        body: { data: { x: 'dry' } },
      },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(dry.data?.x).toBe('dry');
    expect(
      (
        await env().k.core.readNamespacedConfigMap({
          name: 'dry',
          namespace: ns,
        })
      ).data?.x,
    ).toBe('1');
  });
});
