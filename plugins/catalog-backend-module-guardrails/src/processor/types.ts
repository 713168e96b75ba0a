import { ApiEntitySummary } from '@guardrails-dev/plugin-guardrails-common';

/** An in-memory view of every entity's status; the processor never calls a cluster or the API per entity. @public */
export interface ComplianceSnapshot {
  get(entityRef: string): Promise<ApiEntitySummary | undefined>;
  /**
   * The refs of the components whose summary lists this namespace Resource among the namespaces provisioned for
   * them (lower case, as the summary writes them); empty when none does. A snapshot without it relates no
   * namespaces.
   */
  provisionedFor?(resourceRef: string): Promise<string[]>;
}
