/**
 * The REST API of the guardrails backend (`/api/guardrails`), shared by the backend, the frontend plugin and the
 * catalog module. Every type here is a name for a schema of the backend's OpenAPI spec
 * (plugins/guardrails-backend/src/schema/openapi.yaml), generated into ../generated: change the spec and run
 * `npm run openapi:generate`, never these shapes. Times are ISO 8601 strings; entity refs are full and lower-case
 * (`component:default/name`).
 */
import type { components } from '../generated';

/** Compliance of an entity in one environment, or overall. `unknown` is never shown as compliant. @public */
export type ComplianceState = components['schemas']['ComplianceState'];

/** A rollout stage with the instant it starts, resolved for display. @public */
export type ApiRolloutStage = components['schemas']['RolloutStage'];

/** A guardrail's rollout in one environment at the time of the answer. @public */
export type ApiEnvironmentRollout = components['schemas']['EnvironmentRollout'];

/** `GET /guardrails`: one guardrail of the pack. @public */
export type ApiGuardrail = components['schemas']['Guardrail'];

/** @public */
export type ApiGuardrailList = components['schemas']['GuardrailList'];

/** One violation (or evaluation error) on one Kubernetes object. @public */
export type ApiViolation = components['schemas']['Violation'];

/** A cluster whose last audit failed: its results are the last good ones. @public */
export type ApiStaleCluster = components['schemas']['StaleCluster'];

/**
 * A configured cluster that no audit has read successfully yet: it has no results, so what runs there is unknown and
 * nothing about it reads as compliant or as "0 affected". @public
 */
export type ApiMissingCluster = components['schemas']['MissingCluster'];

/** Counts of violations by enforcement level. @public */
export type LevelCounts = components['schemas']['LevelCounts'];

/** An entity's status in one environment. @public */
export type ApiEnvironmentReport = components['schemas']['EnvironmentReport'];

/** `GET /entities/:kind/:namespace/:name/report`. @public */
export type ApiEntityReport = components['schemas']['EntityReport'];

/** One day of counts (for trends). @public */
export type ApiHistoryPoint = components['schemas']['HistoryPoint'];

/** `GET /entities/:kind/:namespace/:name/history` and `GET /history`. @public */
export type ApiHistory = components['schemas']['History'];

/** One entity's status in `GET /summary`. @public */
export type ApiEntitySummary = components['schemas']['EntitySummary'];

/** `GET /summary`: every entity the suite knows, for the catalog processor. @public */
export type ApiSummary = components['schemas']['Summary'];

/** One object affected in a what-if. @public */
export type ApiImpactItem = components['schemas']['ImpactItem'];

/** `GET /impact?guardrail=ID&environment=ENV&level=LEVEL`. @public */
export type ApiImpact = components['schemas']['Impact'];

/** One object a stage change would affect. @public */
export type ApiReadinessObject = components['schemas']['ReadinessObject'];

/** One day of a stage change's burn-down. @public */
export type ApiReadinessPoint = components['schemas']['ReadinessPoint'];

/** One stage change ahead, with what it would affect, who was told and the burn-down. @public */
export type ApiReadinessChange = components['schemas']['ReadinessChange'];

/** `GET /readiness`: the stage changes of the next 60 days. @public */
export type ApiReadiness = components['schemas']['Readiness'];

/** One exemption with its status. @public */
export type ApiExemption = components['schemas']['Exemption'];

/** `GET /exemptions`. @public */
export type ApiExemptions = components['schemas']['Exemptions'];

/** `GET /distribution`: counts of violations by guardrail and environment (no per-team ranking). @public */
export type ApiDistribution = components['schemas']['Distribution'];

/** One resource of a ResourceQuota: hard, used (null when unknown) and their share (null when not computable). @public */
export type ApiQuotaResourceUsage = components['schemas']['QuotaResourceUsage'];

/** One ResourceQuota of a namespace with its resources. @public */
export type ApiQuotaUsage = components['schemas']['QuotaUsage'];

/** Whether a namespace's quotas were read by the cluster's last audit (`ok`), its last good one (`stale`) or never (`missing`). @public */
export type ApiUsageDataState = components['schemas']['UsageDataState'];

/**
 * Quota use of one namespace provisioned for an entity. With data `ok` or `stale`, `quotas: []` means the namespace
 * has no ResourceQuota, never 0 %. @public
 */
