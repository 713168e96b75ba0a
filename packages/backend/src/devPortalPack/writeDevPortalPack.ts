import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The pack directory the dev portal's app-config.yaml names (`guardrails.packs`), under the backend's directory. */
export const DEV_PORTAL_PACK_DIR = 'dev-portal-pack';

/** Days from the start until each date; both within the notices' 14-day horizon. */
export const DAYS_TO_BLOCK = 10;
export const DAYS_TO_EXPIRY = 10;

function dayOf(at: Date, days: number): string {
  const midnight = Date.UTC(
    at.getUTCFullYear(),
    at.getUTCMonth(),
    at.getUTCDate(),
  );
  return new Date(midnight + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The dev portal's own pack layer, with dates relative to the day it starts, so a fresh portal always has something
 * due soon to tell its owners: workload.min-replicas becomes block in prod in 10 days (search-indexer runs one
 * replica there), and an exemption of search-indexer's reindex CronJob from workload.ownership-labels in staging
 * expires in 10 days. Both go to the platform team, which owns search-indexer and the guest belongs to. Nothing the
 * portal's tour shows changes: search-indexer still fails both guardrails through its Deployment.
 */
export function devPortalPack(now: Date): string {
  const documents = [
    {
      apiVersion: 'guardrails.dev/v1alpha1',
      kind: 'GuardrailOverride',
      // An override is named by the guardrail it changes; its rollout replaces the whole plan.
      metadata: { name: 'workload.min-replicas' },
      spec: {
        rollout: {
          prod: [
            { level: 'observe' },
            { level: 'warn', from: dayOf(now, -30) },
            { level: 'block', from: dayOf(now, DAYS_TO_BLOCK) },
          ],
        },
      },
    },
    {
      apiVersion: 'guardrails.dev/v1alpha1',
      kind: 'GuardrailExemption',
      metadata: { name: 'search-indexer-reindex-labels' },
      spec: {
        guardrails: ['workload.ownership-labels'],
        scope: {
          entity: 'component:default/search-indexer',
          environments: ['staging'],
          resources: [{ kind: 'CronJob', name: 'search-indexer-reindex' }],
        },
        reason: 'migration',
        justification:
          'The reindex job moves to the shared batch chart, which sets the owner and cost-centre labels',
        owner: 'group:default/platform',
        approvedBy: 'user:default/platform-lead',
        expiresAt: `${dayOf(now, DAYS_TO_EXPIRY)}T00:00:00Z`,
      },
    },
  ];
  return [
    '# Written by the dev portal at each start (packages/backend/src/devPortalPack): dates relative to that day.',
    ...documents.map(d => `---\n${stringify(d)}`),
  ].join('\n');
}

/** Writes the layer into `<directory>/dev-portal.yaml`, replacing the one of an earlier start. */
export function writeDevPortalPack(directory: string, now = new Date()): void {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'dev-portal.yaml'), devPortalPack(now));
}
