import {
  exemptionDocument,
  guardrailDocument,
  yamlDocuments,
} from '../__testing__/documents';
import { GuardrailResult } from '@guardrails-dev/plugin-guardrails-common';
import {
  compilePack,
  evaluateObjects,
  EvaluationContext,
  hasBlocking,
  isViolation,
  parsePack,
  summarize,
  KubernetesManifest,
} from '../index';

const NOW = new Date('2026-11-22T00:00:00Z');
const AT = new Date('2027-03-01T00:00:00Z'); // prod at block, dev at warn

function compile(...documents: unknown[]) {
  return compilePack(
    parsePack([{ path: 'pack.yaml', content: yamlDocuments(...documents) }], {
      now: NOW,
    }).pack,
  );
}

const privileged = compile(guardrailDocument('pod.no-privileged'));
const context: EvaluationContext = { environment: 'prod', at: AT };

const container = (name: string, privilegedFlag = false) => ({
  name,
  image: `${name}:1`,
  securityContext: { privileged: privilegedFlag },
});
const deployment = (
  name: string,
  privilegedFlag = false,
): KubernetesManifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop', uid: `${name}-uid` },
  spec: {
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [container('app', privilegedFlag)] },
    },
  },
});
const pod = (
  name: string,
  owner?: { kind: string; name: string },
  privilegedFlag = true,
): KubernetesManifest => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'shop',
    ...(owner
      ? {
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              ...owner,
              uid: `uid-${owner.name}`,
              controller: true,
            },
          ],
        }
      : {}),
  },
  spec: { containers: [container('app', privilegedFlag)] },
});
const brief = (results: GuardrailResult[]) =>
  results.map(
    r => `${r.guardrail} ${r.resource.kind}/${r.resource.name} ${r.result}`,
  );

