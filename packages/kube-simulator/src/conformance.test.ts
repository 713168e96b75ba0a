/*
 * Conformance cases: the Kubernetes API behaviour the guardrails suite relies on. They always run against
 * the simulator, and also against a real cluster when KUBECONFIG is set, so the simulator's fidelity can be
 * checked: KUBECONFIG=~/.kube/config npx backstage-cli package test src/conformance.test.ts
 * Each run works in a throwaway namespace, deleted at the end.
 */
import {
  KubernetesObject,
  PatchStrategy,
  setHeaderOptions,
  V1ConfigMap,
  V1Deployment,
} from '@kubernetes/client-node';
import {
  conformanceNamespace,
  describeConformance,
  kubeconfig,
} from './__testUtils__/conformance';
import {
  Clients,
  deploymentManifest,
  expectStatus,
  patchAs,
} from './__testUtils__/kube';

function conformanceCases(target: () => Clients) {
  const ns = conformanceNamespace('kube-sim-conformance');
  let k: Clients;

  beforeAll(async () => {
    k = target();
    const created = await k.core.createNamespace({
      body: { metadata: { name: ns, labels: { purpose: 'conformance' } } },
    });
    expect(created.metadata?.uid).toBeDefined();
  });
  afterAll(async () => {
    await k?.core.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  const apply = <T extends KubernetesObject>(
    spec: T,
    manager: string,
    force?: boolean,
  ) =>
    k.objects.patch(
      spec,
      undefined,
      undefined,
      manager,
      force,
      PatchStrategy.ServerSideApply,
    );
  const cm = (name: string, data: Record<string, string>): V1ConfigMap => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns },
    data,
  });

  it('sets server fields on create and labels namespaces with their name', async () => {
    const read = await k.core.readNamespace({ name: ns });
    expect(read.metadata?.labels).toMatchObject({
      'kubernetes.io/metadata.name': ns,
      purpose: 'conformance',
    });
    expect(read.status?.phase).toBe('Active');
    const created = await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'fields' }, data: { a: '1' } },
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
  });

  it('answers 409 AlreadyExists for a second create', async () => {
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'twice' } },
    });
    const status = await expectStatus(
      k.core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: 'twice' } },
      }),
      409,
    );
    expect(status).toMatchObject({
      reason: 'AlreadyExists',
      message: 'configmaps "twice" already exists',
      details: { name: 'twice', kind: 'configmaps' },
    });
  });

  it('answers 404 NotFound for missing objects and missing namespaces', async () => {
    const missing = await expectStatus(
      k.apps.readNamespacedDeployment({ name: 'absent', namespace: ns }),
      404,
    );
    expect(missing).toMatchObject({
      reason: 'NotFound',
      message: 'deployments.apps "absent" not found',
      details: { name: 'absent', group: 'apps', kind: 'deployments' },
    });
    await expectStatus(
      k.core.deleteNamespacedConfigMap({ name: 'absent', namespace: ns }),
      404,
    );
    const nsMissing = await expectStatus(
      k.core.createNamespacedConfigMap({
        namespace: `${ns}-absent`,
        body: { metadata: { name: 'x' } },
      }),
      404,
    );
    expect(nsMissing).toMatchObject({
      reason: 'NotFound',
      message: `namespaces "${ns}-absent" not found`,
    });
  });

  it('answers 422 Invalid for names that are not RFC 1123', async () => {
    const status = await expectStatus(
      k.core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: 'Not_Valid' } },
      }),
      422,
    );
    expect(status.reason).toBe('Invalid');
    expect(status.message).toMatch(
      /^ConfigMap "Not_Valid" is invalid: metadata\.name: Invalid value: "Not_Valid": a lowercase RFC 1123 subdomain/,
    );
    expect(status.details?.causes?.[0]).toMatchObject({
      reason: 'FieldValueInvalid',
      field: 'metadata.name',
    });
  });

  it('answers 415 UnsupportedMediaType for a request body in a format it does not decode', async () => {
    const status = await expectStatus(
      k.core.createNamespacedConfigMap(
        { namespace: ns, body: { metadata: { name: 'plain-text' } } },
        setHeaderOptions('Content-Type', 'text/plain'),
      ),
      415,
    );
    expect(status.reason).toBe('UnsupportedMediaType');
    expect(status.message).toMatch(
      /^the body of the request was in an unknown format - accepted media types include: application\/json, application\/yaml/,
    );
    await expectStatus(
      k.core.readNamespacedConfigMap({ name: 'plain-text', namespace: ns }),
      404,
    );
  });

  it('answers 409 Conflict for an update with a stale resourceVersion', async () => {
    const first = await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'stale' }, data: { v: '1' } },
    });
    await k.core.replaceNamespacedConfigMap({
      name: 'stale',
      namespace: ns,
      body: { ...first, data: { v: '2' } },
    });
    const status = await expectStatus(
      k.core.replaceNamespacedConfigMap({
        name: 'stale',
        namespace: ns,
        body: { ...first, data: { v: '3' } },
      }),
      409,
    );
    expect(status.reason).toBe('Conflict');
    expect(status.message).toContain('the object has been modified');
  });

  it('bumps generation on spec changes only', async () => {
    const created = await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: deploymentManifest(ns, 'gen', 0) as V1Deployment,
    });
    expect(created.metadata?.generation).toBe(1);
    const labelled = await k.apps.patchNamespacedDeployment(
      {
        name: 'gen',
        namespace: ns,
        body: { metadata: { labels: { extra: 'x' } } },
      },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(labelled.metadata?.generation).toBe(1);
    const scaled = await k.apps.patchNamespacedDeployment(
      {
        name: 'gen',
        namespace: ns,
        body: { spec: { replicas: 0, minReadySeconds: 5 } },
      },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(scaled.metadata?.generation).toBe(2);
  });

  describe('selection and paging', () => {
    beforeAll(async () => {
      const labelled: Array<[string, Record<string, string>]> = [
        ['sel-a', { suite: 'conformance', tier: 'web', env: 'prod' }],
        ['sel-b', { suite: 'conformance', tier: 'db', env: 'prod' }],
        [
          'sel-c',
          { suite: 'conformance', tier: 'web', env: 'dev', canary: 'true' },
        ],
      ];
      for (const [name, labels] of labelled) {
        await k.core.createNamespacedConfigMap({
          namespace: ns,
          body: { metadata: { name, labels } },
        });
      }
      for (let i = 0; i < 5; i++) {
        await k.core.createNamespacedSecret({
          namespace: ns,
          body: {
            metadata: { name: `page-${i}` },
            stringData: { i: String(i) },
          },
        });
      }
    });

    it.each([
      ['suite=conformance,tier=web', ['sel-a', 'sel-c']],
      ['suite=conformance,tier!=web', ['sel-b']],
      ['suite=conformance,env in (dev)', ['sel-c']],
      ['suite=conformance,env notin (dev)', ['sel-a', 'sel-b']],
      ['suite=conformance,canary', ['sel-c']],
      ['suite=conformance,!canary', ['sel-a', 'sel-b']],
    ])('selects labels with %s', async (labelSelector, expected) => {
      const list = await k.core.listNamespacedConfigMap({
        namespace: ns,
        labelSelector,
      });
      expect(list.items.map(i => i.metadata?.name)).toEqual(expected);
    });

    it('selects by metadata.name', async () => {
      const list = await k.core.listNamespacedConfigMap({
        namespace: ns,
        fieldSelector: 'metadata.name=sel-b',
      });
      expect(list.items.map(i => i.metadata?.name)).toEqual(['sel-b']);
    });

    it('pages with limit and continue', async () => {
      const first = await k.core.listNamespacedSecret({
        namespace: ns,
        limit: 2,
      });
      expect(first.items.map(i => i.metadata?.name)).toEqual([
        'page-0',
        'page-1',
      ]);
      expect(first.metadata?.remainingItemCount).toBe(3);
      const second = await k.core.listNamespacedSecret({
        namespace: ns,
        limit: 2,
        _continue: first.metadata?._continue,
      });
      expect(second.items.map(i => i.metadata?.name)).toEqual([
        'page-2',
        'page-3',
      ]);
      const third = await k.core.listNamespacedSecret({
        namespace: ns,
        limit: 2,
        _continue: second.metadata?._continue,
      });
      expect(third.items.map(i => i.metadata?.name)).toEqual(['page-4']);
      expect(third.metadata?._continue).toBeFalsy();
    });
  });

  it('applies merge and JSON patches', async () => {
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'patched' }, data: { a: '1', b: '2' } },
    });
    const merged = await k.core.patchNamespacedConfigMap(
      { name: 'patched', namespace: ns, body: { data: { a: null, c: '3' } } },
      patchAs(PatchStrategy.MergePatch),
    );
    expect(merged.data).toEqual({ b: '2', c: '3' });
    const json = await k.core.patchNamespacedConfigMap({
      name: 'patched',
      namespace: ns,
      body: [{ op: 'replace', path: '/data/b', value: '20' }],
    });
    expect(json.data).toEqual({ b: '20', c: '3' });
  });

  it('server-side applies with field managers, conflicts and force', async () => {
    const created = await k.core.patchNamespacedConfigMapWithHttpInfo(
      {
        name: 'ssa',
        namespace: ns,
        fieldManager: 'team-a',
        body: cm('ssa', { x: '1' }),
      },
      patchAs(PatchStrategy.ServerSideApply),
    );
    expect(created.httpStatusCode).toBe(201);
    expect(created.data.metadata?.managedFields).toEqual([
      expect.objectContaining({
        manager: 'team-a',
        operation: 'Apply',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:x': {} } },
      }),
    ]);
    const conflict = await expectStatus(
      apply(cm('ssa', { x: '2' }), 'team-b'),
      409,
    );
    expect(conflict).toMatchObject({
      reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "team-a": .data.x',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "team-a"',
            field: '.data.x',
          },
        ],
      },
    });
    const forced = await apply(cm('ssa', { x: '2' }), 'team-b', true);
    expect((forced as { data?: Record<string, string> }).data).toEqual({
      x: '2',
    });
    expect(forced.metadata?.managedFields?.map(m => m.manager)).toEqual([
      'team-b',
    ]);
    const dropped = await apply(cm('ssa', {}), 'team-b');
    expect((dropped as { data?: Record<string, string> }).data ?? {}).toEqual(
      {},
    );
  });

  it('writes nothing for dryRun=All', async () => {
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      dryRun: 'All',
      body: { metadata: { name: 'dry' } },
    });
    await expectStatus(
      k.core.readNamespacedConfigMap({ name: 'dry', namespace: ns }),
      404,
    );
  });

  it('deletes', async () => {
    await k.core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'doomed' } },
    });
    await k.core.deleteNamespacedConfigMap({ name: 'doomed', namespace: ns });
    await expectStatus(
      k.core.readNamespacedConfigMap({ name: 'doomed', namespace: ns }),
      404,
    );
  });
}

if (!kubeconfig) {
  // eslint-disable-next-line no-console
  console.warn(
    'conformance: KUBECONFIG is not set, so the cases run against kube-simulator only (set KUBECONFIG to also run them against a real cluster)',
  );
}

describeConformance('conformance', conformanceCases);
