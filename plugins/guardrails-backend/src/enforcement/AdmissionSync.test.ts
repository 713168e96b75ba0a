import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  admissionObjects,
  admissionRequests,
  bindingActions,
  PRIVILEGED_PROD_BINDING,
  SimulatedClusters,
  startEnforcementBackend,
  startEnforcementClusters,
} from './__testUtils__/enforcementBackend';

jest.setTimeout(60_000);

const user = mockCredentials.user.header();
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

async function patchBinding(
  clusters: SimulatedClusters,
  name: string,
  body: object,
) {
  const res = await fetch(
    `${clusters.simulators.prod.url}/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings/${name}?fieldManager=kubectl-edit`,
    {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${clusters.config.kubernetes.clusterLocatorMethods[0].clusters[0].serviceAccountToken}`,
        'content-type': 'application/merge-patch+json',
      },
      body: JSON.stringify(body),
    },
  );
  expect(res.status).toBe(200);
}

async function state(server: any) {
  const res = await request(server)
    .get('/api/guardrails/enforcement')
    .set('Authorization', user);
  if (res.status !== 200)
    throw new Error(JSON.stringify(res.body).slice(0, 2000));
  return res.body;
}

const prodOf = (body: any) =>
  body.clusters.find((c: any) => c.cluster === 'prod');

describe('admission sync', () => {
  let clusters: SimulatedClusters;
  afterEach(() => clusters?.close());

  it("applies each environment's policies and bindings, then makes no write when nothing is due", async () => {
    clusters = await startEnforcementClusters();
    const { server, sync } = await startEnforcementBackend({ clusters });

    await sync('prod');
    const policies = admissionObjects(clusters, 'prod', POLICY);
    const policy = policies.get('guardrails.pod.no-privileged');
    expect(policy.metadata.labels['app.kubernetes.io/managed-by']).toBe(
      'backstage-guardrails',
    );
    expect(policy.metadata.managedFields[0].manager).toBe(
      'backstage-guardrails',
    );
    const bindings = [...admissionObjects(clusters, 'prod', BINDING).keys()];
    expect(bindings).toContain(PRIVILEGED_PROD_BINDING);
    // A cluster holds the bindings of its own environments only.
    expect(bindings.filter(name => name.endsWith('.dev'))).toEqual([]);
    expect(bindingActions(clusters, 'prod', PRIVILEGED_PROD_BINDING)).toEqual([
      'Warn',
      'Audit',
    ]);

    clusters.simulators.prod.resetRequestLog();
    await sync('prod');
    expect(admissionRequests(clusters, 'prod')).toEqual({
      lists: 2,
      writes: 0,
    });
    const prod = prodOf(await state(server));
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
    const team = unmanagedPolicy('team.configmaps');
    const squatter = unmanagedPolicy('guardrails.pod.no-privileged');
    clusters = await startEnforcementClusters([team, squatter]);
    const { server, sync } = await startEnforcementBackend({ clusters });
    const before = admissionObjects(clusters, 'prod', POLICY);

    await sync('prod');
    const after = admissionObjects(clusters, 'prod', POLICY);
    for (const name of ['team.configmaps', 'guardrails.pod.no-privileged']) {
      expect(after.get(name)).toEqual(before.get(name));
    }
    expect(after.get('guardrails.pod.no-host-path')).toBeDefined();
    const prod = prodOf(await state(server));
    expect(prod.status).toBe('failed');
    expect(prod.reason).toContain(
      'ValidatingAdmissionPolicy guardrails.pod.no-privileged exists without the label app.kubernetes.io/managed-by=backstage-guardrails',
    );
  });

  it('restores a managed binding edited or deleted by hand, and reports the drift', async () => {
    clusters = await startEnforcementClusters();
    const { server, sync, auditor } = await startEnforcementBackend({
      clusters,
    });
    await sync('prod');

    await patchBinding(clusters, PRIVILEGED_PROD_BINDING, {
      spec: { validationActions: ['Audit'] },
    });
    clusters.simulators.prod.resetRequestLog();
    await sync('prod');
    expect(bindingActions(clusters, 'prod', PRIVILEGED_PROD_BINDING)).toEqual([
      'Warn',
      'Audit',
    ]);
    expect(admissionRequests(clusters, 'prod')).toEqual({
      lists: 2,
      writes: 1,
    });
    let prod = prodOf(await state(server));
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
    expect(auditor.createEvent).toHaveBeenCalledWith(
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

    const binding = admissionObjects(clusters, 'prod', BINDING).get(
      PRIVILEGED_PROD_BINDING,
    );
    await fetch(
      `${clusters.simulators.prod.url}/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings/${binding.metadata.name}`,
      {
        method: 'DELETE',
        headers: {
          authorization: `Bearer ${clusters.config.kubernetes.clusterLocatorMethods[0].clusters[0].serviceAccountToken}`,
        },
      },
    );
    await sync('prod');
    expect(bindingActions(clusters, 'prod', PRIVILEGED_PROD_BINDING)).toEqual([
      'Warn',
      'Audit',
    ]);
    prod = prodOf(await state(server));
    expect(prod.lastSync.drift).toEqual([
      expect.objectContaining({
        name: PRIVILEGED_PROD_BINDING,
        drift: 'deleted',
      }),
    ]);
  });

  it('leaves the clusters of environments in mode off to GitOps', async () => {
    clusters = await startEnforcementClusters();
    const { server, sync } = await startEnforcementBackend({
      clusters,
      enforcement: { mode: 'sync', environments: { dev: { mode: 'off' } } },
    });
    await expect(sync('dev')).rejects.toThrow(/not found/i);
    await sync('prod');
    expect(admissionRequests(clusters, 'dev')).toEqual({ lists: 0, writes: 0 });
    const dev = (await state(server)).clusters.find(
      (c: any) => c.cluster === 'dev',
    );
    expect(dev).toMatchObject({ status: 'off', syncing: [], enforced: [] });
  });
});
