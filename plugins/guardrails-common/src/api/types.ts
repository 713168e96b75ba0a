/**
 * The REST API of the guardrails backend (`/api/guardrails`), shared by the backend, the frontend plugin and the
 * catalog module. Times are ISO 8601 strings; entity refs are full and lower-case (`component:default/name`).
 */
import type { BaselineSize } from '../baseline';
import type {
  AppliedExemption,
  EnforcementLevel,
  ExemptionReason,
  ExemptionScope,
  GuardrailCategory,
  GuardrailSeverity,
  ResourceRef,
  ResultStatus,
  RolloutStage,
} from '../types';

/** Compliance of an entity in one environment, or overall. `unknown` is never shown as compliant. @public */
export type ComplianceState = 'compliant' | 'violating' | 'unknown';

/** A rollout stage with the instant it starts, resolved for display. @public */
export interface ApiRolloutStage {
  level: EnforcementLevel;
  /** ISO 8601 instant the stage starts; absent when it applies from the start. */
  from?: string;
}

/** A guardrail's rollout in one environment at the time of the answer. @public */
export interface ApiEnvironmentRollout {
  environment: string;
  stages: ApiRolloutStage[];
  /** The stage in force now; absent when the environment has no plan or its first stage has not started. */
  current?: ApiRolloutStage;
  /** The next stage to come, which teams must prepare for. */
  next?: ApiRolloutStage & { from: string; daysUntil: number };
}

/** `GET /guardrails`: one guardrail of the pack. @public */
export interface ApiGuardrail {
  id: string;
  title: string;
  category: GuardrailCategory;
  severity: GuardrailSeverity;
  rationale: string;
  remediation: string;
  docsUrl?: string;
  owner?: string;
  /** Whether it can be exported to ValidatingAdmissionPolicy, and why not. */
  admission: { exportable: boolean; reason?: string };
  rollout: ApiEnvironmentRollout[];
}

/** @public */
export interface ApiGuardrailList {
  generatedAt: string;
  environments: string[];
  guardrails: ApiGuardrail[];
}

/** One violation (or evaluation error) on one Kubernetes object. @public */
export interface ApiViolation {
  guardrail: string;
  title: string;
  severity: GuardrailSeverity;
  category: GuardrailCategory;
  /** `fail` at block/auto-correct, `warn` at observe/warn, `error` when the object could not be evaluated. */
  result: Extract<ResultStatus, 'fail' | 'warn' | 'error'>;
  level: EnforcementLevel;
  message: string;
  resource: ResourceRef & { cluster: string; environment: string };
  /** When this violation was first and last seen by an audit. */
  firstSeen: string;
  lastSeen: string;
  /** `audit` for the suite's own evaluation, `policyreport:<source>` for ingested reports. */
  source: string;
  /** An exemption that matched (active ones turn the result into `skip` and it is not listed here as violation). */
  exemption?: AppliedExemption;
}

/** A cluster whose last audit failed: its results are the last good ones. @public */
export interface ApiStaleCluster {
  cluster: string;
  error: string;
  failedAt: string;
  /** The last successful audit of this cluster, whose results are shown. */
  lastSuccessAt?: string;
}

/**
 * A configured cluster that no audit has read successfully yet: it has no results, so what runs there is unknown and
 * nothing about it reads as compliant or as "0 affected". @public
 */
export interface ApiMissingCluster {
  cluster: string;
  /** Why the last audit of the cluster failed; names the cluster, never its address. Absent when none has tried yet. */
  error?: string;
  failedAt?: string;
}

/** Counts of violations by enforcement level. @public */
export type LevelCounts = Record<EnforcementLevel, number>;

/** An entity's status in one environment. @public */
export interface ApiEnvironmentReport {
  environment: string;
  compliance: ComplianceState;
  counts: LevelCounts;
  errors: number;
  exempted: number;
  evaluatedAt?: string;
  stale: ApiStaleCluster[];
  /** Clusters of the environment never audited successfully: the entity may run there unseen, so it is `unknown`. */
  missing: ApiMissingCluster[];
  violations: ApiViolation[];
}

/** `GET /entities/:kind/:namespace/:name/report`. @public */
export interface ApiEntityReport {
  entityRef: string;
  compliance: ComplianceState;
  evaluatedAt?: string;
  environments: ApiEnvironmentReport[];
}

/** One day of counts (for trends). @public */
export interface ApiHistoryPoint {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  environment: string;
  guardrail: string;
  /** Violations at block/auto-correct. */
  failing: number;
  /** Violations at observe/warn. */
  warning: number;
  errors: number;
}

