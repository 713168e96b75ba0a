/*
 * What the guardrails catalog module puts on a component for its status: `guardrails.dev/*` labels (compliance,
 * enforcement level, rollout stage) and annotations (counts, evaluation time), read back as comparable strings.
 */
import { Entity } from '@backstage/catalog-model';
import { ApiEntitySummary } from '@guardrails-dev/plugin-guardrails-common';

/** What the catalog module puts on a component for a status (its `statusFields`), as a comparable string. */
export function expectedFields(status: ApiEntitySummary): string {
  return JSON.stringify([
    status.compliance,
    status.enforcementLevel,
    status.rolloutStage ?? null,
    String(status.violations),
    String(status.warnings),
    String(status.errors),
    status.evaluatedAt ?? null,
  ]);
}

/** What the catalog serves of a status on the entity; undefined before it has any. */
export function servedFields(entity: Entity | undefined): string | undefined {
  const labels = entity?.metadata.labels ?? {};
  const annotations = entity?.metadata.annotations ?? {};
  if (!labels['guardrails.dev/compliance']) return undefined;
  return JSON.stringify([
    labels['guardrails.dev/compliance'],
    labels['guardrails.dev/enforcement-level'],
    labels['guardrails.dev/rollout-stage'] ?? null,
    annotations['guardrails.dev/fail-count'],
    annotations['guardrails.dev/warn-count'],
    annotations['guardrails.dev/error-count'],
    annotations['guardrails.dev/evaluated-at'] ?? null,
  ]);
}

/** The entity's `guardrails.dev/*` labels, as `key=value` pairs. */
export function labelsOf(entity: Entity | undefined): string {
  return Object.entries(entity?.metadata.labels ?? {})
    .filter(([k]) => k.startsWith('guardrails.dev/'))
    .map(([k, v]) => `${k.slice('guardrails.dev/'.length)}=${v}`)
    .join(' ');
}
