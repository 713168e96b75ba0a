import { ApiEntitySummary } from '@guardrails-dev/plugin-guardrails-common';

/** An in-memory view of every entity's status; the processor never calls a cluster or the API per entity. */
export interface ComplianceSnapshot {
  get(entityRef: string): Promise<ApiEntitySummary | undefined>;
}
