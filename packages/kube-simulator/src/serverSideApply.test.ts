import {
  KubernetesObject,
  PatchStrategy,
  V1ConfigMap,
  V1Deployment,
} from '@kubernetes/client-node';
import {
  deploymentManifest,
  expectStatus,
  patchAs,
  uniqueName,
  useSimulator,
} from './__testUtils__/kube';

describe('server-side apply', () => {
  const env = useSimulator();
  let ns: string;

  beforeAll(async () => {
    ns = uniqueName('ssa');
    await env().k.core.createNamespace({ body: { metadata: { name: ns } } });
  });

  const apply = <T extends KubernetesObject>(
    spec: T,
    manager: string,
    force?: boolean,
  ) =>
    env().k.objects.patch(
      spec,
      undefined,
      undefined,
      manager,
      force,
      PatchStrategy.ServerSideApply,
    );

  const configMap = (
    name: string,
    data: Record<string, string>,
    labels?: Record<string, string>,
  ): V1ConfigMap => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns, ...(labels ? { labels } : {}) },
    data,
  });

  function owners(obj: KubernetesObject) {
    return (obj.metadata?.managedFields ?? []).map(e => ({
      manager: e.manager,
      operation: e.operation,
      fieldsType: e.fieldsType,
      fieldsV1: e.fieldsV1,
    }));
  }

  it('creates with 201, then answers 200, tracking the manager at leaf granularity', async () => {
    const { core } = env().k;
    const first = await core.patchNamespacedConfigMapWithHttpInfo(
      {
        name: 'created',
        namespace: ns,
        fieldManager: 'team-a',
        body: configMap('created', { x: '1' }, { app: 'shop' }),
      },
      patchAs(PatchStrategy.ServerSideApply),
    );
    expect(first.httpStatusCode).toBe(201);
    expect(owners(first.data)).toEqual([
      {
        manager: 'team-a',
        operation: 'Apply',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:data': { 'f:x': {} },
          'f:metadata': { 'f:labels': { 'f:app': {} } },
        },
      },
    ]);
    expect(first.data.metadata?.managedFields?.[0].apiVersion).toBe('v1');
    const second = await core.patchNamespacedConfigMapWithHttpInfo(
      {
        name: 'created',
        namespace: ns,
        fieldManager: 'team-a',
        body: configMap('created', { x: '1' }, { app: 'shop' }),
      },
      patchAs(PatchStrategy.ServerSideApply),
    );
    expect(second.httpStatusCode).toBe(200);
    expect(second.data.metadata?.resourceVersion).toBe(
      first.data.metadata?.resourceVersion,
    );
  });

  it('answers 409 Conflict naming field and manager when another manager owns a different value', async () => {
    await apply(deploymentManifest(ns, 'conflict', 2), 'team-a');
    const status = await expectStatus(
      apply(deploymentManifest(ns, 'conflict', 3), 'team-b'),
      409,
    );
    expect(status).toMatchObject({
      reason: 'Conflict',
      message:
        'Apply failed with 1 conflict: conflict with "team-a": .spec.replicas',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "team-a"',
            field: '.spec.replicas',
          },
        ],
      },
    });
    const stored = await env().k.apps.readNamespacedDeployment({
      name: 'conflict',
      namespace: ns,
    });
    expect(stored.spec?.replicas).toBe(2);
  });

  it('lists several conflicts by manager', async () => {
    await apply(configMap('many', { x: '1' }), 'team-a');
    await env().k.core.patchNamespacedConfigMap(
      {
        name: 'many',
        namespace: ns,
        fieldManager: 'editor',
        body: { data: { y: '1' } },
      },
      patchAs(PatchStrategy.MergePatch),
    );
    const status = await expectStatus(
      apply(configMap('many', { x: '2', y: '2' }), 'team-b'),
      409,
    );
    expect(status.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "editor" using v1:\n- .data.y\nconflicts with "team-a":\n- .data.x',
    );
    expect(status.details?.causes?.map(c => c.field).sort()).toEqual([
      '.data.x',
      '.data.y',
    ]);
  });

  it('shares ownership when managers apply the same value', async () => {
    await apply(configMap('shared', { x: '1' }), 'team-a');
    const shared = await apply(configMap('shared', { x: '1' }), 'team-b');
    expect(owners(shared).map(o => [o.manager, o.fieldsV1])).toEqual([
      ['team-a', { 'f:data': { 'f:x': {} } }],
      ['team-b', { 'f:data': { 'f:x': {} } }],
    ]);
  });

  it('takes fields over with force', async () => {
    await apply(deploymentManifest(ns, 'forced', 2), 'team-a');
    const forced = (await apply(
      deploymentManifest(ns, 'forced', 5),
      'team-b',
      true,
    )) as V1Deployment;
    expect(forced.spec?.replicas).toBe(5);
    const a = forced.metadata?.managedFields?.find(e => e.manager === 'team-a');
    const b = forced.metadata?.managedFields?.find(e => e.manager === 'team-b');
    expect((a?.fieldsV1 as any)['f:spec']['f:replicas']).toBeUndefined();
    expect((b?.fieldsV1 as any)['f:spec']['f:replicas']).toEqual({});
    expect(forced.metadata?.generation).toBe(2);
  });

  it('removes fields a manager stops applying, unless another manager owns them', async () => {
    await apply(configMap('removal', { x: '1', y: '2', z: '3' }), 'team-a');
    await apply(configMap('removal', { z: '3' }), 'team-b');
    const after = (await apply(
      configMap('removal', { x: '1' }),
      'team-a',
    )) as V1ConfigMap;
    expect(after.data).toEqual({ x: '1', z: '3' });
  });

  it('merges keyed lists, so managers can own different containers', async () => {
    await apply(deploymentManifest(ns, 'lists'), 'team-a');
    const sidecar = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'lists', namespace: ns },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'proxy', image: 'registry.example.com/proxy:1.0.0' },
            ],
          },
        },
      },
    };
    const merged = (await apply(sidecar, 'mesh-injector')) as V1Deployment;
    expect(merged.spec?.template.spec?.containers.map(c => c.name)).toEqual([
      'app',
      'proxy',
    ]);
    const injector = merged.metadata?.managedFields?.find(
      e => e.manager === 'mesh-injector',
    );
    expect(injector?.fieldsV1).toEqual({
      'f:spec': {
        'f:template': {
          'f:spec': {
            'f:containers': {
              'k:{"name":"proxy"}': { '.': {}, 'f:image': {}, 'f:name': {} },
            },
          },
        },
      },
    });
    const updated = (await apply(
      deploymentManifest(ns, 'lists', 1, 'registry.example.com/app:2.0.0'),
      'team-a',
    )) as V1Deployment;
    expect(updated.spec?.template.spec?.containers.map(c => c.image)).toEqual([
      'registry.example.com/app:2.0.0',
      'registry.example.com/proxy:1.0.0',
    ]);
  });

  it('removes list items a manager stops applying', async () => {
    const two = deploymentManifest(ns, 'items') as V1Deployment;
    two.spec!.template.spec!.containers.push({
      name: 'helper',
      image: 'registry.example.com/helper:1.0.0',
      env: [{ name: 'MODE', value: 'fast' }],
    });
    await apply(two, 'team-a');
    const one = (await apply(
      deploymentManifest(ns, 'items'),
      'team-a',
    )) as V1Deployment;
    expect(one.spec?.template.spec?.containers).toEqual([
      { name: 'app', image: 'registry.example.com/app:1.0.0' },
    ]);
  });

  it('records creates and updates as Update operations, which apply conflicts with', async () => {
    const { core } = env().k;
    await core.createNamespacedConfigMap({
      namespace: ns,
      fieldManager: 'kubectl-create',
      body: { metadata: { name: 'updates' }, data: { x: '1' } },
    });
    const status = await expectStatus(
      apply(configMap('updates', { x: '2' }), 'team-a'),
      409,
    );
    expect(status.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.x',
    );

    await apply(configMap('updates', { x: '1', y: '1' }), 'team-a');
    const edited = await core.patchNamespacedConfigMap(
      {
        name: 'updates',
        namespace: ns,
        fieldManager: 'editor',
        body: { data: { y: '9' } },
      },
      patchAs(PatchStrategy.MergePatch),
    );
    const byManager = Object.fromEntries(
      owners(edited).map(o => [`${o.manager}/${o.operation}`, o.fieldsV1]),
    );
    expect(byManager).toEqual({
      'kubectl-create/Update': { 'f:data': { 'f:x': {} } },
      'team-a/Apply': { 'f:data': { 'f:x': {} } },
      'editor/Update': { 'f:data': { 'f:y': {} } },
    });
  });

  it('hands fields from an Update manager to an Apply manager when a patch rewrites managedFields', async () => {
    const { core } = env().k;
    const created = await core.createNamespacedConfigMap({
      namespace: ns,
      fieldManager: 'team-a',
      body: { metadata: { name: 'upgrade' }, data: { x: '1', y: '2' } },
    });
    // Without the hand-over, the Update entry keeps owning `y` and an apply dropping it leaves it.
    const kept = (await apply(
      configMap('upgrade', { x: '1' }),
      'team-a',
    )) as V1ConfigMap;
    expect(kept.data).toEqual({ x: '1', y: '2' });

    const current = await core.readNamespacedConfigMap({
      name: 'upgrade',
      namespace: ns,
    });
    const upgraded = (current.metadata?.managedFields ?? [])
      .filter(e => !(e.manager === 'team-a' && e.operation === 'Apply'))
      .map(e => ({ ...e, operation: 'Apply' }));
    const patched = await core.patchNamespacedConfigMap(
      {
        name: 'upgrade',
        namespace: ns,
        fieldManager: 'team-a',
        body: [
          {
            op: 'test',
            path: '/metadata/resourceVersion',
            value: current.metadata?.resourceVersion,
          },
          { op: 'replace', path: '/metadata/managedFields', value: upgraded },
        ],
      },
      patchAs(PatchStrategy.JsonPatch),
    );
    expect(owners(patched)).toEqual([
      {
        manager: 'team-a',
        operation: 'Apply',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:x': {}, 'f:y': {} } },
      },
    ]);
    expect(patched.metadata?.resourceVersion).not.toBe(
      created.metadata?.resourceVersion,
    );

    const dropped = (await apply(
      configMap('upgrade', { x: '1' }),
      'team-a',
    )) as V1ConfigMap;
    expect(dropped.data).toEqual({ x: '1' });

    // A client that echoes managedFields back, or leaves them out, changes no ownership.
    const echoed = await core.replaceNamespacedConfigMap({
      name: 'upgrade',
      namespace: ns,
      fieldManager: 'editor',
      body: { ...dropped, data: { x: '1', z: '3' } },
    });
    expect(owners(echoed).map(o => `${o.manager}/${o.operation}`)).toEqual([
      'team-a/Apply',
      'editor/Update',
    ]);
  });

  it('applies cluster-scoped objects such as namespace labels', async () => {
    const name = uniqueName('ssa-ns');
    await env().k.core.createNamespace({ body: { metadata: { name } } });
    const applied = await apply(
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, labels: { 'guardrails.dev/environment': 'dev' } },
      },
      'backstage-guardrails',
    );
    expect(applied.metadata?.labels).toEqual({
      'kubernetes.io/metadata.name': name,
      'guardrails.dev/environment': 'dev',
    });
  });

  it('ignores status for types with a status subresource', async () => {
    const applied = (await apply(
      {
        ...deploymentManifest(ns, 'status'),
        status: { replicas: 3 },
      } as V1Deployment,
      'team-a',
    )) as V1Deployment;
    expect(applied.status).toBeUndefined();
  });

  it('requires a field manager', async () => {
    const status = await expectStatus(
      env().k.core.patchNamespacedConfigMap(
        { name: 'nomanager', namespace: ns, body: configMap('nomanager', {}) },
        patchAs(PatchStrategy.ServerSideApply),
      ),
      422,
    );
    expect(status.message).toContain(
      'fieldManager: Required value: is required for apply patch',
    );
  });

  it('checks the applied object: its kind, namespace and validity', async () => {
    await expectStatus(
      apply(
        {
          ...configMap('ghost', {}),
          metadata: { name: 'ghost', namespace: 'no-such-ns' },
        },
        'team-a',
      ),
      404,
    );
    await expectStatus(apply(configMap('bad_name', {}), 'team-a'), 422);
  });

  it('writes nothing for a dry-run apply', async () => {
    const dry = await env().k.objects.patch(
      configMap('dry', { x: '1' }),
      undefined,
      'All',
      'team-a',
      undefined,
      PatchStrategy.ServerSideApply,
    );
    expect(dry.metadata?.name).toBe('dry');
    await expectStatus(
      env().k.core.readNamespacedConfigMap({ name: 'dry', namespace: ns }),
      404,
    );
  });
});
