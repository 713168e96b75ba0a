import { PatchStrategy } from '@kubernetes/client-node';
import {
  binding,
  configMap,
  createAll,
  namespace,
  policy,
  rule,
} from './__testUtils__/admission';
import { expectStatus, uniqueName, useSimulator } from './__testUtils__/kube';

/** A policy on ConfigMaps labelled `fp: <name>`. */
const onLabel = (name: string, spec: Record<string, unknown>) =>
  policy(name, {
    matchConstraints: {
      resourceRules: [rule(['configmaps'])],
      objectSelector: { matchLabels: { fp: name } },
    },
    ...spec,
  });

const broken = [
  { expression: 'object.data.missing == "x"', message: 'unused' },
];

describe('failurePolicy: evaluation and configuration errors', () => {
  const env = useSimulator();
  const ns = uniqueName('failure');

  beforeAll(async () => {
    await createAll(
      env().k,
      namespace(ns),
      onLabel('fail', { validations: broken }),
      binding('fail', 'fail', ['Deny']),
      onLabel('ignore', { failurePolicy: 'Ignore', validations: broken }),
      binding('ignore', 'ignore', ['Deny']),
      onLabel('warn-on-error', { validations: broken }),
      binding('warn-on-error', 'warn-on-error', ['Warn']),
      onLabel('condition-error', {
        failurePolicy: 'Fail',
        matchConditions: [
          { name: 'reads-missing', expression: 'object.data.missing == "x"' },
        ],
        validations: [{ expression: 'true' }],
      }),
      binding('condition-error', 'condition-error', ['Deny']),
      onLabel('condition-error-ignored', {
        failurePolicy: 'Ignore',
        matchConditions: [
          { name: 'reads-missing', expression: 'object.data.missing == "x"' },
        ],
        validations: [{ expression: 'false' }],
      }),
      binding('condition-error-ignored', 'condition-error-ignored', ['Deny']),
      onLabel('unknown-param-kind', {
        paramKind: { apiVersion: 'example.com/v1', kind: 'Limits' },
        validations: [{ expression: 'true' }],
      }),
      binding('unknown-param-kind', 'unknown-param-kind', ['Audit']),
      onLabel('annotation-error', {
        auditAnnotations: [
          { key: 'mode', valueExpression: 'object.data.mode' },
        ],
      }),
      binding('annotation-error', 'annotation-error', ['Audit']),
    );
  });

  const create = (name: string) =>
    env().k.objects.create(
      configMap(ns, `cm-${name}`, { a: '1' }, { fp: name }),
    );

  it('Fail: a runtime error denies with the expression and the error, as Invalid', async () => {
    const status = await expectStatus(create('fail'), 422);
    expect(status.reason).toBe('Invalid');
    expect(status.message).toMatch(
      /^configmaps "cm-fail" is forbidden: ValidatingAdmissionPolicy 'fail' with binding 'fail' denied request: expression 'object\.data\.missing == "x"' resulted in error: .*missing/,
    );
  });

  it('Ignore: a runtime error admits', async () => {
    expect((await create('ignore')).metadata?.name).toBe('cm-ignore');
  });

  it('an error under Fail follows the binding actions: Warn warns', async () => {
    const info = await env().k.core.createNamespacedConfigMapWithHttpInfo({
      namespace: ns,
      body: {
        metadata: { name: 'w', labels: { fp: 'warn-on-error' } },
        data: { a: '1' },
      },
    });
    expect(info.headers.warning).toMatch(
      /^299 - "Validation failed for ValidatingAdmissionPolicy 'warn-on-error' with binding 'warn-on-error': expression 'object\.data\.missing == \\"x\\"' resulted in error: /,
    );
  });

  it('matchConditions errors deny under Fail and skip the policy under Ignore', async () => {
    const status = await expectStatus(create('condition-error'), 422);
    expect(status.message).toContain(
      "with binding 'condition-error' denied request: expression 'object.data.missing == \"x\"' resulted in error",
    );
    await create('condition-error-ignored');
  });

  it('a paramKind the server does not serve is a policy configuration error, whatever the actions', async () => {
    const status = await expectStatus(create('unknown-param-kind'), 422);
    expect(status.message).toBe(
      `configmaps "cm-unknown-param-kind" is forbidden: ValidatingAdmissionPolicy 'unknown-param-kind' denied request: failed to configure policy: failed to find resource referenced by paramKind: 'example.com/v1, Kind=Limits'`,
    );
  });

  it('auditAnnotations publish under <policy>/<key>; an error in one denies under Fail', async () => {
    const { k, sim } = env();
    sim.resetAuditLog();
    await k.objects.create(
      configMap(ns, 'annotated', { mode: 'fast' }, { fp: 'annotation-error' }),
    );
    expect(sim.auditEvents()[0].annotations).toEqual({
      'annotation-error/mode': 'fast',
    });
    const status = await expectStatus(
      k.objects.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'typed',
          namespace: ns,
          labels: { fp: 'annotation-error' },
        },
        data: { other: 'x' },
      }),
      422,
    );
    expect(status.message).toContain(
      "denied request: expression 'object.data.mode' resulted in error",
    );
  });
});

describe('policies and bindings are checked and defaulted on write', () => {
  const env = useSimulator();

  it('refuses expressions that do not compile, naming the field, with 422 Invalid', async () => {
    const status = await expectStatus(
      env().k.objects.create(
        policy('bad-cel', {
          validations: [{ expression: 'object.spec.replicas <' }],
          matchConditions: [
            { name: 'uses-variables', expression: 'variables.x' },
          ],
        }),
      ),
      422,
    );
    expect(status.message).toMatch(
      /^ValidatingAdmissionPolicy\.admissionregistration\.k8s\.io "bad-cel" is invalid: \[spec\.matchConditions\[0\]\.expression: Invalid value: "variables\.x": compilation failed: .*, spec\.validations\[0\]\.expression: Invalid value: "object\.spec\.replicas <": compilation failed: /,
    );
  });

  it('refuses missing and unsupported fields', async () => {
    const status = await expectStatus(
      env().k.objects.create({
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicy',
        metadata: { name: 'empty' },
        spec: { failurePolicy: 'Sometimes' },
      }),
      422,
    );
    expect(status.details?.causes?.map(c => c.field)).toEqual([
      'spec.failurePolicy',
      'spec.matchConstraints',
      'spec.validations',
      'spec.auditAnnotations',
    ]);
    const bindingStatus = await expectStatus(
      env().k.objects.create(binding('both', 'p', ['Deny', 'Warn'])),
      422,
    );
    expect(bindingStatus.details?.causes).toEqual([
      expect.objectContaining({
        field: 'spec.validationActions',
        message: expect.stringContaining('must not contain both Deny and Warn'),
      }),
    ]);
  });

  it('stores the API server defaults, not owned by the applier', async () => {
    const { k } = env();
    const applied = await k.objects.patch(
      policy('defaulted', { validations: [{ expression: 'true' }] }),
      undefined,
      undefined,
      'backstage-guardrails',
      undefined,
      PatchStrategy.ServerSideApply,
    );
    const spec = (applied as any).spec;
    expect(spec.failurePolicy).toBe('Fail');
    expect(spec.matchConstraints).toMatchObject({
      matchPolicy: 'Equivalent',
      namespaceSelector: {},
      objectSelector: {},
      resourceRules: [{ scope: '*' }],
    });
    const owned = JSON.stringify(applied.metadata?.managedFields?.[0].fieldsV1);
    expect(owned).toContain('f:validations');
    expect(owned).not.toContain('f:failurePolicy');
  });
});