/** `GET /entities/:kind/:namespace/:name/history` and `GET /history`. @public */
export interface ApiHistory {
  from: string;
  to: string;
  points: ApiHistoryPoint[];
}

/** One entity's status in `GET /summary`. @public */
export interface ApiEntitySummary {
  compliance: ComplianceState;
  /** Strictest level among failing guardrails in the entity's most protected environment, or `none`. */
  enforcementLevel: EnforcementLevel | 'none';
  /** e.g. `prod.warn`: the most protected environment and its strictest current level. */
  rolloutStage?: string;
  violations: number;
  warnings: number;
  errors: number;
  /**
   * When an audit first found this status; later audits that find the same status leave it, so that an unchanged
   * summary stays byte for byte the same and the catalog rewrites nothing.
   */
  evaluatedAt?: string;
  /** Namespace Resource entities the suite provisioned for this component. */
  namespaces?: string[];
  /**
   * Why part of the entity's data is missing or stale, naming the clusters (never their addresses), e.g.
   * `cluster prod (prod) has never been audited successfully`. When set, compliance is never `compliant`.
   */
  missingData?: string;
}

/** `GET /summary`: every entity the suite knows, for the catalog processor. @public */
export interface ApiSummary {
  generatedAt: string;
  entities: Record<string, ApiEntitySummary>;
}

/** One object affected in a what-if. @public */
export interface ApiImpactItem {
  entityRef?: string;
  owner?: string;
  resource: ResourceRef & { cluster: string; environment: string };
  /** What would happen at the asked level. */
  outcome: 'blocked' | 'warned' | 'observed' | 'corrected';
  message: string;
}

/** `GET /impact?guardrail=ID&environment=ENV&level=LEVEL`. @public */
export interface ApiImpact {
  guardrail: string;
  environment: string;
  level: EnforcementLevel;
  evaluatedAt?: string;
  affected: ApiImpactItem[];
  /** Objects that would be affected but for an active exemption. */
  exempted: Array<ApiImpactItem & { exemption: string }>;
  totals: {
    entities: number;
    namespaces: number;
    workloads: number;
    unowned: number;
  };
  /** Clusters of the environment with no data: what runs there is not counted, so the totals are a lower bound. */
  missing: ApiMissingCluster[];
  /** Clusters of the environment whose last audit failed: their objects are counted from the last good audit. */
  stale: ApiStaleCluster[];
}

/** One exemption with its status. @public */
export interface ApiExemption {
  name: string;
  guardrails: string[];
  scope: ExemptionScope;
  reason: ExemptionReason;
  justification: string;
  owner: string;
  approvedBy: string;
  expiresAt: string;
  /** Whole days until expiry; negative once expired. */
  daysLeft: number;
}

/** `GET /exemptions`. @public */
export interface ApiExemptions {
  active: ApiExemption[];
  /** Active and expiring within 14 days (also listed in `active`). */
  expiringSoon: ApiExemption[];
  expired: ApiExemption[];
}

/** `GET /distribution`: counts of violations by guardrail and environment (no per-team ranking). @public */
export interface ApiDistribution {
  evaluatedAt?: string;
  /** Configured clusters never audited successfully: their objects are in no count. */
  missing: Array<ApiMissingCluster & { environment: string }>;
  /** Clusters whose last audit failed: their objects are counted from the last good audit. */
  stale: Array<ApiStaleCluster & { environment: string }>;
  rows: Array<{
    guardrail: string;
    environment: string;
    failing: number;
    warning: number;
    errors: number;
    exempted: number;
    passing: number;
  }>;
}

/** `POST /audit` answer. @public */
export interface ApiAuditRun {
  status: 'started' | 'already-running';
}

/** A rollout stage as written, re-exported for clients that render plans. @public */
export type { RolloutStage };

/** Quota and limit-range values of one size profile, as provisioning applies them. @public */
export type ApiSizeProfile = BaselineSize;

/** `GET /environments`: the configured environments, for the scaffolder environment picker. @public */
export interface ApiEnvironment {
  name: string;
  title: string;
  clusters: string[];
  podSecurity: 'privileged' | 'baseline' | 'restricted';
  networkPolicy: string;
  ownerRole: string;
  sizes: ApiSizeProfile[];
  /** How many guardrails are at each level in this environment now. */
  enforcement: LevelCounts & { none: number };
}

/** @public */
export interface ApiEnvironmentList {
  environments: ApiEnvironment[];
}
