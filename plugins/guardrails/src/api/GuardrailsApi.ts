import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ApiAuditRun,
  ApiCostReport,
  ApiDistribution,
  ApiEnforcementDryRun,
  ApiEnforcementEnvironment,
  ApiEnforcementState,
  ApiEntityReport,
  ApiEntityUsage,
  ApiEnvironmentList,
  ApiExemptions,
  ApiGuardrailList,
  ApiHistory,
  ApiImpact,
  ApiReadiness,
  ApiSummary,
  EnforcementLevel,
} from '@guardrails-dev/plugin-guardrails-common';

/**
 * A what-if question: what would happen if a guardrail were at this level in this environment.
 *
 * @public
 */
export interface GuardrailImpactRequest {
  guardrail: string;
  environment: string;
  level: EnforcementLevel;
}

/**
 * Options of the history endpoints.
 *
 * @public
 */
export interface GuardrailHistoryOptions {
  /** How many days back from today (a whole number from 1 to 365); the backend's default (30) when omitted. */
  days?: number;
}

/**
 * Reads guardrails, results, history, what-if impact and exemptions from the guardrails backend.
 *
 * @public
 */
export interface GuardrailsApi {
  /** The guardrail pack with each guardrail's rollout across environments. */
  getGuardrails(): Promise<ApiGuardrailList>;
  /** The entity's report, or undefined when no audit has produced results for it yet. */
  getEntityReport(
    entity: CompoundEntityRef,
  ): Promise<ApiEntityReport | undefined>;
  /** Daily counts of the entity's violations. */
  getEntityHistory(
    entity: CompoundEntityRef,
    options?: GuardrailHistoryOptions,
  ): Promise<ApiHistory>;
  /** Daily counts of violations across all entities. */
  getHistory(options?: GuardrailHistoryOptions): Promise<ApiHistory>;
  /** Counts of results by guardrail and environment. */
  getDistribution(): Promise<ApiDistribution>;
  /** Every entity's compliance status. */
  getSummary(): Promise<ApiSummary>;
  /** What a guardrail would block, warn or correct at another level in an environment. */
  getImpact(request: GuardrailImpactRequest): Promise<ApiImpact>;
  /**
   * The stage changes of the next 60 days, each with what it would affect on its date, the owners, the notices sent
   * and the daily burn-down.
   */
  getReadiness(): Promise<ApiReadiness>;
  /** Exemptions: active, expiring soon and expired. */
  getExemptions(): Promise<ApiExemptions>;
  /** The configured environments with their size profiles and enforcement summary. */
  getEnvironments(): Promise<ApiEnvironmentList>;
  /** Starts an audit of every cluster now. */
  runAudit(): Promise<ApiAuditRun>;
  /** Admission enforcement per cluster: status, what is enforced now, the next change, the last sync. */
  getEnforcementState(): Promise<ApiEnforcementState>;
  /** What the next sync would change in each cluster, as a diff; writes nothing. */
  getEnforcementDryRun(): Promise<ApiEnforcementDryRun>;
  /**
   * Pauses admission enforcement of an environment from the next sync (its bindings audit only) and starts that
   * sync; `reason` (at most 500 characters) is shown with the pause.
   */
  pauseEnforcement(
    environment: string,
    options?: { reason?: string },
  ): Promise<ApiEnforcementEnvironment>;
  /** Resumes admission enforcement of an environment from the next sync; starts that sync. */
  resumeEnforcement(environment: string): Promise<ApiEnforcementEnvironment>;
  /** Quota use of each namespace provisioned for the entity, per environment and cluster. */
  getEntityUsage(entity: CompoundEntityRef): Promise<ApiEntityUsage>;
  /** Reserved and used CPU and memory with their estimated monthly cost per cost centre, budgets and the trend. */
  getCosts(options?: GuardrailHistoryOptions): Promise<ApiCostReport>;
}

/** @public */
export const guardrailsApiRef = createApiRef<GuardrailsApi>({
  id: 'plugin.guardrails.service',
});
