import { Entity } from '@backstage/catalog-model';
import type {
  ApiEntityReport,
  ApiEnvironmentList,
  ApiGuardrail,
  ApiGuardrailList,
  ApiViolation,
} from '@guardrails-dev/plugin-guardrails-common';

/** The instant the tests run at: 41 days before prod starts blocking privileged containers. */
export const NOW = new Date('2026-12-22T00:00:00.000Z');

/** Makes `new Date()` return `now` while timers stay real, so async UI queries keep working. */
export function fixClock(now: Date = NOW) {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

export const mappedEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

export const privileged: ApiGuardrail = {
  id: 'pod.no-privileged',
  title: 'Containers must not run privileged',
  category: 'preventive',
  severity: 'high',
  rationale:
    'A privileged container has root on the node and can escape to every other workload.',
  remediation: 'Remove securityContext.privileged or set it to false.',
  docsUrl: 'https://guardrails.example.com/pod.no-privileged',
  admission: { exportable: true },
  rollout: [
    { environment: 'dev', stages: [{ level: 'warn' }] },
    {
      environment: 'prod',
      stages: [
        { level: 'observe' },
        { level: 'warn', from: '2026-12-01T00:00:00.000Z' },
        { level: 'block', from: '2027-02-01T00:00:00.000Z' },
      ],
    },
  ],
};

export const limits: ApiGuardrail = {
  id: 'pod.resource-limits',
  title: 'Containers must declare resource limits',
  category: 'detective',
  severity: 'medium',
  rationale: 'Without limits one workload can starve its neighbours on a node.',
  remediation:
    'Set resources.limits.cpu and resources.limits.memory on every container.',
  admission: { exportable: false, reason: 'needs the namespace LimitRange' },
  rollout: [
    { environment: 'dev', stages: [{ level: 'observe' }] },
    {
      environment: 'prod',
      stages: [
        { level: 'warn' },
        { level: 'block', from: '2027-03-15T00:00:00.000Z' },
      ],
    },
  ],
};

export const guardrailList: ApiGuardrailList = {
  generatedAt: NOW.toISOString(),
  environments: ['dev', 'prod'],
  guardrails: [privileged, limits],
};

export function violation(overrides: Partial<ApiViolation> = {}): ApiViolation {
  return {
    guardrail: privileged.id,
    title: privileged.title,
    severity: 'high',
    category: 'preventive',
    result: 'warn',
    level: 'warn',
    message: 'container sidecar is privileged',
    resource: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'payments-prod',
      name: 'api',
      cluster: 'prod-eu-1',
      environment: 'prod',
    },
    firstSeen: '2026-12-19T00:00:00.000Z',
    lastSeen: '2026-12-21T23:00:00.000Z',
    source: 'audit',
    ...overrides,
  };
}

export const report: ApiEntityReport = {
  entityRef: 'component:default/payments-api',
  compliance: 'violating',
  evaluatedAt: '2026-12-21T23:00:00.000Z',
  environments: [
    {
      environment: 'dev',
      compliance: 'violating',
      counts: { observe: 1, warn: 0, block: 0, 'auto-correct': 0 },
      errors: 0,
      exempted: 0,
      evaluatedAt: '2026-12-21T23:00:00.000Z',
      stale: [],
      missing: [],
      violations: [
        violation({
          guardrail: limits.id,
          title: limits.title,
          severity: 'medium',
          category: 'detective',
          level: 'observe',
          message: 'container api has no memory limit',
          resource: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            namespace: 'payments-dev',
            name: 'api',
            cluster: 'dev-1',
            environment: 'dev',
          },
          exemption: {
            name: 'payments-limits',
            status: 'expired',
            reason: 'migration',
            justification: 'Moving to the new base image',
            owner: 'group:default/payments',
            approvedBy: 'user:default/platform-lead',
            expiresAt: '2026-12-12T00:00:00.000Z',
          },
        }),
      ],
    },
    {
      environment: 'prod',
      compliance: 'violating',
      counts: { observe: 0, warn: 1, block: 0, 'auto-correct': 0 },
      errors: 0,
      exempted: 2,
      evaluatedAt: '2026-12-21T20:00:00.000Z',
      stale: [
        {
          cluster: 'prod-us-1',
          error:
            "Cluster 'prod-us-1': list Pod in all namespaces failed: NetworkError (ETIMEDOUT: connection timed out)",
          failedAt: '2026-12-21T23:00:00.000Z',
          lastSuccessAt: '2026-12-21T20:00:00.000Z',
        },
      ],
      missing: [],
      violations: [violation()],
    },
  ],
};

