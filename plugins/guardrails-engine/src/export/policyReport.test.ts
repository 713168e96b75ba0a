import { golden } from '../__testing__/files';
import { GuardrailResult } from '@guardrails-dev/plugin-guardrails-common';
import { toPolicyReport, toPolicyReports, toYaml } from '../index';

const AT = new Date('2027-01-20T10:00:00.250Z');

const result = (overrides: Partial<GuardrailResult>): GuardrailResult => ({
  guardrail: 'pod.no-privileged',
  title: 'Containers must not run privileged',
  resource: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'shop',
    name: 'web',
    environment: 'prod',
    cluster: 'prod-eu-1',
  },
  result: 'fail',
  level: 'block',
  message: 'privileged containers: sidecar',
  severity: 'critical',
  category: 'preventive',
  ...overrides,
});

const results: GuardrailResult[] = [
  result({}),
  result({
    guardrail: 'pod.read-only-root-filesystem',
    result: 'warn',
    level: 'warn',
    severity: 'low',
    category: 'detective',
    message: 'writable',
    firstSeen: '2027-01-02T00:00:00.000Z',
    lastSeen: '2027-01-19T00:00:00.000Z',
  }),
  result({
    guardrail: 'pod.run-as-non-root',
    result: 'skip',
    level: 'block',
    message:
      'Exempted by legacy-web (migration) until 2027-01-31T00:00:00Z: moving base image',
    exemption: {
      name: 'legacy-web',
      status: 'active',
      reason: 'migration',
      justification: 'moving base image',
      owner: 'group:default/payments',
      approvedBy: 'user:default/platform-lead',
      expiresAt: '2027-01-31T00:00:00Z',
    },
  }),
  result({
    resource: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'billing',
      name: 'api',
    },
    result: 'pass',
    message: 'ok',
  }),
  result({
    guardrail: 'rbac.no-wildcard-rules',
    resource: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      name: 'ops',
    },
    result: 'error',
    level: 'warn',
    severity: 'high',
    message: 'Could not evaluate: boom',
  }),
];

describe('PolicyReport export', () => {
  it('groups results per namespace and matches the golden reports', () => {
    const actual = toYaml(toPolicyReports(results, { at: AT }));
    expect(actual).toBe(golden('policy-reports.yaml', actual));
  });

  it('builds the wgpolicyk8s.io/v1alpha2 shape with a summary', () => {
    const report = toPolicyReport(results.slice(0, 3), {
      namespace: 'shop',
      source: 'guardrails-audit',
      at: AT,
    }) as any;
    expect(report.apiVersion).toBe('wgpolicyk8s.io/v1alpha2');
    expect(report.kind).toBe('PolicyReport');
    expect(report.metadata).toEqual({
      name: 'guardrails',
      namespace: 'shop',
      labels: { 'app.kubernetes.io/managed-by': 'backstage-guardrails' },
    });
    expect(report.summary).toEqual({
      pass: 0,
      fail: 1,
      warn: 1,
      error: 0,
      skip: 1,
    });
    expect(report.results[0]).toEqual({
      source: 'guardrails-audit',
      policy: 'pod.no-privileged',
      rule: 'pod.no-privileged',
      category: 'preventive',
      severity: 'critical',
      result: 'fail',
      scored: true,
      message: 'privileged containers: sidecar',
      timestamp: { seconds: 1800439200, nanos: 250000000 },
      resources: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
          namespace: 'shop',
        },
      ],
      properties: {
        level: 'block',
        title: 'Containers must not run privileged',
        environment: 'prod',
        cluster: 'prod-eu-1',
      },
    });
    // lastSeen wins over the report time.
    expect(report.results[1].timestamp).toEqual({
      seconds: 1800316800,
      nanos: 0,
    });
    expect(report.results[2].properties).toMatchObject({
      exemption: 'legacy-web',
      exemptionStatus: 'active',
      exemptionExpiresAt: '2027-01-31T00:00:00Z',
    });
  });

  it('makes a ClusterPolicyReport for cluster-scoped objects and refuses mixed namespaces', () => {
    const cluster = toPolicyReport(results.slice(4), { at: AT }) as any;
    expect(cluster.kind).toBe('ClusterPolicyReport');
    expect(cluster.metadata.namespace).toBeUndefined();
    expect(cluster.results[0].resources).toEqual([
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        name: 'ops',
      },
    ]);
    expect(() =>
      toPolicyReport(results, { namespace: 'shop', at: AT }),
    ).toThrow(
      'PolicyReport for namespace shop cannot hold Deployment api in namespace billing; use toPolicyReports to group results',
    );
    expect(() => toPolicyReport(results.slice(0, 1), { at: AT })).toThrow(
      'ClusterPolicyReport cannot hold Deployment web in namespace shop',
    );
  });
});
