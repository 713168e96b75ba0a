import { stringify } from 'yaml';

type Spec = Record<string, unknown>;

/** A valid Guardrail document; `spec` entries replace the defaults (undefined removes one). */
export function guardrailDocument(
  id: string,
  spec: Spec = {},
): Record<string, unknown> {
  const base: Spec = {
    title: `Title of ${id}`,
    category: 'preventive',
    severity: 'high',
    rationale: `Why ${id} exists.`,
    remediation: `How to fix ${id}.`,
    match: { resources: [{ apiGroups: [''], kinds: ['Pod'] }] },
    validations: [
      {
        expression:
          'object.spec.containers.all(c, !has(c.securityContext) || !has(c.securityContext.privileged) || !c.securityContext.privileged)',
        message: 'a container is privileged',
      },
    ],
    rollout: {
      dev: [{ level: 'warn' }],
      prod: [
        { level: 'observe' },
        { level: 'warn', from: '2026-12-01' },
        { level: 'block', from: '2027-02-01' },
      ],
    },
  };
  const merged = Object.fromEntries(
    Object.entries({ ...base, ...spec }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  return {
    apiVersion: 'guardrails.dev/v1alpha1',
    kind: 'Guardrail',
    metadata: { name: id },
    spec: merged,
  };
}

/** A valid GuardrailExemption document; `spec` entries replace the defaults. */
export function exemptionDocument(
  name: string,
  spec: Spec = {},
): Record<string, unknown> {
  const base: Spec = {
    guardrails: ['pod.no-privileged'],
    scope: { entity: 'component:default/payments', environments: ['dev'] },
    reason: 'migration',
    justification: 'Moving to the new base image this sprint.',
    owner: 'group:default/payments',
    approvedBy: 'user:default/platform-lead',
    expiresAt: '2027-01-31T00:00:00Z',
  };
  return {
    apiVersion: 'guardrails.dev/v1alpha1',
    kind: 'GuardrailExemption',
    metadata: { name },
    spec: Object.fromEntries(
      Object.entries({ ...base, ...spec }).filter(
        ([, value]) => value !== undefined,
      ),
    ),
  };
}

/** Documents as one multi-document YAML text. */
export function yamlDocuments(...documents: unknown[]): string {
  return documents.map(d => stringify(d, { lineWidth: 0 })).join('---\n');
}
