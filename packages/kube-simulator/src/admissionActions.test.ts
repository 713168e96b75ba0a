import { ApiException } from '@kubernetes/client-node';
import {
  binding,
  configMap,
  createAll,
  namespace,
  policy,
} from './__testUtils__/admission';
import { bundledSeedsDir } from './index';
import { expectStatus, uniqueName, useSimulator } from './__testUtils__/kube';
import { kubectlFor, runKubectlTests } from './__testUtils__/kubectl';

/** Policies on ConfigMaps in namespaces labelled `team`: `data.size` must be "small". */
const sizePolicy = policy('size-small', {
  validations: [
    {
      expression: "!has(object.data) || object.data.size == 'small'",
      message: 'size must be small',
    },
  ],
});

function bindingsFor(team: string) {
  const select = { namespaceSelector: { matchLabels: { team } } };
  return [
    binding(`size-deny-${team}`, 'size-small', ['Deny'], {
      matchResources: {
        ...select,
        objectSelector: { matchLabels: { d: 'y' } },
      },
    }),
    binding(`size-warn-${team}`, 'size-small', ['Warn'], {
      matchResources: {
        ...select,
        objectSelector: { matchLabels: { w: 'y' } },
      },
    }),
    binding(`size-audit-${team}`, 'size-small', ['Audit'], {
      matchResources: {
        ...select,
        objectSelector: { matchLabels: { a: 'y' } },
      },
    }),
  ];
}

describe('validation actions through @kubernetes/client-node', () => {
  const env = useSimulator();
  const ns = uniqueName('actions');

  beforeAll(async () => {
    const { k } = env();
    await createAll(
      k,
      namespace(ns, { team: ns }),
      sizePolicy,
      ...bindingsFor(ns),
    );
  });

  it("Deny refuses with 422 Invalid and the API server's message, status details and cause", async () => {
    const { k } = env();
    const status = await expectStatus(
      k.objects.create(configMap(ns, 'big', { size: 'big' }, { d: 'y' })),
      422,
    );
    const text = `ValidatingAdmissionPolicy 'size-small' with binding 'size-deny-${ns}' denied request: size must be small`;
    expect(status).toMatchObject({
      reason: 'Invalid',
      message: `configmaps "big" is forbidden: ${text}`,
      details: { name: 'big', kind: 'configmaps', causes: [{ message: text }] },
    });
    await expectStatus(
      k.core.readNamespacedConfigMap({ name: 'big', namespace: ns }),
      404,
    );
    await k.objects.create(
      configMap(ns, 'small', { size: 'small' }, { d: 'y' }),
    );
  });

  it("Warn admits and answers with a Warning header in the API server's format", async () => {
    const { k } = env();
    const info = await k.core.createNamespacedConfigMapWithHttpInfo({
      namespace: ns,
      body: {
        metadata: { name: 'warned', labels: { w: 'y' } },
        data: { size: 'big' },
      },
    });
    expect(info.httpStatusCode).toBe(201);
    expect(info.headers.warning).toBe(
      `299 - "Validation failed for ValidatingAdmissionPolicy 'size-small' with binding 'size-warn-${ns}': size must be small"`,
    );
    const fine = await k.core.createNamespacedConfigMapWithHttpInfo({
      namespace: ns,
      body: {
        metadata: { name: 'fine', labels: { w: 'y' } },
        data: { size: 'small' },
      },
    });
    expect(fine.headers.warning).toBeUndefined();
  });

  it('Audit admits and records the failure in the audit log, in the JS API and at /kube-simulator/audit', async () => {
    const { k, sim } = env();
    sim.resetAuditLog();
    await k.objects.create(
      configMap(ns, 'audited', { size: 'big' }, { a: 'y' }),
    );
    const [event] = sim.auditEvents();
    expect(event).toMatchObject({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      verb: 'create',
      objectRef: {
        resource: 'configmaps',
        namespace: ns,
        name: 'audited',
        apiVersion: 'v1',
      },
      responseStatus: { code: 201 },
      user: { username: 'system:unsecured' },
    });
    expect(
      JSON.parse(
        event.annotations[
          'validation.policy.admission.k8s.io/validation_failure'
        ],
      ),
    ).toEqual([
      {
        message: 'size must be small',
        policy: 'size-small',
        binding: `size-audit-${ns}`,
        expressionIndex: 0,
        validationActions: ['Audit'],
      },
    ]);
    const served = await (
      await fetch(`${sim.url}/kube-simulator/audit`)
    ).json();
    expect(served).toMatchObject({
      kind: 'EventList',
      items: [{ auditID: event.auditID }],
    });
    await fetch(`${sim.url}/kube-simulator/audit`, { method: 'DELETE' });
    expect(sim.auditEvents()).toEqual([]);
  });

  it('applies every matching binding: warnings ride along on a denial', async () => {
    const { k } = env();
    let error: ApiException<unknown> | undefined;
    await k.objects
      .create(configMap(ns, 'all', { size: 'big' }, { d: 'y', w: 'y', a: 'y' }))
      .catch(e => {
        error = e;
      });
    expect(error?.code).toBe(422);
    expect(error?.headers.warning).toContain(`with binding 'size-warn-${ns}'`);
  });

  it('leaves objects outside every binding alone', async () => {
    const { k } = env();
    const other = uniqueName('other');
    await createAll(k, namespace(other));
    const info = await k.core.createNamespacedConfigMapWithHttpInfo({
      namespace: other,
      body: {
        metadata: { name: 'big', labels: { d: 'y', w: 'y' } },
        data: { size: 'big' },
      },
    });
    expect(info.httpStatusCode).toBe(201);
    expect(info.headers.warning).toBeUndefined();
  });
});