describe('evaluateObjects', () => {
  it('checks pod templates of every workload kind and reports on the workload', () => {
    const spec = { containers: [container('app', true)] };
    const objects: KubernetesManifest[] = [
      deployment('web', true),
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: 'shop' },
        spec: { template: { spec } },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent', namespace: 'shop' },
        spec: { template: { spec } },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'rs', namespace: 'shop' },
        spec: { template: { spec } },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'job', namespace: 'shop' },
        spec: { template: { spec } },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'cron', namespace: 'shop' },
        spec: { jobTemplate: { spec: { template: { spec } } } },
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'config', namespace: 'shop' },
      },
    ];
    expect(brief(evaluateObjects(privileged, objects, context))).toEqual([
      'pod.no-privileged Deployment/web fail',
      'pod.no-privileged StatefulSet/db fail',
      'pod.no-privileged DaemonSet/agent fail',
      'pod.no-privileged ReplicaSet/rs fail',
      'pod.no-privileged Job/job fail',
      'pod.no-privileged CronJob/cron fail',
    ]);
  });

  it('shows pod rules a Pod built from the template, named and namespaced like the workload', () => {
    const pack = compile(
      guardrailDocument('pod.shape', {
        validations: [
          {
            expression:
              "object.apiVersion == 'v1' && object.kind == 'Pod' && object.metadata.name == 'web' && object.metadata.namespace == 'shop' && object.metadata.labels.app == 'web' && object.metadata.annotations == {} && size(object.spec.containers) == 1",
          },
        ],
      }),
    );
    expect(brief(evaluateObjects(pack, [deployment('web')], context))).toEqual([
      'pod.shape Deployment/web pass',
    ]);
  });

  it('does not report Pods and ReplicaSets again when their controller is evaluated', () => {
    const replicaSet: KubernetesManifest = {
      ...deployment('web-5d8f7'),
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-5d8f7',
        namespace: 'shop',
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
            uid: 'uid-web',
            controller: true,
          },
        ],
      },
    };
    const objects = [
      deployment('web', true),
      replicaSet,
      pod('web-5d8f7-abcde', { kind: 'ReplicaSet', name: 'web-5d8f7' }),
      // Its ReplicaSet is not among the objects; the Deployment is found by the naming scheme.
      pod('web-6c9b4-fghij', { kind: 'ReplicaSet', name: 'web-6c9b4' }),
      // No owner among the objects: reported on the Pod itself.
      pod('api-7f6d5-klmno', { kind: 'ReplicaSet', name: 'api-7f6d5' }),
      pod('standalone'),
      // A Job created by a CronJob that is evaluated.
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'nightly-28912345', namespace: 'shop' },
        spec: { template: { spec: { containers: [container('job', true)] } } },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'nightly', namespace: 'shop' },
        spec: {
          jobTemplate: {
            spec: {
              template: { spec: { containers: [container('job', true)] } },
            },
          },
        },
      },
    ];
    const withJobOwner = objects.map(o =>
      o.kind === 'Job'
        ? {
            ...o,
            metadata: {
              ...o.metadata,
              ownerReferences: [
                {
                  apiVersion: 'batch/v1',
                  kind: 'CronJob',
                  name: 'nightly',
                  uid: 'uid-nightly',
                  controller: true,
                },
              ],
            },
          }
        : o,
    );
    expect(brief(evaluateObjects(privileged, withJobOwner, context))).toEqual([
      'pod.no-privileged Deployment/web fail',
      'pod.no-privileged Pod/api-7f6d5-klmno fail',
      'pod.no-privileged Pod/standalone fail',
      'pod.no-privileged CronJob/nightly fail',
    ]);
  });

  it('checks a workload as itself when a pod rule also names its kind', () => {
    const pack = compile(
      guardrailDocument('pod.kinds', {
        match: {
          resources: [
            { apiGroups: [''], kinds: ['Pod'] },
            { apiGroups: ['apps'], kinds: ['Deployment'] },
          ],
        },
        validations: [
          { expression: "object.kind == 'Pod' || has(object.spec.template)" },
        ],
      }),
    );
    expect(
      brief(evaluateObjects(pack, [deployment('web'), pod('p')], context)),
    ).toEqual(['pod.kinds Deployment/web pass', 'pod.kinds Pod/p pass']);
  });

  it('maps a violation to fail at block and to warn below, and skips environments not in force', () => {
    const objects = [deployment('web', true)];
    expect(evaluateObjects(privileged, objects, context)[0]).toMatchObject({
      result: 'fail',
      level: 'block',
    });
    expect(
      evaluateObjects(privileged, objects, { environment: 'dev', at: AT })[0],
    ).toMatchObject({
      result: 'warn',
      level: 'warn',
    });
    expect(
      evaluateObjects(privileged, objects, {
        environment: 'prod',
        at: new Date('2026-11-01T00:00:00Z'),
      })[0],
    ).toMatchObject({ result: 'warn', level: 'observe' });
    expect(
      evaluateObjects(privileged, objects, { environment: 'staging', at: AT }),
    ).toEqual([]);
  });

  it('fills in the result from the guardrail and the context', () => {
    const [result] = evaluateObjects(privileged, [deployment('web', true)], {
      ...context,
      cluster: 'prod-eu-1',
      source: 'audit',
    });
    expect(result).toEqual({
      guardrail: 'pod.no-privileged',
      title: 'Title of pod.no-privileged',
      resource: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        cluster: 'prod-eu-1',
        environment: 'prod',
      },
      result: 'fail',
      level: 'block',
      message: 'a container is privileged',
      severity: 'high',
      category: 'preventive',
      source: 'audit',
    });
    const [pass] = evaluateObjects(privileged, [deployment('web')], context);
    expect(pass).toMatchObject({
      result: 'pass',
      message: 'Title of pod.no-privileged',
    });
  });

  it('never passes what it cannot evaluate', () => {
    const pack = compile(
      guardrailDocument('pod.errors', {
        validations: [{ expression: 'object.spec.missing.field == 1' }],
      }),
      guardrailDocument('pod.not-bool', {
        validations: [{ expression: "'yes'" }],
      }),
      guardrailDocument('pod.false-wins', {
        validations: [
          { expression: 'object.spec.missing.field == 1' },
          { expression: 'false', message: 'nope' },
        ],
      }),
      guardrailDocument('pod.bad-variable', {
        variables: [
          { name: 'broken', expression: 'object.spec.missing.field' },
        ],
        validations: [{ expression: 'true' }],
      }),
      guardrailDocument('pod.runaway', {
        validations: [
          {
            expression:
              '[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, a + b + c + d > 0))))',
          },
        ],
      }),
    );
    const results = evaluateObjects(pack, [pod('p', undefined, false)], {
      ...context,
      costBudget: 5000,
    });
    expect(results.map(r => [r.guardrail, r.result, r.message])).toEqual([
      [
        'pod.errors',
        'error',
        expect.stringMatching(/^Could not evaluate: validation 1: .+/),
      ],
      [
        'pod.not-bool',
        'error',
        'Could not evaluate: validation 1 returned string, not a boolean',
      ],
      ['pod.false-wins', 'fail', 'nope'],
      [
        'pod.bad-variable',
        'error',
        expect.stringMatching(/^Could not evaluate: variable broken: .+/),
      ],
      ['pod.runaway', 'error', expect.stringContaining('Could not evaluate')],
    ]);
    expect(hasBlocking(results.filter(r => r.result === 'error'))).toBe(true);
  });

  it('uses messageExpression, falling back to message and then to the expression', () => {
    const pack = compile(
      guardrailDocument('pod.messages', {
        validations: [
          {
            expression: 'false',
            messageExpression: "'pod ' + object.metadata.name + ' is wrong'",
          },
          {
            expression: 'false',
            message: 'static',
            messageExpression: 'object.spec.missing.x',
          },
          { expression: '1 == 2' },
        ],
      }),
    );
    expect(evaluateObjects(pack, [pod('p')], context)[0].message).toBe(
      'pod p is wrong; static; failed expression: 1 == 2',
    );
  });

  it('reports a pattern from the object that RE2 rejects as an error, never a pass', () => {
    const pack = compile(
      guardrailDocument('pod.name-pattern', {
        validations: [
          {
            expression:
              "!object.metadata.name.matches(object.metadata.annotations['deny'])",
          },
        ],
      }),
    );
    const annotated = (deny: string): KubernetesManifest => ({
      ...pod('p'),
      metadata: { name: 'p', namespace: 'shop', annotations: { deny } },
    });
    const [backreference] = evaluateObjects(
      pack,
      [annotated('(p)\\1')],
      context,
    );
    expect(backreference).toMatchObject({
      result: 'error',
      message: expect.stringMatching(
        /^Could not evaluate: validation 1: invalid regular expression '\(p\)\\1'/,
      ),
    });
    expect(
      evaluateObjects(pack, [annotated('x(?=y)')], context)[0].result,
    ).toBe('error');
  });

  it('cuts each message at 1 KiB of UTF-8, saying so', () => {
    const echo = compile(
      guardrailDocument('pod.echo', {
        validations: [
          {
            expression: 'false',
            messageExpression: "object.metadata.annotations['note']",
          },
        ],
      }),
    );
    const noted = (note: string): KubernetesManifest => ({
      ...pod('p'),
      metadata: { name: 'p', namespace: 'shop', annotations: { note } },
    });
    const bytes = (text: string) => new TextEncoder().encode(text).length;
    const marker = '… (message cut at 1 KiB)';

    const ascii = 'x'.repeat(1024 * 1024);
    const [cut] = evaluateObjects(echo, [noted(ascii)], context);
    expect(cut.result).toBe('fail');
    expect(bytes(cut.message)).toBeLessThanOrEqual(1024);
    expect(cut.message.endsWith(marker)).toBe(true);
    expect(ascii.startsWith(cut.message.slice(0, -marker.length))).toBe(true);

    // Multi-byte characters are never split, surrogate pairs included.
    for (const wide of ['é'.repeat(5000), `a${'😀'.repeat(5000)}`]) {
      const [message] = evaluateObjects(echo, [noted(wide)], context).map(
        r => r.message,
      );
      expect(bytes(message)).toBeLessThanOrEqual(1024);
      expect(bytes(message)).toBeGreaterThan(1000);
      const kept = message.slice(0, -marker.length);
      expect(wide.startsWith(kept)).toBe(true);
      expect(new TextDecoder().decode(new TextEncoder().encode(kept))).toBe(
        kept,
      );
    }

    // A message within the limit is left alone.
    const fits = 'y'.repeat(1024);
    expect(evaluateObjects(echo, [noted(fits)], context)[0].message).toBe(fits);
  });

  it('skips exempted objects and reports expired exemptions', () => {
    const pack = compile(
      guardrailDocument('pod.no-privileged'),
      exemptionDocument('legacy-web', {
        scope: { entity: 'component:default/web', environments: ['prod'] },
        expiresAt: '2027-02-01',
      }),
    );
    const entityRefFor = (o: KubernetesManifest) =>
      `component:default/${o.metadata?.name}`;
    const [skipped] = evaluateObjects(pack, [deployment('web', true)], {
      environment: 'prod',
      at: new Date('2027-01-31T23:59:59Z'),
      entityRefFor,
    });
    expect(skipped).toMatchObject({
      result: 'skip',
      level: 'warn',
      message:
        'Exempted by legacy-web (migration) until 2027-02-01: Moving to the new base image this sprint.',
      exemption: {
        name: 'legacy-web',
        status: 'active',
        reason: 'migration',
        owner: 'group:default/payments',
        approvedBy: 'user:default/platform-lead',
        expiresAt: '2027-02-01',
      },
    });
    const [expired] = evaluateObjects(pack, [deployment('web', true)], {
      environment: 'prod',
      at: new Date('2027-02-01T00:00:00Z'),
      entityRefFor,
    });
    expect(expired).toMatchObject({
      result: 'fail',
      message:
        'a container is privileged (exemption legacy-web expired at 2027-02-01)',
      exemption: { name: 'legacy-web', status: 'expired' },
    });
    const extra = evaluateObjects(privileged, [deployment('web', true)], {
      ...context,
      entityRefFor,
      exemptions: pack.pack.exemptions.map(e => ({
        ...e,
        expiresAt: '2027-03-02',
      })),
    });
    expect(extra[0].result).toBe('skip');
  });

  it('gives namespace-level checks the namespace object and the other objects of the namespace', () => {
    const pack = compile(
      guardrailDocument('namespace.has-policy', {
        match: { resources: [{ apiGroups: [''], kinds: ['Namespace'] }] },
        validations: [
          {
            expression:
              'namespaceObject == null && has(namespaceResources.NetworkPolicy) && namespaceResources.NetworkPolicy.all(p, p.metadata.namespace == object.metadata.name)',
          },
        ],
      }),
      guardrailDocument('pod.env-label', {
        validations: [
          {
            expression:
              "namespaceObject.metadata.labels['guardrails.dev/environment'] == 'prod'",
          },
        ],
      }),
    );
    const namespace = (name: string): KubernetesManifest => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'guardrails.dev/environment': 'prod' } },
    });
    const policy = (ns: string): KubernetesManifest => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny', namespace: ns },
      spec: {},
    });
    const results = evaluateObjects(
      pack,
      [
        namespace('shop'),
        namespace('empty'),
        policy('shop'),
        policy('other'),
        pod('p', undefined, false),
      ],
      context,
    );
    expect(brief(results)).toEqual([
      'namespace.has-policy Namespace/shop pass',
      'namespace.has-policy Namespace/empty fail',
      'pod.env-label Pod/p pass',
    ]);
    // Namespaces can also come from the context.
    expect(
      brief(
        evaluateObjects(pack, [pod('p')], {
          ...context,
          namespaces: { shop: namespace('shop') },
        }),
      ),
    ).toEqual(['pod.env-label Pod/p pass']);
    expect(brief(evaluateObjects(pack, [pod('p')], context))).toEqual([
      'pod.env-label Pod/p error',
    ]);
  });

  it('honours namespace and object selectors', () => {
    const pack = compile(
      guardrailDocument('pod.selected', {
        match: {
          resources: [{ apiGroups: ['*'], kinds: ['Pod', 'ClusterRole'] }],
          namespaceSelector: {
            matchExpressions: [
              { key: 'tier', operator: 'NotIn', values: ['system'] },
            ],
          },
          objectSelector: {
            matchExpressions: [{ key: 'skip', operator: 'DoesNotExist' }],
          },
        },
        validations: [{ expression: 'true' }],
      }),
    );
    const labelled = (
      name: string,
      namespace: string,
      labels: Record<string, string> = {},
    ): KubernetesManifest => ({
      ...pod(name),
      metadata: { name, namespace, labels },
    });
    const results = evaluateObjects(
      pack,
      [
        labelled('a', 'shop'),
        labelled('b', 'kube-system'),
        labelled('c', 'shop', { skip: 'yes' }),
        labelled('d', 'unknown'),
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: 'cr' },
        },
      ],
      {
        ...context,
        namespaces: new Map([
          [
            'kube-system',
            {
              apiVersion: 'v1',
              kind: 'Namespace',
              metadata: { name: 'kube-system', labels: { tier: 'system' } },
            },
          ],
        ]),
      },
    );
    expect(brief(results)).toEqual([
      'pod.selected Pod/a pass',
      'pod.selected Pod/d pass',
      'pod.selected ClusterRole/cr pass',
    ]);
  });

  it('reads integers in objects as CEL ints', () => {
    const pack = compile(
      guardrailDocument('workload.replicas', {
        match: { resources: [{ apiGroups: ['apps'], kinds: ['Deployment'] }] },
        validations: [
          {
            expression:
              'object.spec.replicas >= 2 && type(object.spec.replicas) == int',
          },
        ],
      }),
    );
    const withReplicas = (replicas: number) => ({
      ...deployment('web'),
      spec: { replicas },
    });
    expect(
      brief(evaluateObjects(pack, [withReplicas(3), withReplicas(1)], context)),
    ).toEqual([
      'workload.replicas Deployment/web pass',
      'workload.replicas Deployment/web fail',
    ]);
  });

  it('rejects inputs that are not Kubernetes objects, naming the first', () => {
    expect(() =>
      evaluateObjects(privileged, [pod('p'), { kind: 'Pod' }], context),
    ).toThrow(
      'objects[1] is not a Kubernetes object: it has no apiVersion, metadata.name',
    );
    expect(() =>
      evaluateObjects(
        privileged,
        [{ apiVersion: 'v1', kind: 'Pod', metadata: {} }],
        context,
      ),
    ).toThrow('objects[0] is not a Kubernetes object: it has no metadata.name');
  });
});

describe('summaries', () => {
  const result = (
    r: GuardrailResult['result'],
    level: GuardrailResult['level'] = 'warn',
  ) => ({ result: r, level });

  it('counts every status', () => {
    expect(
      summarize([
        result('pass'),
        result('fail'),
        result('fail'),
        result('skip'),
      ]),
    ).toEqual({
      pass: 1,
      fail: 2,
      warn: 0,
      error: 0,
      skip: 1,
    });
  });

  it('blocks on failures and on errors of enforcing guardrails only', () => {
    expect(
      hasBlocking([
        result('warn'),
        result('error', 'warn'),
        result('pass', 'block'),
      ]),
    ).toBe(false);
    expect(hasBlocking([result('fail', 'block')])).toBe(true);
    expect(hasBlocking([result('error', 'auto-correct')])).toBe(true);
    expect(
      [result('fail'), result('warn'), result('error'), result('skip')].map(
        isViolation,
      ),
    ).toEqual([true, true, false, false]);
  });
});
