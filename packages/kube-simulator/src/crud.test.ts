import {
  setHeaderOptions,
  V1ConfigMap,
  V1Deployment,
  V1Namespace,
} from '@kubernetes/client-node';
import {
  deploymentManifest,
  expectStatus,
  uniqueName,
  useSimulator,
} from './__testUtils__/kube';

describe('reads and writes through @kubernetes/client-node', () => {
  const env = useSimulator();

  async function namespace(): Promise<string> {
    const name = uniqueName('crud');
    await env().k.core.createNamespace({ body: { metadata: { name } } });
    return name;
  }

  it.each([
    ['create', 'POST'],
    ['replace', 'PUT'],
  ])(
    'refuses a protobuf body on %s with 415 UnsupportedMediaType naming the fix',
    async (_verb, method) => {
      const ns = await namespace();
      if (method === 'PUT') {
        await env().k.core.createNamespacedConfigMap({
          namespace: ns,
          body: { metadata: { name: 'proto' } },
        });
      }
      const body = { metadata: { name: 'proto' }, data: { a: '1' } };
      const asProtobuf = setHeaderOptions(
        'Content-Type',
        'application/vnd.kubernetes.protobuf',
      );
      const status = await expectStatus(
        method === 'POST'
          ? env().k.core.createNamespacedConfigMap(
              { namespace: ns, body },
              asProtobuf,
            )
          : env().k.core.replaceNamespacedConfigMap(
              { name: 'proto', namespace: ns, body },
              asProtobuf,
            ),
        415,
      );
      expect(status).toMatchObject({
        reason: 'UnsupportedMediaType',
        code: 415,
      });
      expect(status.message).toContain(
        'accepted media types include: application/json, application/yaml',
      );
      expect(status.message).toContain('kubectl create -f');
    },
  );

  it('creates, reads, lists, replaces and deletes a namespaced object', async () => {
    const { core } = env().k;
    const ns = await namespace();
    const created = await core.createNamespacedConfigMap({
      namespace: ns,
      body: {
        metadata: { name: 'settings', labels: { tier: 'web' } },
        data: { a: '1' },
      },
    });
    expect(created.metadata?.namespace).toBe(ns);
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(typeof created.metadata?.resourceVersion).toBe('string');

    const read = await core.readNamespacedConfigMap({
      name: 'settings',
      namespace: ns,
    });
    expect(read.data).toEqual({ a: '1' });

    const list = await core.listNamespacedConfigMap({ namespace: ns });
    expect(list.items.map(i => i.metadata?.name)).toEqual(['settings']);
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThanOrEqual(
      Number(created.metadata?.resourceVersion),
    );

    const replaced = await core.replaceNamespacedConfigMap({
      name: 'settings',
      namespace: ns,
      body: { ...read, data: { a: '2' } },
    });
    expect(replaced.data).toEqual({ a: '2' });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(
      Number(read.metadata?.resourceVersion),
    );
    expect(replaced.metadata?.uid).toBe(created.metadata?.uid);

    await core.deleteNamespacedConfigMap({ name: 'settings', namespace: ns });
    await expectStatus(
      core.readNamespacedConfigMap({ name: 'settings', namespace: ns }),
      404,
    );
  });

  it('serves cluster-scoped objects on cluster paths', async () => {
    const { rbac } = env().k;
    const name = uniqueName('system:crud-reader');
    await rbac.createClusterRole({
      body: {
        metadata: { name },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
      },
    });
    const read = await rbac.readClusterRole({ name });
    expect(read.metadata?.namespace).toBeUndefined();
    expect(read.rules?.[0].verbs).toEqual(['get']);
    await rbac.deleteClusterRole({ name });
    await expectStatus(rbac.readClusterRole({ name }), 404);
  });

  it('lists a namespaced type across all namespaces', async () => {
    const { core } = env().k;
    const [a, b] = [await namespace(), await namespace()];
    for (const ns of [a, b]) {
      await core.createNamespacedServiceAccount({
        namespace: ns,
        body: { metadata: { name: 'robot' } },
      });
    }
    const all = await core.listServiceAccountForAllNamespaces();
    const robots = all.items
      .filter(i => i.metadata?.name === 'robot')
      .map(i => i.metadata?.namespace);
    expect(robots).toEqual(expect.arrayContaining([a, b]));
  });

  it('assigns a global, increasing resourceVersion and bumps generation only on spec changes', async () => {
    const { apps } = env().k;
    const ns = await namespace();
    const created = await apps.createNamespacedDeployment({
      namespace: ns,
      body: deploymentManifest(ns, 'web') as V1Deployment,
    });
    expect(created.metadata?.generation).toBe(1);

    const relabelled = await apps.replaceNamespacedDeployment({
      name: 'web',
      namespace: ns,
      body: {
        ...created,
        metadata: { ...created.metadata, labels: { app: 'web', extra: 'yes' } },
      },
    });
    expect(relabelled.metadata?.generation).toBe(1);
    expect(Number(relabelled.metadata?.resourceVersion)).toBeGreaterThan(
      Number(created.metadata?.resourceVersion),
    );

    const scaled = await apps.replaceNamespacedDeployment({
      name: 'web',
      namespace: ns,
      body: { ...relabelled, spec: { ...relabelled.spec!, replicas: 4 } },
    });
    expect(scaled.metadata?.generation).toBe(2);
    expect(scaled.metadata?.creationTimestamp).toEqual(
      created.metadata?.creationTimestamp,
    );
  });

  it('keeps the resourceVersion when a write changes nothing', async () => {
    const { core } = env().k;
    const ns = await namespace();
    const created = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'same' }, data: { a: '1' } },
    });
    const again = await core.replaceNamespacedConfigMap({
      name: 'same',
      namespace: ns,
      body: created,
    });
    expect(again.metadata?.resourceVersion).toBe(
      created.metadata?.resourceVersion,
    );
  });

  it('answers 409 AlreadyExists when creating an existing object', async () => {
    const { core } = env().k;
    const ns = await namespace();
    const body: V1ConfigMap = { metadata: { name: 'twice' } };
    await core.createNamespacedConfigMap({ namespace: ns, body });
    const status = await expectStatus(
      core.createNamespacedConfigMap({ namespace: ns, body }),
      409,
    );
    expect(status).toMatchObject({
      reason: 'AlreadyExists',
      message: 'configmaps "twice" already exists',
      details: { name: 'twice', kind: 'configmaps' },
    });
  });

  it('answers 404 NotFound with a Status naming the resource, for reads and deletes', async () => {
    const { apps } = env().k;
    const ns = await namespace();
    const read = await expectStatus(
      apps.readNamespacedDeployment({ name: 'ghost', namespace: ns }),
      404,
    );
    expect(read).toMatchObject({
      reason: 'NotFound',
      message: 'deployments.apps "ghost" not found',
      details: { name: 'ghost', group: 'apps', kind: 'deployments' },
    });
    const del = await expectStatus(
      apps.deleteNamespacedDeployment({ name: 'ghost', namespace: ns }),
      404,
    );
    expect(del.reason).toBe('NotFound');
  });

  it('refuses namespaced objects in a namespace that does not exist', async () => {
    const { core } = env().k;
    const status = await expectStatus(
      core.createNamespacedConfigMap({
        namespace: 'no-such-namespace',
        body: { metadata: { name: 'x' } },
      }),
      404,
    );
    expect(status).toMatchObject({
      reason: 'NotFound',
      message: 'namespaces "no-such-namespace" not found',
      details: { name: 'no-such-namespace', kind: 'namespaces' },
    });
  });

  it('validates names as RFC 1123 and answers 422 Invalid with causes', async () => {
    const { core } = env().k;
    const ns = await namespace();
    const status = await expectStatus(
      core.createNamespace({ body: { metadata: { name: 'Bad_Name' } } }),
      422,
    );
    expect(status.reason).toBe('Invalid');
    expect(status.message).toMatch(
      /^Namespace "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label/,
    );
    expect(status.details).toMatchObject({
      name: 'Bad_Name',
      kind: 'Namespace',
    });
    expect(status.details?.causes).toEqual([
      expect.objectContaining({
        reason: 'FieldValueInvalid',
        field: 'metadata.name',
      }),
    ]);

    const tooLong = 'a'.repeat(254);
    const long = await expectStatus(
      core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: tooLong } },
      }),
      422,
    );
    expect(long.details?.causes?.[0].message).toContain(
      'must be no more than 253 characters',
    );

    // Services need DNS-1035 labels: no leading digit.
    await expectStatus(
      core.createNamespacedService({
        namespace: ns,
        body: { metadata: { name: '1svc' }, spec: { ports: [{ port: 80 }] } },
      }),
      422,
    );
    await expectStatus(
      core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: 'ok', labels: { 'bad key!': 'v' } } },
      }),
      422,
    );
    const missing = await expectStatus(
      core.createNamespacedConfigMap({ namespace: ns, body: { metadata: {} } }),
      422,
    );
    expect(missing.details?.causes?.[0]).toMatchObject({
      reason: 'FieldValueRequired',
      field: 'metadata.name',
    });
  });

  it('validates workloads: containers need a name and image, selectors must match template labels', async () => {
    const { apps } = env().k;
    const ns = await namespace();
    const mismatched = deploymentManifest(ns, 'web') as V1Deployment;
    mismatched.spec!.selector = { matchLabels: { app: 'other' } };
    const status = await expectStatus(
      apps.createNamespacedDeployment({ namespace: ns, body: mismatched }),
      422,
    );
    expect(status.details?.causes).toEqual([
      expect.objectContaining({ field: 'spec.template.metadata.labels' }),
    ]);

    const noImage = deploymentManifest(ns, 'web') as V1Deployment;
    noImage.spec!.template.spec!.containers = [{ name: 'app' }];
    const image = await expectStatus(
      apps.createNamespacedDeployment({ namespace: ns, body: noImage }),
      422,
    );
    expect(image.details?.causes).toEqual([
      expect.objectContaining({
        reason: 'FieldValueRequired',
        field: 'spec.template.spec.containers[0].image',
      }),
    ]);
  });

  it('generates names from generateName', async () => {
    const { core } = env().k;
    const ns = await namespace();
    const created = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { generateName: 'run-' } },
    });
    expect(created.metadata?.name).toMatch(/^run-[a-z0-9]{5}$/);
  });

  it('answers 409 Conflict when a replace carries a stale resourceVersion', async () => {
    const { core } = env().k;
    const ns = await namespace();
    const first = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'cm' }, data: { v: '1' } },
    });
    await core.replaceNamespacedConfigMap({
      name: 'cm',
      namespace: ns,
      body: { ...first, data: { v: '2' } },
    });
    const status = await expectStatus(
      core.replaceNamespacedConfigMap({
        name: 'cm',
        namespace: ns,
        body: { ...first, data: { v: '3' } },
      }),
      409,
    );
    expect(status).toMatchObject({
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on configmaps "cm": the object has been modified; please apply your changes to the latest version and try again',
    });
    expect(
      (await core.readNamespacedConfigMap({ name: 'cm', namespace: ns })).data,
    ).toEqual({ v: '2' });
  });

  it('refuses a body whose name or namespace differs from the URL', async () => {
    const { core } = env().k;
    const ns = await namespace();
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'cm' } },
    });
    const renamed = await expectStatus(
      core.replaceNamespacedConfigMap({
        name: 'cm',
        namespace: ns,
        body: { metadata: { name: 'other' } },
      }),
      400,
    );
    expect(renamed.reason).toBe('BadRequest');
    const moved = await expectStatus(
      core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: 'x', namespace: 'default' } },
      }),
      400,
    );
    expect(moved.message).toContain('does not match the namespace');
  });

  it('writes nothing for dryRun=All, but validates and answers as if it had', async () => {
    const { core } = env().k;
    const ns = await namespace();
    const dry = await core.createNamespacedConfigMap({
      namespace: ns,
      dryRun: 'All',
      body: { metadata: { name: 'dry' }, data: { a: '1' } },
    });
    expect(dry.metadata?.uid).toBeDefined();
    await expectStatus(
      core.readNamespacedConfigMap({ name: 'dry', namespace: ns }),
      404,
    );
    await expectStatus(
      core.createNamespacedConfigMap({
        namespace: ns,
        dryRun: 'All',
        body: { metadata: { name: 'Bad' } },
      }),
      422,
    );

    const real = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'real' }, data: { a: '1' } },
    });
    const dryUpdate = await core.replaceNamespacedConfigMap({
      name: 'real',
      namespace: ns,
      dryRun: 'All',
      body: { ...real, data: { a: '2' } },
    });
    expect(dryUpdate.data).toEqual({ a: '2' });
    expect(
      (await core.readNamespacedConfigMap({ name: 'real', namespace: ns }))
        .data,
    ).toEqual({ a: '1' });

    await core.deleteNamespacedConfigMap({
      name: 'real',
      namespace: ns,
      dryRun: 'All',
    });
    expect(
      (await core.readNamespacedConfigMap({ name: 'real', namespace: ns }))
        .metadata?.name,
    ).toBe('real');
  });

  it('removes the objects of a namespace when the namespace is deleted', async () => {
    const { core, apps } = env().k;
    const ns = await namespace();
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'cm' } },
    });
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: deploymentManifest(ns, 'web') as V1Deployment,
    });
    // The API answers a namespace deletion with the namespace, now terminating (typed as a Status here).
    const deleted = (await core.deleteNamespace({
      name: ns,
    })) as unknown as V1Namespace;
    expect(deleted.status?.phase).toBe('Terminating');
    expect(env().sim.listObjects('v1', 'ConfigMap', ns)).toEqual([]);
    expect(env().sim.listObjects('apps/v1', 'Deployment', ns)).toEqual([]);
    await expectStatus(core.readNamespace({ name: ns }), 404);
  });

  it('has the built-in namespaces and refuses to delete default and kube-system', async () => {
    const { core } = env().k;
    const names = (await core.listNamespace()).items.map(n => n.metadata?.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'default',
        'kube-system',
        'kube-public',
        'kube-node-lease',
      ]),
    );
    const status = await expectStatus(
      core.deleteNamespace({ name: 'kube-system' }),
      403,
    );
    expect(status.message).toBe(
      'namespaces "kube-system" is forbidden: this namespace may not be deleted',
    );
    const ns = (await core.readNamespace({ name: 'default' })).metadata;
    expect(ns?.labels?.['kubernetes.io/metadata.name']).toBe('default');
  });

  it('keeps status out of main-resource writes and changes it through the status subresource', async () => {
    const { apps } = env().k;
    const ns = await namespace();
    const body = {
      ...deploymentManifest(ns, 'web'),
      status: { replicas: 9 },
    } as V1Deployment;
    const created = await apps.createNamespacedDeployment({
      namespace: ns,
      body,
    });
    expect(created.status?.replicas).toBeUndefined();
    const withStatus = await apps.replaceNamespacedDeploymentStatus({
      name: 'web',
      namespace: ns,
      body: {
        ...created,
        spec: { ...created.spec!, replicas: 7 },
        status: { replicas: 1, readyReplicas: 1 },
      },
    });
    expect(withStatus.status).toEqual(
      expect.objectContaining({ replicas: 1, readyReplicas: 1 }),
    );
    expect(withStatus.spec?.replicas).toBe(1);
    const replaced = await apps.replaceNamespacedDeployment({
      name: 'web',
      namespace: ns,
      body: { ...withStatus, status: { replicas: 5 } },
    });
    expect(replaced.status?.replicas).toBe(1);
  });

  it('stores Secret stringData as base64 data and defaults the type', async () => {
    const { core } = env().k;
    const ns = await namespace();
    const created = await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 's' }, stringData: { password: 'hunter2' } },
    });
    expect(created.data).toEqual({
      password: Buffer.from('hunter2').toString('base64'),
    });
    expect(created.stringData).toBeUndefined();
    expect(created.type).toBe('Opaque');
  });

  it('deletes a collection selected by labels', async () => {
    const { core } = env().k;
    const ns = await namespace();
    for (const [name, tier] of [
      ['a', 'web'],
      ['b', 'web'],
      ['c', 'db'],
    ]) {
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name, labels: { tier } } },
      });
    }
    await core.deleteCollectionNamespacedConfigMap({
      namespace: ns,
      labelSelector: 'tier=web',
    });
    const left = await core.listNamespacedConfigMap({ namespace: ns });
    expect(left.items.map(i => i.metadata?.name)).toEqual(['c']);
  });

  it('gives direct store access without HTTP through listObjects', async () => {
    const { core } = env().k;
    const ns = await namespace();
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'cm' }, data: { a: '1' } },
    });
    env().sim.resetRequestLog();
    const objects = env().sim.listObjects('v1', 'ConfigMap', ns) as Array<{
      apiVersion: string;
      kind: string;
      data: unknown;
    }>;
    expect(objects).toEqual([
      expect.objectContaining({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        data: { a: '1' },
      }),
    ]);
    expect(env().sim.requests.total).toBe(0);
    expect(() => env().sim.listObjects('v1', 'Gadget')).toThrow(
      'v1 Gadget is not a type the simulator serves',
    );
  });
});
