import {
  buildNamespaceBaseline,
  baselineInputProblems,
} from './namespaceBaseline';
import { NamespaceBaselineInput } from './types';

const input: NamespaceBaselineInput = {
  namespace: 'payments-api-prod',
  environment: 'prod',
  owner: 'group:default/payments',
  component: 'component:default/payments-api',
  costCenter: 'cc-1234',
  profile: {
    podSecurity: 'restricted',
    networkPolicy: 'deny-all',
    ownerRole: 'view',
  },
  size: {
    name: 'small',
    quota: {
      'requests.cpu': '2',
      'requests.memory': '4Gi',
      'limits.cpu': '4',
      'limits.memory': '8Gi',
      pods: '20',
    },
    limitRange: {
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      default: { cpu: '500m', memory: '512Mi' },
      max: { cpu: '2', memory: '4Gi' },
    },
  },
};

describe('buildNamespaceBaseline', () => {
  it('labels the namespace with environment, owner, component, cost centre and Pod Security', () => {
    const { namespace } = buildNamespaceBaseline({
      ...input,
      extraLabels: { team: 'payments' },
    });
    expect(namespace.metadata?.labels).toEqual({
      team: 'payments',
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
    expect(namespace.metadata?.annotations).toEqual({
      'guardrails.dev/entity-ref': 'component:default/payments-api',
      'guardrails.dev/owner-ref': 'group:default/payments',
      'guardrails.dev/size': 'small',
    });
  });

  it('does not let extra labels override the suite labels', () => {
    const { namespace } = buildNamespaceBaseline({
      ...input,
      extraLabels: {
        'guardrails.dev/environment': 'dev',
        'pod-security.kubernetes.io/enforce': 'privileged',
      },
    });
    expect(namespace.metadata?.labels?.['guardrails.dev/environment']).toBe(
      'prod',
    );
    expect(
      namespace.metadata?.labels?.['pod-security.kubernetes.io/enforce'],
    ).toBe('restricted');
  });

  it('builds quota, limits, deny-all policies with DNS, owner binding and deploy account', () => {
    const { objects } = buildNamespaceBaseline(input);
    expect(objects.map(o => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'ResourceQuota/guardrails-quota',
      'LimitRange/guardrails-limits',
      'NetworkPolicy/default-deny',
      'NetworkPolicy/allow-same-namespace',
      'NetworkPolicy/allow-dns',
      'RoleBinding/owner',
      'ServiceAccount/deploy',
      'RoleBinding/deploy',
    ]);
    expect(
      objects.every(o => o.metadata?.namespace === 'payments-api-prod'),
    ).toBe(true);
    const deny = objects.find(o => o.metadata?.name === 'default-deny')!;
    expect(deny.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    const owner = objects.find(o => o.metadata?.name === 'owner')!;
    expect(owner.roleRef).toMatchObject({ kind: 'ClusterRole', name: 'view' });
    expect(owner.subjects).toEqual([
      {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Group',
        name: 'payments',
      },
    ]);
    const quota = objects.find(o => o.kind === 'ResourceQuota')!;
    expect(quota.spec).toEqual({ hard: input.size.quota });
  });

  it('denies only ingress when egress is allowed', () => {
    const { objects } = buildNamespaceBaseline({
      ...input,
      profile: { ...input.profile, networkPolicy: 'deny-ingress' },
    });
    expect(objects.find(o => o.metadata?.name === 'allow-dns')).toBeUndefined();
    expect(
      objects.find(o => o.metadata?.name === 'default-deny')!.spec,
    ).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
    });
  });

  it('rejects invalid input with every problem named', () => {
    const bad = {
      ...input,
      namespace: 'Payments_NS',
      owner: 'payments',
      costCenter: 'cost centre 1',
    };
    expect(baselineInputProblems(bad)).toHaveLength(3);
    expect(() => buildNamespaceBaseline(bad)).toThrow(
      /namespace 'Payments_NS'.*owner 'payments'.*cost centre 'cost centre 1'/,
    );
  });

  it.each([
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['payments-API', false],
    ['-payments', false],
    ['payments-', false],
    ['payments.api', false],
    ['', false],
  ])('takes namespace %j as a DNS-1123 label: %s', (namespace, valid) => {
    expect(baselineInputProblems({ ...input, namespace })).toHaveLength(
      valid ? 0 : 1,
    );
  });

  it.each([
    ['C'.repeat(63), true],
    ['cc_1234.eu-West', true],
    ['c'.repeat(64), false],
    ['-cc', false],
    ['cc.', false],
    ['', false],
  ])(
    'takes cost centre %j as a non-empty label value: %s',
    (costCenter, valid) => {
      expect(baselineInputProblems({ ...input, costCenter })).toHaveLength(
        valid ? 0 : 1,
      );
    },
  );

  it('allows an empty extra label value, not an invalid one', () => {
    expect(
      baselineInputProblems({ ...input, extraLabels: { tier: '' } }),
    ).toEqual([]);
    expect(
      baselineInputProblems({ ...input, extraLabels: { tier: '-gold' } }),
    ).toEqual(["extra label tier='-gold' has an invalid value"]);
  });
});