/** Compliant in dev; prod's only cluster has never been audited successfully, so prod is unknown. */
export const notAuditedReport: ApiEntityReport = {
  entityRef: report.entityRef,
  compliance: 'unknown',
  evaluatedAt: '2026-12-21T23:00:00.000Z',
  environments: [
    {
      environment: 'dev',
      compliance: 'compliant',
      counts: { observe: 0, warn: 0, block: 0, 'auto-correct': 0 },
      errors: 0,
      exempted: 0,
      evaluatedAt: '2026-12-21T23:00:00.000Z',
      stale: [],
      missing: [],
      violations: [],
    },
    {
      environment: 'prod',
      compliance: 'unknown',
      counts: { observe: 0, warn: 0, block: 0, 'auto-correct': 0 },
      errors: 0,
      exempted: 0,
      stale: [],
      missing: [
        {
          cluster: 'prod-eu-1',
          error:
            "Cluster 'prod-eu-1': list Namespace in all namespaces failed: NetworkError (ECONNREFUSED: connection refused)",
          failedAt: '2026-12-21T23:00:00.000Z',
        },
      ],
      violations: [],
    },
  ],
};

/**
 * A report with `count` violations spread over both environments and all levels, of pod.no-privileged or, with
 * `guardrails` above 1, of as many guardrails `bench.rule-NN` (each at one level: rule k at the k-th level modulo 4).
 */
export function largeReport(count: number, guardrails = 1): ApiEntityReport {
  const levels = ['observe', 'warn', 'block', 'auto-correct'] as const;
  const guardrailOf = (i: number) => {
    if (guardrails === 1) return {};
    const k = String(i % guardrails).padStart(2, '0');
    return { guardrail: `bench.rule-${k}`, title: `Benchmark rule ${k}` };
  };
  const make = (environment: string, offset: number, n: number) =>
    Array.from({ length: n }, (_, i) =>
      violation({
        ...guardrailOf(i),
        level: levels[(i + offset) % levels.length],
        result: (i + offset) % 4 >= 2 ? 'fail' : 'warn',
        message: `container c${i} of deployment-${offset + i} is privileged`,
        resource: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: `payments-${environment}`,
          name: `deployment-${offset + i}`,
          cluster: `${environment}-1`,
          environment,
        },
      }),
    );
  const half = Math.floor(count / 2);
  return {
    entityRef: report.entityRef,
    compliance: 'violating',
    evaluatedAt: report.evaluatedAt,
    environments: [
      {
        ...report.environments[0],
        stale: [],
        violations: make('dev', 0, half),
      },
      {
        ...report.environments[1],
        stale: [],
        violations: make('prod', half, count - half),
      },
    ],
  };
}

export const environmentList: ApiEnvironmentList = {
  environments: [
    {
      name: 'dev',
      title: 'Development',
      clusters: ['dev-1'],
      podSecurity: 'baseline',
      networkPolicy: 'open-egress',
      ownerRole: 'edit',
      sizes: [
        {
          name: 'small',
          quota: { 'requests.cpu': '2', 'requests.memory': '4Gi' },
          limitRange: {
            defaultRequest: { cpu: '100m' },
            default: { cpu: '500m' },
          },
        },
      ],
      enforcement: {
        observe: 4,
        warn: 6,
        block: 0,
        'auto-correct': 0,
        none: 1,
      },
    },
    {
      name: 'prod',
      title: 'Production',
      clusters: ['prod-eu-1', 'prod-us-1'],
      podSecurity: 'restricted',
      networkPolicy: 'restricted-egress',
      ownerRole: 'view',
      sizes: [
        {
          name: 'small',
          quota: { 'requests.cpu': '4', 'requests.memory': '8Gi' },
          limitRange: {
            defaultRequest: { cpu: '200m' },
            default: { cpu: '1' },
          },
        },
        {
          name: 'large',
          quota: { 'requests.cpu': '16', 'requests.memory': '64Gi' },
          limitRange: {
            defaultRequest: { cpu: '500m' },
            default: { cpu: '2' },
            max: { cpu: '8' },
          },
        },
      ],
      enforcement: {
        observe: 1,
        warn: 3,
        block: 7,
        'auto-correct': 0,
        none: 0,
      },
    },
  ],
};
