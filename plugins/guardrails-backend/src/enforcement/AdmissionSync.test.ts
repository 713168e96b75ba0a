import {
  Enforcement,
  PRIVILEGED_PROD_BINDING,
  startEnforcement,
} from './__testUtils__/enforcementBackend';

jest.setTimeout(60_000);

const BINDING = 'ValidatingAdmissionPolicyBinding';
const POLICY = 'ValidatingAdmissionPolicy';

/** An admission policy a platform team applied itself, without the suite's managed-by label. */
const unmanagedPolicy = (name: string) => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: POLICY,
  metadata: { name, labels: { team: 'platform' } },
  spec: {
    failurePolicy: 'Fail',
    matchConstraints: {
      resourceRules: [
        {
          apiGroups: [''],
          apiVersions: ['v1'],
          operations: ['CREATE'],
          resources: ['configmaps'],
        },
      ],
    },
    validations: [{ expression: 'true' }],
  },
});

/** Changes or deletes a prod binding as a person with kubectl would. */
async function byHand(
  env: Enforcement,
  name: string,
  change: { patch: object } | 'delete',
) {
  const { url } = env.clusters.simulators.prod;
  const token =
    env.clusters.config.kubernetes.clusterLocatorMethods[0].clusters[0]
      .serviceAccountToken;
  const res = await fetch(
    `${url}/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings/${name}?fieldManager=kubectl-edit`,
    change === 'delete'
      ? { method: 'DELETE', headers: { authorization: `Bearer ${token}` } }
      : {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/merge-patch+json',
          },
          body: JSON.stringify(change.patch),
        },
  );
  expect(res.status).toBe(200);
}

describe('admission sync', () => {
  let env: Enforcement | undefined;
  afterEach(() => env?.clusters.close());

  it("applies each environment's policies and bindings, then makes no write when nothing is due", async () => {
    env = await startEnforcement();
    await env.sync('prod');
    const policies = env.objects('prod', POLICY);
    const policy = policies.get('guardrails.pod.no-privileged');
    expect(policy.metadata.labels['app.kubernetes.io/managed-by']).toBe(
      'backstage-guardrails',
    );
    expect(policy.metadata.managedFields[0].manager).toBe(
      'backstage-guardrails',
    );
    const bindings = [...env.objects('prod', BINDING).keys()];
    expect(bindings).toContain(PRIVILEGED_PROD_BINDING);
    // A cluster holds the bindings of its own environments only.
    expect(bindings.filter(name => name.endsWith('.dev'))).toEqual([]);
    expect(env.actions('prod')).toEqual(['Warn', 'Audit']);

    env.clusters.simulators.prod.resetRequestLog();
    await env.sync('prod');
    expect(env.requests('prod')).toEqual({ lists: 2, writes: 0 });
    const prod = await env.clusterState('prod');
    expect(prod).toMatchObject({
      status: 'ok',
      stale: false,
      lastSync: { result: 'ok', changes: [], drift: [] },
    });
    expect(prod.enforced).toContainEqual({
      guardrail: 'pod.no-privileged',
      environment: 'prod',
      policy: 'guardrails.pod.no-privileged',
      binding: PRIVILEGED_PROD_BINDING,
      level: 'warn',
      actions: ['Warn', 'Audit'],
      paused: false,
    });
    // The log shows the latest 20 changes: all of them creates of the first sync.
    expect(policies.size + bindings.length).toBeGreaterThan(20);
    expect(prod.recentChanges).toHaveLength(20);
    expect(new Set(prod.recentChanges.map((c: any) => c.change))).toEqual(
      new Set(['create']),
    );
  });

  it('never touches admission objects without the managed-by label, and says when one holds a name it needs', async () => {
    env = await startEnforcement({
      seeds: [
        unmanagedPolicy('team.configmaps'),
        unmanagedPolicy('guardrails.pod.no-privileged'),
      ],
    });
    const before = env.objects('prod', POLICY);
    await env.sync('prod');
    const after = env.objects('prod', POLICY);
    for (const name of ['team.configmaps', 'guardrails.pod.no-privileged']) {
      expect(after.get(name)).toEqual(before.get(name));
    }
    expect(after.get('guardrails.pod.no-host-path')).toBeDefined();
    const prod = await env.clusterState('prod');
    expect(prod.status).toBe('failed');
    expect(prod.reason).toContain(
      'ValidatingAdmissionPolicy guardrails.pod.no-privileged exists without the label app.kubernetes.io/managed-by=backstage-guardrails',
    );
  });

  it('restores a managed binding edited or deleted by hand, and reports the drift', async () => {
    env = await startEnforcement();
    await env.sync('prod');

    await byHand(env, PRIVILEGED_PROD_BINDING, {
      patch: { spec: { validationActions: ['Audit'] } },
    });
    env.clusters.simulators.prod.resetRequestLog();
    await env.sync('prod');
    expect(env.actions('prod')).toEqual(['Warn', 'Audit']);
    expect(env.requests('prod')).toEqual({ lists: 2, writes: 1 });
    let prod = await env.clusterState('prod');
    expect(prod.lastSync.drift).toEqual([
      {
        kind: BINDING,
        name: PRIVILEGED_PROD_BINDING,
        drift: 'edited',
        fields: ['spec.validationActions'],
      },
    ]);
    expect(prod.lastSync.changes).toEqual([
      expect.objectContaining({
        name: PRIVILEGED_PROD_BINDING,
        change: 'update',
        drift: 'edited',
        oldActions: ['Audit'],
        newActions: ['Warn', 'Audit'],
      }),
    ]);
    expect(env.auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'enforcement-change',
        meta: expect.objectContaining({
          cluster: 'prod',
          name: PRIVILEGED_PROD_BINDING,
          drift: 'edited',
          oldActions: ['Audit'],
          newActions: ['Warn', 'Audit'],
        }),
      }),
    );

    await byHand(env, PRIVILEGED_PROD_BINDING, 'delete');
    await env.sync('prod');
    expect(env.actions('prod')).toEqual(['Warn', 'Audit']);
    prod = await env.clusterState('prod');
    expect(prod.lastSync.drift).toEqual([
      expect.objectContaining({
        name: PRIVILEGED_PROD_BINDING,
        drift: 'deleted',
      }),
    ]);
  });

  it('leaves the clusters of environments in mode off to GitOps', async () => {
    env = await startEnforcement({
      enforcement: { mode: 'sync', environments: { dev: { mode: 'off' } } },
    });
    await expect(env.sync('dev')).rejects.toThrow(/not found/i);
    await env.sync('prod');
    expect(env.requests('dev')).toEqual({ lists: 0, writes: 0 });
    expect(await env.clusterState('dev')).toMatchObject({
      status: 'off',
      syncing: [],
      enforced: [],
    });
  });
});