describe("the prod seed's require-owner-label policy", () => {
  const env = useSimulator({ seed: `${bundledSeedsDir}/prod.yaml` });

  it('warns about and audits a namespace without an owner label, and admits it', async () => {
    const { k, sim } = env();
    const name = uniqueName('unowned');
    const info = await k.core.createNamespaceWithHttpInfo({
      body: { metadata: { name } },
    });
    expect(info.headers.warning).toBe(
      `299 - "Validation failed for ValidatingAdmissionPolicy 'require-owner-label' with binding 'require-owner-label': namespaces need a guardrails.dev/owner label"`,
    );
    expect(sim.auditEvents().map(e => e.objectRef.name)).toEqual([name]);
    const owned = await k.core.createNamespaceWithHttpInfo({
      body: {
        metadata: {
          name: uniqueName('owned'),
          labels: { 'guardrails.dev/owner': 'team' },
        },
      },
    });
    expect(owned.headers.warning).toBeUndefined();
  });
});

(runKubectlTests ? describe : describe.skip)(
  'validation actions through kubectl',
  () => {
    const env = useSimulator();
    const kubectl = kubectlFor(() => env().sim.url);
    const ns = uniqueName('kubectl');

    beforeAll(async () => {
      await createAll(
        env().k,
        namespace(ns, { team: ns }),
        sizePolicy,
        ...bindingsFor(ns),
      );
    });

    const manifest = (name: string, size: string, label: string) =>
      kubectl.file(
        `${name}.yaml`,
        `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${ns}, labels: {${label}: "y"}}\ndata: {size: ${size}}\n`,
      );

    it('kubectl apply fails with exit code 1 and the denial on stderr', async () => {
      const result = await kubectl.run(
        'apply',
        '-f',
        manifest('denied', 'big', 'd'),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `ValidatingAdmissionPolicy 'size-small' with binding 'size-deny-${ns}' denied request: size must be small`,
      );
    });

    it('kubectl apply --server-side prints the Warning line and succeeds', async () => {
      const result = await kubectl.run(
        'apply',
        '--server-side',
        '-f',
        manifest('warned', 'big', 'w'),
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('configmap/warned serverside-applied');
      expect(result.stderr).toContain(
        `Warning: Validation failed for ValidatingAdmissionPolicy 'size-small' with binding 'size-warn-${ns}': size must be small`,
      );
    });

    it('the audit log is readable with kubectl get --raw', async () => {
      await kubectl.run('apply', '-f', manifest('audited', 'big', 'a'));
      const result = await kubectl.run('get', '--raw', '/kube-simulator/audit');
      expect(result.code).toBe(0);
      expect(
        JSON.parse(result.stdout).items.map((e: any) => e.objectRef.name),
      ).toContain('audited');
    });
  },
);
