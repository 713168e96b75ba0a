import { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import { parsePack } from '@guardrails-dev/plugin-guardrails-engine';
import { stringify } from 'yaml';

/** pod.no-privileged becomes block in prod at this instant (midnight UTC). */
export const BLOCK_AT = new Date('2027-02-01T00:00:00.000Z');
export const DAY_MS = 24 * 60 * 60 * 1000;
export const PAYMENTS = 'component:default/payments';

/** An instant `days` (may be fractional) before `at`, `ms` earlier still. */
export function daysBefore(at: Date, days: number, ms = 0): Date {
  return new Date(at.getTime() - days * DAY_MS - ms);
}

export interface TestPackOptions {
  /** The prod plan of pod.no-privileged; warn from 30 days before {@link BLOCK_AT}, then block, unless given. */
  prod?: Array<{ level: string; from?: string }>;
  /** Exemptions of pod.no-privileged for payments, by name and expiry. */
  exemptions?: Array<{
    name: string;
    expiresAt: string;
    environments?: string[];
  }>;
  /** The instant the pack is loaded at: exemptions may run at most 90 days from it. */
  loadedAt: Date;
}

/** A one-guardrail pack (and its exemptions) as a platform team writes it, parsed as the backend loads it. */
export function testPack(options: TestPackOptions): GuardrailPack {
  const documents = [
    {
      apiVersion: 'guardrails.dev/v1alpha1',
      kind: 'Guardrail',
      metadata: { name: 'pod.no-privileged' },
      spec: {
        title: 'Containers must not run privileged',
        category: 'preventive',
        severity: 'high',
        rationale: 'A privileged container can take over the node it runs on.',
        remediation: 'Remove securityContext.privileged from every container.',
        match: { resources: [{ apiGroups: [''], kinds: ['Pod'] }] },
        validations: [
          { expression: 'true', message: 'containers must not be privileged' },
        ],
        rollout: {
          dev: [{ level: 'warn' }],
          prod: options.prod ?? [
            { level: 'observe' },
            { level: 'warn', from: daysBefore(BLOCK_AT, 30).toISOString() },
            { level: 'block', from: BLOCK_AT.toISOString() },
          ],
        },
      },
    },
    ...(options.exemptions ?? []).map(exemption => ({
      apiVersion: 'guardrails.dev/v1alpha1',
      kind: 'GuardrailExemption',
      metadata: { name: exemption.name },
      spec: {
        guardrails: ['pod.no-privileged'],
        scope: {
          entity: PAYMENTS,
          environments: exemption.environments ?? ['prod'],
        },
        reason: 'migration',
        justification: 'Moving to the unprivileged base image',
        owner: 'group:default/payments-team',
        approvedBy: 'user:default/platform-lead',
        expiresAt: exemption.expiresAt,
      },
    })),
  ];
  const { pack } = parsePack(
    [
      {
        path: 'test-pack.yaml',
        content: documents.map(d => stringify(d)).join('---\n'),
      },
    ],
    { now: options.loadedAt, environments: ['dev', 'prod'] },
  );
  return pack;
}
