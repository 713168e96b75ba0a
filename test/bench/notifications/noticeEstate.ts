import { stringify } from 'yaml';
import type { StoredResult } from '../../../plugins/guardrails-backend/src/db';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Guardrails that become block in prod a week from now, and one that blocks already. */
export const TIGHTENING = [
  'bench.no-privileged',
  'bench.run-as-non-root',
  'bench.resource-limits',
];
export const BLOCKING = 'bench.health-probes';
/** Components whose bench.no-privileged violations are exempted, expiring in two days. */
export const EXEMPTED = 200;

function midnight(at: Date): Date {
  return new Date(
    Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()),
  );
}

/**
 * The pack, with dates relative to `now` (the backend loads it at the real time): each tightening guardrail warns in
 * prod and becomes block in a week; the blocking one has blocked for ten days; the first `EXEMPTED` components have an
 * exemption of bench.no-privileged that expires in two days.
 */
export function noticePack(now: Date, components: number): string {
  const blockAt = new Date(midnight(now).getTime() + 7 * DAY_MS);
  const day = (days: number) =>
    new Date(midnight(now).getTime() + days * DAY_MS)
      .toISOString()
      .slice(0, 10);
  const guardrail = (id: string, prod: object[]) => ({
    apiVersion: 'guardrails.dev/v1alpha1',
    kind: 'Guardrail',
    metadata: { name: id },
    spec: {
      title: `Benchmark guardrail ${id}`,
      category: 'preventive',
      severity: 'high',
      rationale: 'Stands for a guardrail of a real pack.',
      remediation: 'Change the workload so that it complies.',
      match: { resources: [{ apiGroups: ['apps'], kinds: ['Deployment'] }] },
      validations: [{ expression: 'true' }],
      rollout: { prod },
    },
  });
  const documents = [
    ...TIGHTENING.map(id =>
      guardrail(id, [
        { level: 'observe' },
        { level: 'warn', from: day(-30) },
        { level: 'block', from: blockAt.toISOString().slice(0, 10) },
      ]),
    ),
    guardrail(BLOCKING, [
      { level: 'observe' },
      { level: 'warn', from: day(-30) },
      { level: 'block', from: day(-10) },
    ]),
    ...Array.from({ length: Math.min(EXEMPTED, components) }, (_, i) => ({
      apiVersion: 'guardrails.dev/v1alpha1',
      kind: 'GuardrailExemption',
      metadata: { name: `svc-${i}-privileged` },
      spec: {
        guardrails: [TIGHTENING[0]],
        scope: { entity: `component:default/svc-${i}`, environments: ['prod'] },
        reason: 'migration',
        justification: 'Moving to the unprivileged base image',
        owner: `group:default/team-${i % 500}`,
        approvedBy: 'user:default/platform-lead',
        expiresAt: new Date(now.getTime() + 2 * DAY_MS).toISOString(),
      },
    })),
  ];
  return documents.map(d => stringify(d)).join('---\n');
}

/**
 * The prod cluster's results as one audit stores them: per component two Deployments failing each tightening
 * guardrail at warn (exempted from the first for the first `EXEMPTED` components), and for one component in ten an
 * object failing the blocking guardrail at block.
 */
export function noticeResults(components: number, now: Date): StoredResult[] {
  const results: StoredResult[] = [];
  for (let i = 0; i < components; i++) {
    const entityRef = `component:default/svc-${i}`;
    const namespace = `team-${i % 500}`;
    const result = (
      guardrail: string,
      name: string,
      status: StoredResult['result'],
      level: StoredResult['level'],
    ): StoredResult => ({
      guardrail,
      title: `Benchmark guardrail ${guardrail}`,
      resource: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace,
        name,
        cluster: 'prod',
        environment: 'prod',
      },
      result: status,
      level,
      message: `${name} fails ${guardrail}`,
      severity: 'high',
      category: 'preventive',
      entityRef,
      owner: `group:default/${namespace}`,
      cluster: 'prod',
      environment: 'prod',
      source: 'audit',
      ...(status === 'skip'
        ? {
            exemption: {
              name: `svc-${i}-privileged`,
              status: 'active' as const,
              reason: 'migration' as const,
              justification: 'Moving to the unprivileged base image',
              owner: `group:default/${namespace}`,
              approvedBy: 'user:default/platform-lead',
              expiresAt: new Date(now.getTime() + 2 * DAY_MS).toISOString(),
            },
          }
        : {}),
    });
    for (const name of [`svc-${i}-api`, `svc-${i}-worker`]) {
      TIGHTENING.forEach((guardrail, g) =>
        results.push(
          result(
            guardrail,
            name,
            g === 0 && i < EXEMPTED ? 'skip' : 'warn',
            'warn',
          ),
        ),
      );
    }
    if (i % 10 === 0) {
      results.push(result(BLOCKING, `svc-${i}-api`, 'fail', 'block'));
    }
  }
  return results;
}