export type ApiEnvironmentUsage = components['schemas']['EnvironmentUsage'];

/** `GET /entities/:kind/:namespace/:name/usage`: quota use per environment and cluster. @public */
export type ApiEntityUsage = components['schemas']['EntityUsage'];

/** CPUs and GiB of memory. @public */
export type ApiCpuMemory = components['schemas']['CpuMemory'];

/** An environment's configured monthly prices per CPU and per GiB of memory. @public */
export type ApiCostPrice = components['schemas']['CostPrice'];

/** One cost centre's namespaces in one environment: reserved and used CPU and memory, and their monthly estimate. @public */
export type ApiCostRow = components['schemas']['CostRow'];

/** A configured monthly budget against the cost centre's estimate. @public */
export type ApiCostBudget = components['schemas']['CostBudget'];

/** One day's monthly estimate of what a cost centre's quotas reserved. @public */
export type ApiCostTrendPoint = components['schemas']['CostTrendPoint'];

/** `GET /costs`: quota use and its estimated monthly cost per cost centre and environment, budgets and trend. @public */
export type ApiCostReport = components['schemas']['CostReport'];

/** `POST /audit` answer. @public */
export type ApiAuditRun = components['schemas']['AuditRun'];

/** Quota and limit-range values of one size profile, as provisioning applies them. @public */
export type ApiSizeProfile = components['schemas']['SizeProfile'];

/** `GET /environments`: one configured environment, for the scaffolder environment picker. @public */
export type ApiEnvironment = components['schemas']['Environment'];

/** @public */
export type ApiEnvironmentList = components['schemas']['EnvironmentList'];

/** A binding's validation actions: observe `[Audit]`, warn `[Warn, Audit]`, block and auto-correct `[Deny]`. @public */
export type ApiValidationActions = components['schemas']['ValidationActions'];

/** `sync`: the backend keeps an environment's admission objects in its clusters; `off`: left to GitOps. @public */
export type ApiEnforcementMode = components['schemas']['EnforcementMode'];

/** An environment's enforcement mode and pause (who paused it, when and why). @public */
export type ApiEnforcementEnvironment =
  components['schemas']['EnforcementEnvironment'];

/** One admission object a sync created, updated or deleted. @public */
export type ApiEnforcementChange = components['schemas']['EnforcementChange'];

/** A change from the enforcement change log, with when it was made. @public */
export type ApiLoggedEnforcementChange =
  components['schemas']['LoggedEnforcementChange'];

/** A change the next sync would make, with the fields that differ. @public */
export type ApiPlannedEnforcementChange =
  components['schemas']['PlannedEnforcementChange'];

/** An admission object found edited or deleted by someone else. @public */
export type ApiEnforcementDrift = components['schemas']['EnforcementDrift'];

/** A cluster's last sync: when, its result, the changes it made and the drift it found. @public */
export type ApiEnforcementSync = components['schemas']['EnforcementSync'];

/** A binding as the suite last applied it to a cluster. @public */
export type ApiEnforcedBinding = components['schemas']['EnforcedBinding'];

/** One guardrail's stage change in an environment at the next scheduled change. @public */
export type ApiScheduledStageChange =
  components['schemas']['ScheduledStageChange'];

/** The next instant at which a cluster's admission changes, and what changes then. @public */
export type ApiScheduledEnforcementChange =
  components['schemas']['ScheduledEnforcementChange'];

/** One cluster's admission enforcement: status, what is enforced now, next change, last sync, recent changes. @public */
export type ApiClusterEnforcement = components['schemas']['ClusterEnforcement'];

/** `GET /enforcement`: the environments' modes and pauses, and every cluster's enforcement. @public */
export type ApiEnforcementState = components['schemas']['EnforcementState'];

/** What the next sync would change in one cluster. @public */
export type ApiClusterDryRun = components['schemas']['ClusterDryRun'];

/** `GET /enforcement/dry-run`: what the next sync would change, per cluster. @public */
export type ApiEnforcementDryRun = components['schemas']['EnforcementDryRun'];

/** Backstage's standard error body, as every failed answer carries it. @public */
export type ApiErrorBody = components['schemas']['Error'];

/** A rollout stage as written, re-exported for clients that render plans. @public */
export type { RolloutStage } from '../types';
