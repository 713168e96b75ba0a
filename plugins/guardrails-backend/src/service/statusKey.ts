import { ApiEntitySummary } from '@guardrails-dev/plugin-guardrails-common';

/**
 * An entity's summary status without its time: what the catalog puts on the entity. Equal keys mean an audit found
 * the same status again.
 */
export function statusKey(status: ApiEntitySummary): string {
  return JSON.stringify([
    status.compliance,
    status.enforcementLevel,
    status.rolloutStage ?? null,
    status.violations,
    status.warnings,
    status.errors,
    status.namespaces ?? [],
    status.missingData ?? null,
  ]);
}
