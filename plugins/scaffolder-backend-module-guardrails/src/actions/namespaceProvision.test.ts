import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ada,
  actionContext,
  componentEntity,
  grace,
  guest,
  outputsOf,
  ownerPolicyPermissions,
  recordingAuditor,
} from '../__testUtils__/actionHarness';
import {
  clusterSnapshot,
  SimulatedEnvironments,
  startSimulatedEnvironments,
  writes,
} from '../__testUtils__/simulatedEnvironments';
import { createNamespaceProvisionAction } from './namespaceProvision';

const request = {
  owner: 'group:default/payments',
  component: 'component:default/payments-api',
  namespace: 'payments-api-prod',
  environment: 'prod',
  size: 'small',
  costCenter: 'cc-1234',
};

const BASELINE_PROD = [
  'Namespace/payments-api-prod',
  'ResourceQuota/guardrails-quota',
  'LimitRange/guardrails-limits',
  'NetworkPolicy/default-deny',
  'NetworkPolicy/allow-same-namespace',
  'NetworkPolicy/allow-dns',
  'RoleBinding/owner',
  'ServiceAccount/deploy',
  'RoleBinding/deploy',
];

function kindsAndNames(objects: Array<{ kind: string; name: string }>) {
  return objects.map(o => `${o.kind}/${o.name}`);
}

