/**
 * The REST API of the guardrails backend (`/api/guardrails`), shared by the backend, the frontend plugin and the
 * catalog module. Every type here is a name for a schema of the backend's OpenAPI spec
 * (plugins/guardrails-backend/src/schema/openapi.yaml), generated into ../generated: change the spec and run
 * `npm run openapi:generate`, never these shapes. Times are ISO 8601 strings; entity refs are full and lower-case
 * (`component:default/name`).
 */
import type { components } from '../generated';

type Schemas = components['schemas'];

/** Compliance of an entity in one environment, or overall. `unknown` is never shown as compliant. @public */
export type ComplianceState = Schemas['ComplianceState'];

/** A rollout stage with the instant it starts, resolved for display. @public */
export type ApiRolloutStage = Schemas['RolloutStage'];

/** A guardrail's rollout in one environment at the time of the answer. @public */
export type ApiEnvironmentRollout = Schemas['EnvironmentRollout'];

/** `GET /guardrails`: one guardrail of the pack. @public */
export type ApiGuardrail = Schemas['Guardrail'];

/** @public */
export type ApiGuardrailList = Schemas['GuardrailList'];

/** One violation (or evaluation error) on one Kubernetes object. @public */
export type ApiViolation = Schemas['Violation'];

/** A cluster whose last audit failed: its results are the last good ones. @public */
export type ApiStaleCluster = Schemas['StaleCluster'];

/**
 * A configured cluster that no audit has read successfully yet: it has no results, so what runs there is unknown and
 * nothing about it reads as compliant or as "0 affected". @public
 */
export type ApiMissingCluster = Schemas['MissingCluster'];

/** Counts of violations by enforcement level. @public */
export type LevelCounts = Schemas['LevelCounts'];

/** An entity's status in one environment. @public */
export type ApiEnvironmentReport = Schemas['EnvironmentReport'];

/** `GET /entities/:kind/:namespace/:name/report`. @public */
export type ApiEntityReport = Schemas['EntityReport'];

/** One day of counts (for trends). @public */
export type ApiHistoryPoint = Schemas['HistoryPoint'];

/** `GET /entities/:kind/:namespace/:name/history` and `GET /history`. @public */
export type ApiHistory = Schemas['History'];

/** One entity's status in `GET /summary`. @public */
export type ApiEntitySummary = Schemas['EntitySummary'];

/** `GET /summary`: every entity the suite knows, for the catalog processor. @public */
export type ApiSummary = Schemas['Summary'];

/** One object affected in a what-if. @public */
export type ApiImpactItem = Schemas['ImpactItem'];

/** `GET /impact?guardrail=ID&environment=ENV&level=LEVEL`. @public */
export type ApiImpact = Schemas['Impact'];

/** One exemption with its status. @public */
export type ApiExemption = Schemas['Exemption'];

/** `GET /exemptions`. @public */
export type ApiExemptions = Schemas['Exemptions'];

/** `GET /distribution`: counts of violations by guardrail and environment (no per-team ranking). @public */
export type ApiDistribution = Schemas['Distribution'];

/** `POST /audit` answer. @public */
export type ApiAuditRun = Schemas['AuditRun'];

/** Quota and limit-range values of one size profile, as provisioning applies them. @public */
export type ApiSizeProfile = Schemas['SizeProfile'];

/** `GET /environments`: one configured environment, for the scaffolder environment picker. @public */
export type ApiEnvironment = Schemas['Environment'];

/** @public */
export type ApiEnvironmentList = Schemas['EnvironmentList'];

/** Backstage's standard error body, as every failed answer carries it. @public */
export type ApiErrorBody = Schemas['Error'];

/** A rollout stage as written, re-exported for clients that render plans. @public */
export type { RolloutStage } from '../types';
