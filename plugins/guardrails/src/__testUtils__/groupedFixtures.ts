import type {
  ApiEntityReport,
  ApiGuardrail,
  ApiGuardrailList,
  ApiViolation,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  guardrailList,
  limits,
  privileged,
  report,
  violation,
} from './fixtures';

// At NOW (2026-12-22): read-only root becomes warn in dev in 14 days, privileged becomes block in prod in 41 days,
// limits become block in prod in 83 days; probes stay at observe.

export const readOnlyRoot: ApiGuardrail = {
  ...privileged,
  id: 'pod.read-only-root-filesystem',
  title: 'Containers should use a read-only root file system',
  severity: 'low',
  rationale: 'A writable root file system lets an intruder drop tools.',
  remediation: 'Set securityContext.readOnlyRootFilesystem to true.',
  docsUrl: undefined,
  rollout: [
    {
      environment: 'dev',
      stages: [
        { level: 'observe' },
        { level: 'warn', from: '2027-01-05T00:00:00.000Z' },
      ],
    },
    { environment: 'prod', stages: [{ level: 'observe' }] },
  ],
};

export const probes: ApiGuardrail = {
  ...limits,
  id: 'pod.health-probes',
  title: 'Containers should declare health probes',
  rationale: 'Without probes a broken container keeps receiving traffic.',
  remediation: 'Add livenessProbe and readinessProbe to every container.',
  rollout: [
    { environment: 'dev', stages: [{ level: 'observe' }] },
    { environment: 'prod', stages: [{ level: 'observe' }] },
  ],
};

export const groupedGuardrailList: ApiGuardrailList = {
  ...guardrailList,
  guardrails: [privileged, limits, readOnlyRoot, probes],
};

function on(
  environment: 'dev' | 'prod',
  name: string,
  guardrail: ApiGuardrail | { id: string; title: string; severity: 'medium' },
  overrides: Partial<ApiViolation> = {},
): ApiViolation {
  return violation({
    guardrail: guardrail.id,
    title: guardrail.title,
    severity: guardrail.severity,
    message: `${guardrail.id} fails on ${name} in ${environment}`,
    resource: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: `payments-${environment}`,
      name,
      cluster: environment === 'dev' ? 'dev-1' : 'prod-eu-1',
      environment,
    },
    ...overrides,
  });
}

const kyvernoLabels = {
  id: 'kyverno/require-labels/check-team',
  title: 'require-labels/check-team',
  severity: 'medium' as const,
};

const exemption = (expiresAt: string) => ({
  name: 'payments-migration',
  status: 'active' as const,
  reason: 'migration' as const,
  justification: 'Moving to the new base image',
  owner: 'group:default/payments',
  approvedBy: 'user:default/platform-lead',
  expiresAt,
});

/**
 * Ten violations of five guardrails: privileged on four objects (one prod object exempted past its block date),
 * limits at observe in dev and warn in prod (exempted until before its block date), a Kyverno rule the pack does
 * not have, and two guardrails only at observe.
 */
export const groupedReport: ApiEntityReport = {
  ...report,
  environments: [
    {
      ...report.environments[0],
      counts: { observe: 3, warn: 3, block: 0, 'auto-correct': 0 },
      violations: [
        on('dev', 'api', privileged),
        on('dev', 'worker', privileged),
        on('dev', 'api', limits, { level: 'observe' }),
        on('dev', 'api', readOnlyRoot, { level: 'observe' }),
        on('dev', 'api', probes, { level: 'observe' }),
        on('dev', 'api', kyvernoLabels, { source: 'policyreport:kyverno' }),
      ],
    },
    {
      ...report.environments[1],
      stale: [],
      counts: { observe: 1, warn: 3, block: 0, 'auto-correct': 0 },
      violations: [
        on('prod', 'api', privileged),
        on('prod', 'worker', privileged, {
          exemption: exemption('2027-03-01T00:00:00.000Z'),
        }),
        on('prod', 'api', limits, {
          exemption: exemption('2027-01-10T00:00:00.000Z'),
        }),
        on('prod', 'api', probes, { level: 'observe' }),
      ],
    },
  ],
};