describe('guardrails:namespace:provision', () => {
  let env: SimulatedEnvironments;
  let auditor: ReturnType<typeof recordingAuditor>;

  const setup = async (
    options: Parameters<typeof startSimulatedEnvironments>[0] = {},
  ) => {
    env = await startSimulatedEnvironments(options);
    auditor = recordingAuditor();
    return createNamespaceProvisionAction({
      clusters: env.clusters,
      discovery: env.discovery,
      auth: env.auth,
      permissions: ownerPolicyPermissions(),
      auditor,
    });
  };

  afterEach(async () => {
    await env?.close();
  });

  it('creates the namespace and its objects with the labels of the environment', async () => {
    const action = await setup();
    const ctx = actionContext(request);
    await action.handler(ctx);

    const output = outputsOf(ctx);
    expect(output.namespace).toBe('payments-api-prod');
    expect(output.environment).toBe('prod');
    expect(output.cluster).toBe('prod');
    expect(output.dryRun).toBe(false);
    expect(kindsAndNames(output.objects)).toEqual(BASELINE_PROD);
    expect(output.objects.every((o: any) => o.outcome === 'created')).toBe(
      true,
    );
    expect(output.objects[1]).toEqual({
      cluster: 'prod',
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      name: 'guardrails-quota',
      namespace: 'payments-api-prod',
      outcome: 'created',
    });

    const prod = env.simulators.prod;
    const [namespace] = prod
      .listObjects('v1', 'Namespace')
      .filter((n: any) => n.metadata.name === 'payments-api-prod') as any[];
    expect(namespace.metadata.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'backstage-guardrails',
      'guardrails.dev/environment': 'prod',
      'guardrails.dev/owner': 'group.default.payments',
      'guardrails.dev/component': 'payments-api',
      'guardrails.dev/cost-center': 'cc-1234',
      'backstage.io/kubernetes-id': 'payments-api',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    expect(namespace.metadata.annotations).toMatchObject({
      'guardrails.dev/entity-ref': 'component:default/payments-api',
    });
    const [quota] = prod.listObjects(
      'v1',
      'ResourceQuota',
      'payments-api-prod',
    ) as any[];
    expect(quota.spec.hard).toEqual({
      'requests.cpu': '1',
      'requests.memory': '1Gi',
      'limits.cpu': '2',
      'limits.memory': '2Gi',
      pods: '10',
    });
    const bindings = prod.listObjects(
      'rbac.authorization.k8s.io/v1',
      'RoleBinding',
      'payments-api-prod',
    ) as any[];
    const owner = bindings.find(b => b.metadata.name === 'owner');
    expect(owner.roleRef.name).toBe('view');
    expect(owner.subjects).toEqual([
      {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Group',
        name: 'payments',
      },
    ]);
    // Nothing lands on the other environments' clusters.
    expect(writes(env.simulators.dev.requests.log)).toEqual([]);

    expect(output.entity).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'payments-api-prod',
        namespace: 'default',
        title: 'payments-api-prod (prod)',
        description: expect.stringContaining('component:default/payments-api'),
        annotations: {
          'backstage.io/kubernetes-namespace': 'payments-api-prod',
          'backstage.io/kubernetes-id': 'payments-api',
          'guardrails.dev/environment': 'prod',
          'guardrails.dev/clusters': 'prod',
          'guardrails.dev/entity-ref': 'component:default/payments-api',
        },
        tags: ['kubernetes', 'guardrails'],
      },
      spec: {
        type: 'kubernetes-namespace',
        owner: 'group:default/payments',
        dependencyOf: ['component:default/payments-api'],
      },
    });
  });

  it('creates the Namespace before anything in it, then applies the rest together', async () => {
    const action = await setup();
    await action.handler(actionContext(request));
    const written = writes(env.simulators.prod.requests.log);
    expect(written[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/namespaces',
      status: 201,
    });
    // Eight applies inside the namespace, and the Namespace's fields handed to the apply manager.
    expect(written.slice(1).map(r => r.method)).toEqual(Array(9).fill('PATCH'));
    const [namespace] = env.simulators.prod
      .listObjects('v1', 'Namespace')
      .filter((n: any) => n.metadata.name === 'payments-api-prod') as any[];
    const ownedBy = (operation: string) =>
      JSON.stringify(
        namespace.metadata.managedFields.find(
          (e: any) =>
            e.manager === 'backstage-guardrails' && e.operation === operation,
        )?.fieldsV1 ?? {},
      );
    expect(ownedBy('Apply')).toContain('f:guardrails.dev/entity-ref');
    expect(ownedBy('Apply')).toContain('f:pod-security.kubernetes.io/enforce');
    // What the create left with its own entry is only what the server filled in.
    expect(ownedBy('Update')).not.toContain('guardrails.dev');
    expect(ownedBy('Update')).not.toContain('pod-security');
  });

  it('can change and drop labels of a namespace it created on a later run', async () => {
    const action = await setup();
    await action.handler(
      actionContext({ ...request, labels: { 'example.com/tier': 'gold' } }),
    );
    const rerun = actionContext({ ...request, costCenter: 'cc-9999' });
    await action.handler(rerun);
    expect(
      outputsOf(rerun).objects.find((o: any) => o.kind === 'Namespace').outcome,
    ).toBe('updated');
    const [namespace] = env.simulators.prod
      .listObjects('v1', 'Namespace')
      .filter((n: any) => n.metadata.name === 'payments-api-prod') as any[];
    expect(namespace.metadata.labels).not.toHaveProperty('example.com/tier');
    expect(namespace.metadata.labels['guardrails.dev/cost-center']).toBe(
      'cc-9999',
    );
  });

  it('reports every object unchanged on a rerun', async () => {
    const action = await setup();
    await action.handler(actionContext(request));
    const rerun = actionContext(request);
    await action.handler(rerun);
    const { objects } = outputsOf(rerun);
    expect(kindsAndNames(objects)).toEqual(BASELINE_PROD);
    expect(objects.map((o: any) => o.outcome)).toEqual(
      BASELINE_PROD.map(() => 'unchanged'),
    );
  });

  it('plans a first provisioning without writing anything', async () => {
    const action = await setup();
    const ctx = actionContext(request, { dryRun: true });
    await action.handler(ctx);

    const output = outputsOf(ctx);
    expect(output.dryRun).toBe(true);
    expect(kindsAndNames(output.objects)).toEqual(BASELINE_PROD);
    expect(output.objects.every((o: any) => o.outcome === 'would-create')).toBe(
      true,
    );
    expect(env.requests().length).toBeGreaterThan(0);
    expect(writes(env.requests())).toEqual([]);
    expect(
      env.simulators.prod
        .listObjects('v1', 'Namespace')
        .map((n: any) => n.metadata.name),
    ).not.toContain('payments-api-prod');
    expect(auditor.events[0].options.meta).toMatchObject({ dryRun: true });
    expect(auditor.events[0].options.severityLevel).toBe('low');
  });

  it('plans a change of size as changes to the size annotation, quota and limits only', async () => {
    const action = await setup();
    await action.handler(actionContext(request));
    env.resetRequests();

    const ctx = actionContext({ ...request, size: 'medium' }, { dryRun: true });
    await action.handler(ctx);
    const outcomes = Object.fromEntries(
      outputsOf(ctx).objects.map((o: any) => [
        `${o.kind}/${o.name}`,
        o.outcome,
      ]),
    );
    expect(outcomes).toEqual({
      'Namespace/payments-api-prod': 'would-change',
      'ResourceQuota/guardrails-quota': 'would-change',
      'LimitRange/guardrails-limits': 'would-change',
      'NetworkPolicy/default-deny': 'unchanged',
      'NetworkPolicy/allow-same-namespace': 'unchanged',
      'NetworkPolicy/allow-dns': 'unchanged',
      'RoleBinding/owner': 'unchanged',
      'ServiceAccount/deploy': 'unchanged',
      'RoleBinding/deploy': 'unchanged',
    });
    expect(writes(env.requests())).toEqual([]);
  });

  it('refuses a namespace not provisioned by Guardrails and writes nothing', async () => {
    const action = await setup({
      seed: {
        prod: [
          {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: {
              name: 'payments-api-prod',
              labels: { team: 'payments' },
            },
          },
        ],
      },
    });
    const ctx = actionContext(request);
    await expect(action.handler(ctx)).rejects.toThrow(
      /Namespace 'payments-api-prod' already exists in cluster 'prod' and was not provisioned by Guardrails \(label app.kubernetes.io\/managed-by is not set\)/,
    );
    expect(writes(env.requests())).toEqual([]);
    const [namespace] = env.simulators.prod
      .listObjects('v1', 'Namespace')
      .filter((n: any) => n.metadata.name === 'payments-api-prod') as any[];
    expect(namespace.metadata.labels).toEqual({
      'kubernetes.io/metadata.name': 'payments-api-prod',
      team: 'payments',
    });
    expect(auditor.events).toHaveLength(1);
    expect(auditor.events[0].status).toBe('failed');
  });

  it("refuses another component's namespace, naming it, and writes nothing", async () => {
    const action = await setup();
    await action.handler(
      actionContext({ ...request, component: 'component:default/checkout' }),
    );
    env.resetRequests();

    await expect(action.handler(actionContext(request))).rejects.toThrow(
      "belongs to 'component:default/checkout' (annotation guardrails.dev/entity-ref), not 'component:default/payments-api'",
    );
    expect(writes(env.requests())).toEqual([]);
  });

  it.each([
    [
      { namespace: 'Payments_API' },
      /namespace 'Payments_API' is not a valid name/,
    ],
    [{ namespace: 'kube-system' }, /belongs to the cluster itself/],
    [
      { environment: 'qa' },
      /environment 'qa' is not configured; configured environments: dev, staging, prod/,
    ],
    [
      { size: 'huge' },
      /size 'huge' is not configured for environment 'prod'; sizes: small, medium/,
    ],
    [
      { owner: 'component:default/payments' },
      /owner 'component:default\/payments' must be a group or user entity ref/,
    ],
    [
      { component: 'payments api' },
      /component 'component:default\/payments api' is not an entity ref/,
    ],
    [
      { costCenter: 'cost centre' },
      /cost centre 'cost centre' must be a label value/,
    ],
    [
      { extraLabels: { 'guardrails.dev/environment': 'dev' } },
      /extra label 'guardrails.dev\/environment' uses a prefix Guardrails sets itself/,
    ],
    [
      { extraLabels: { 'bad key!': 'x' } },
      /extra label key 'bad key!' is not a valid label key/,
    ],
    [
      { extraLabels: { [`example.com/${'k'.repeat(64)}`]: 'x' } },
      /extra label key 'example\.com\/k{64}' is not a valid label key/,
    ],
    [
      { extraLabels: { 'Example.com/tier': 'x' } },
      /extra label key 'Example\.com\/tier' is not a valid label key/,
    ],
    [
      { extraLabels: { '-tier': 'x' } },
      /extra label key '-tier' is not a valid label key/,
    ],
    [{ namespace: 'p'.repeat(64) }, /namespace 'p{64}' is not a valid name/],
  ])('rejects %j before any request', async (change, message) => {
    const permissions = ownerPolicyPermissions();
    env = await startSimulatedEnvironments();
    const action = createNamespaceProvisionAction({
      clusters: env.clusters,
      discovery: env.discovery,
      auth: env.auth,
      permissions,
      auditor: recordingAuditor(),
    });
    const ctx = actionContext({ ...request, ...change });
    await expect(action.handler(ctx)).rejects.toThrow(message);
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
    });
    expect(env.requests()).toEqual([]);
    expect(permissions.authorizeConditional).not.toHaveBeenCalled();
  });

  it('reads an owner without kind as a group and refs without namespace as default, like the catalog', async () => {
    const action = await setup();
    const ctx = actionContext({
      ...request,
      owner: 'payments',
      component: 'payments-api',
    });
    await action.handler(ctx);
    expect(outputsOf(ctx).entity.spec).toEqual({
      type: 'kubernetes-namespace',
      owner: 'group:default/payments',
      dependencyOf: ['component:default/payments-api'],
    });
  });

  it('uses the first configured size when none is given', async () => {
    const action = await setup();
    const { size: _size, ...withoutSize } = request;
    await action.handler(actionContext(withoutSize));
    const [quota] = env.simulators.prod.listObjects(
      'v1',
      'ResourceQuota',
      'payments-api-prod',
    ) as any[];
    expect(quota.spec.hard.pods).toBe('10');
    expect(auditor.events[0].options.meta).toMatchObject({
      what: { size: 'small' },
    });
  });

  it('retries server errors and completes', async () => {
    const action = await setup({
      faults: {
        statusCodes: [
          { status: 502, count: 2, method: 'PATCH' },
          { status: 500, count: 1, method: 'GET' },
        ],
      },
    });
    const ctx = actionContext(request);
    await action.handler(ctx);
    expect(
      outputsOf(ctx).objects.every((o: any) => o.outcome === 'created'),
    ).toBe(true);
    expect(
      env.simulators.prod.requests.log.filter(r => r.status >= 500),
    ).toHaveLength(3);
    expect(env.clientWarnings.join('\n')).toMatch(
      /502 InternalError; retrying/,
    );
  });

  it('retries requests that time out and completes', async () => {
    const action = await setup({ timeoutMs: 100, faults: { latencyMs: 400 } });
    // The cluster is slow until the first retry, like a short API server hiccup.
    env.onRetry(() =>
      Object.values(env.simulators).forEach(s => s.setFaults(undefined)),
    );
    const ctx = actionContext(request);
    await action.handler(ctx);
    expect(kindsAndNames(outputsOf(ctx).objects)).toEqual(BASELINE_PROD);
    expect(env.clientWarnings[0]).toMatch(/Timeout; retrying/);
  });

  it('names cluster, object and status when the cluster keeps failing', async () => {
    const action = await setup({
      maxAttempts: 2,
      faults: {
        statusCodes: [
          { status: 500, method: 'PATCH', pathIncludes: '/limitranges/' },
        ],
      },
    });
    await expect(action.handler(actionContext(request))).rejects.toThrow(
      /Namespace 'payments-api-prod' on cluster 'prod': 8 of 9 objects applied; 1 failed:\n {2}- Cluster 'prod': apply LimitRange payments-api-prod\/guardrails-limits failed: 500 InternalError/,
    );
  });

  it('reports a field conflict clearly, keeps the rest, and completes on a rerun', async () => {
    const action = await setup({
      faults: {
        statusCodes: [
          { status: 409, method: 'PATCH', pathIncludes: '/resourcequotas/' },
        ],
      },
    });
    const error = await action.handler(actionContext(request)).catch(e => e);
    expect(error.message).toMatch(
      /Cluster 'prod': apply ResourceQuota payments-api-prod\/guardrails-quota failed: 409 Conflict/,
    );
    expect(error.message).toMatch(
      /another field manager owns a field Guardrails sets/,
    );
    expect(auditor.events[0].status).toBe('failed');
    expect((auditor.events[0].meta as any).objects).toHaveLength(8);
    expect(
      env.simulators.prod.listObjects(
        'v1',
        'ResourceQuota',
        'payments-api-prod',
      ),
    ).toEqual([]);

    env.simulators.prod.setFaults(undefined);
    const rerun = actionContext(request);
    await action.handler(rerun);
    const outcomes = outputsOf(rerun).objects.map(
      (o: any) => `${o.kind}/${o.name}:${o.outcome}`,
    );
    expect(outcomes).toContain('ResourceQuota/guardrails-quota:created');
    expect(outcomes).toContain('LimitRange/guardrails-limits:unchanged');
  });

  it('denies prod to someone outside the owning group before any request', async () => {
    const action = await setup();
    const ctx = actionContext(request, { credentials: grace });
    await expect(action.handler(ctx)).rejects.toThrow(
      "user:default/grace may not provision namespaces for group:default/payments in environment 'prod'",
    );
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(env.requests()).toEqual([]);
    expect(auditor.events[0]).toMatchObject({
      status: 'failed',
      options: {
        meta: { who: 'user:default/grace', where: { environment: 'prod' } },
      },
    });
  });

  it('lets anyone provision in dev and members of the owner in prod', async () => {
    const action = await setup();
    await action.handler(
      actionContext(
        { ...request, environment: 'dev', namespace: 'payments-api-dev' },
        { credentials: grace },
      ),
    );
    await action.handler(actionContext(request, { credentials: ada }));
    expect(auditor.events.map(e => e.status)).toEqual([
      'succeeded',
      'succeeded',
    ]);
  });

  it('denies when the policy denies outright', async () => {
    env = await startSimulatedEnvironments();
    const action = createNamespaceProvisionAction({
      clusters: env.clusters,
      discovery: env.discovery,
      auth: env.auth,
      permissions: mockServices.permissions.mock({
        authorizeConditional: async () => [{ result: AuthorizeResult.DENY }],
      }),
      auditor: recordingAuditor(),
    });
    await expect(
      action.handler(
        actionContext({ ...request, environment: 'dev', namespace: 'x-dev' }),
      ),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(env.requests()).toEqual([]);
  });

  it('records who provisioned what where, and the outcome of every object', async () => {
    const action = await setup();
    await action.handler(actionContext(request));
    expect(auditor.events).toHaveLength(1);
    const [event] = auditor.events;
    expect(event.options).toEqual({
      eventId: 'namespace-provision',
      severityLevel: 'medium',
      meta: {
        who: 'user:default/ada',
        what: {
          namespace: 'payments-api-prod',
          owner: 'group:default/payments',
          component: 'component:default/payments-api',
          size: 'small',
          costCenter: 'cc-1234',
        },
        where: { environment: 'prod', clusters: ['prod'] },
        dryRun: false,
        taskId: 'mock-task-id',
      },
    });
    expect(event.status).toBe('succeeded');
    expect((event.meta as any).objects[0]).toEqual({
      cluster: 'prod',
      kind: 'Namespace',
      name: 'payments-api-prod',
      outcome: 'created',
    });
  });

  it('applies each cluster inside a checkpoint, so a recovered task does not apply again', async () => {
    const action = await setup();
    const keys: string[] = [];
    const stored: Record<string, unknown> = {};
    const checkpoint = async ({
      key,
      fn,
    }: {
      key: string;
      fn: () => unknown;
    }) => {
      keys.push(key);
      if (!(key in stored)) {
        stored[key] = await fn();
      }
      return stored[key];
    };
    await action.handler(actionContext(request, { checkpoint }));
    expect(keys).toEqual([
      'guardrails.namespace.provision.prod.prod.payments-api-prod',
    ]);
    env.resetRequests();

    const recovered = actionContext(request, { checkpoint });
    await action.handler(recovered);
    expect(writes(env.requests())).toEqual([]);
    expect(
      outputsOf(recovered).objects.every((o: any) => o.outcome === 'created'),
    ).toBe(true);
  });

  describe('whose namespace it is', () => {
    const takeover = { ...request, owner: 'group:default/platform' };

    it("refuses an owner other than the catalog's and changes nothing on the cluster", async () => {
      const action = await setup({
        catalogEntities: [componentEntity('payments-api', 'payments')],
      });
      await action.handler(actionContext(request, { credentials: ada }));
      const before = clusterSnapshot(env.simulators.prod);
      env.resetRequests();
      auditor.events.length = 0;

      for (const dryRun of [false, true]) {
        const ctx = actionContext(takeover, { credentials: guest, dryRun });
        const refusal = action.handler(ctx);
        await expect(refusal).rejects.toThrow(
          'component:default/payments-api is owned by group:default/payments in the catalog, not group:default/platform',
        );
        await expect(refusal).rejects.toMatchObject({
          name: 'NotAllowedError',
        });
      }
      expect(clusterSnapshot(env.simulators.prod)).toBe(before);
      expect(env.requests()).toEqual([]);
      expect(
        auditor.events.map(e => [(e.options.meta as any).what.owner, e.status]),
      ).toEqual([
        ['group:default/platform', 'failed'],
        ['group:default/platform', 'failed'],
      ]);
    });

    it('asks the catalog as the plugin, so what the user may see cannot hide the owner', async () => {
      const action = await setup({
        catalogEntities: [componentEntity('payments-api', 'payments')],
      });
      await expect(
        action.handler(actionContext(takeover, { credentials: guest })),
      ).rejects.toThrow('owned by group:default/payments in the catalog');
      expect(env.catalog.requests).toEqual([
        expect.objectContaining({
          path: '/api/catalog/entities/by-refs',
          onBehalfOf: undefined,
          target: 'catalog',
        }),
      ]);
    });

    it("decides the permission on the catalog's owner", async () => {
      const action = await setup({
        catalogEntities: [
          componentEntity('payments-api', 'group:default/payments'),
        ],
      });
      // The guest may provision in prod for platform, not for payments.
      await expect(
        action.handler(actionContext(request, { credentials: guest })),
      ).rejects.toThrow(
        "user:default/guest may not provision namespaces for group:default/payments in environment 'prod'",
      );
      expect(env.requests()).toEqual([]);
    });

    it('refuses a namespace recorded for another owner and changes nothing on the cluster', async () => {
      // The component is not in the catalog (yet, or any more): the namespace's record decides.
      const action = await setup();
      await action.handler(actionContext(request, { credentials: ada }));
      const before = clusterSnapshot(env.simulators.prod);
      env.resetRequests();
      auditor.events.length = 0;

      for (const dryRun of [false, true]) {
        const refusal = action.handler(
          actionContext(takeover, { credentials: guest, dryRun }),
        );
        await expect(refusal).rejects.toThrow(
          "Namespace 'payments-api-prod' already exists in cluster 'prod' and belongs to owner 'group:default/payments' (annotation guardrails.dev/owner-ref), not 'group:default/platform'",
        );
        await expect(refusal).rejects.toMatchObject({ name: 'ConflictError' });
      }
      expect(clusterSnapshot(env.simulators.prod)).toBe(before);
      expect(writes(env.requests())).toEqual([]);
      expect(auditor.events.map(e => e.status)).toEqual(['failed', 'failed']);
    });

    it('reads the owner label of a namespace without the owner-ref annotation', async () => {
      const action = await setup({
        seed: {
          prod: [
            {
              apiVersion: 'v1',
              kind: 'Namespace',
              metadata: {
                name: 'payments-api-prod',
                labels: {
                  'app.kubernetes.io/managed-by': 'backstage-guardrails',
                  'guardrails.dev/environment': 'prod',
                  'guardrails.dev/owner': 'group.default.payments',
                },
                annotations: {
                  'guardrails.dev/entity-ref': 'component:default/payments-api',
                },
              },
            },
          ],
        },
      });
      const before = clusterSnapshot(env.simulators.prod);
      await expect(
        action.handler(actionContext(takeover, { credentials: guest })),
      ).rejects.toThrow(
        "belongs to owner 'group.default.payments' (label guardrails.dev/owner), not 'group:default/platform'",
      );
      expect(clusterSnapshot(env.simulators.prod)).toBe(before);
      expect(writes(env.requests())).toEqual([]);
    });

    it('provisions a component the catalog does not list for the owner asked for', async () => {
      const action = await setup({
        catalogEntities: [componentEntity('payments-api', 'payments')],
      });
      const ctx = actionContext(
        {
          ...takeover,
          component: 'component:default/billing',
          namespace: 'billing-prod',
        },
        { credentials: guest },
      );
      await action.handler(ctx);
      expect(outputsOf(ctx).entity.spec.owner).toBe('group:default/platform');
    });
  });

  describe('an environment on two clusters', () => {
    it('provisions on each cluster', async () => {
      const action = await setup({ twoProdClusters: true });
      const ctx = actionContext(request);
      await action.handler(ctx);
      const output = outputsOf(ctx);
      expect(output.clusters).toEqual(['prod-eu', 'prod-us']);
      expect(output.cluster).toBe('prod-eu, prod-us');
      expect(output.objects).toHaveLength(18);
      for (const cluster of ['prod-eu', 'prod-us']) {
        expect(
          env.simulators[cluster].listObjects(
            'v1',
            'ResourceQuota',
            'payments-api-prod',
          ),
        ).toHaveLength(1);
      }
      expect(
        output.entity.metadata.annotations['guardrails.dev/clusters'],
      ).toBe('prod-eu,prod-us');
    });

    it('writes to neither cluster when the namespace is foreign on one', async () => {
      const action = await setup({
        twoProdClusters: true,
        seed: {
          'prod-us': [
            {
              apiVersion: 'v1',
              kind: 'Namespace',
              metadata: {
                name: 'payments-api-prod',
                labels: { 'app.kubernetes.io/managed-by': 'Helm' },
              },
            },
          ],
        },
      });
      await expect(action.handler(actionContext(request))).rejects.toThrow(
        "already exists in cluster 'prod-us' and was not provisioned by Guardrails (label app.kubernetes.io/managed-by is 'Helm')",
      );
      expect(writes(env.requests())).toEqual([]);
    });
  });
});
