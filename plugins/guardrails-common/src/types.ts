/**
 * Domain types of Guardrails for Backstage. The YAML policy format maps onto
 * these one to one (see the package README for the format reference).
 */

/** Enforcement levels, from the mildest to the strictest. @public */
export const ENFORCEMENT_LEVELS = [
  'observe',
  'warn',
  'block',
  'auto-correct',
] as const;

/**
 * What happens when a guardrail fails: `observe` records only, `warn` gives
 * visible feedback, `block` denies, `auto-correct` restores the safe state.
 * @public
 */
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];

/** @public */
export const GUARDRAIL_CATEGORIES = [
  'preventive',
  'detective',
  'corrective',
] as const;

/** @public */
export type GuardrailCategory = (typeof GUARDRAIL_CATEGORIES)[number];

/** Severities, from the most to the least severe. @public */
export const GUARDRAIL_SEVERITIES = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
] as const;

/** @public */
export type GuardrailSeverity = (typeof GUARDRAIL_SEVERITIES)[number];

/** @public */
export const EXEMPTION_REASONS = [
  'incident',
  'migration',
  'vendor',
  'false-positive',
] as const;

/** @public */
export type ExemptionReason = (typeof EXEMPTION_REASONS)[number];

/** The API version of every document in a guardrail pack. @public */
export const GUARDRAILS_API_VERSION = 'guardrails.dev/v1alpha1';

/** Where a pack document came from, for error messages and tooling. @public */
export interface PackLocation {
  file: string;
  /** Zero-based position of the document in its file. */
  documentIndex: number;
}

/** Resources a guardrail applies to, by API group and kind (`*` matches any). @public */
export interface ResourceMatch {
  apiGroups: string[];
  kinds: string[];
}

/** @public */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

/** A Kubernetes label selector. @public */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/**
 * Admission operations a guardrail can check. `CREATE` and `UPDATE` concern the
 * object as written, which the audit and the CLI check too; `DELETE` is seen
 * only at admission.
 * @public
 */
export const ADMISSION_OPERATIONS = ['CREATE', 'UPDATE', 'DELETE'] as const;

/** @public */
export type AdmissionOperation = (typeof ADMISSION_OPERATIONS)[number];

/** @public */
export interface GuardrailMatch {
  resources: ResourceMatch[];
  /**
   * The operations admission checks; `CREATE` and `UPDATE` when omitted.
   * `[DELETE]` makes an admission-only guardrail: the object being deleted is
   * `oldObject`, and audits and the CLI give it no results.
   */
  operations?: AdmissionOperation[];
  /** Only objects in namespaces whose labels match (for a Namespace: its own labels). */
  namespaceSelector?: LabelSelector;
  /** Only objects whose own labels match. */
  objectSelector?: LabelSelector;
}

/** A named CEL expression, available to later variables and validations as `variables.<name>`. @public */
export interface GuardrailVariable {
  name: string;
  expression: string;
}

/** A CEL expression that must be true for the object to comply. @public */
export interface GuardrailValidation {
  expression: string;
  message?: string;
  /** A CEL expression producing the message; falls back to `message` when it fails. */
  messageExpression?: string;
}

/** One step of a rollout: a level, in force from an instant (or from the start). @public */
export interface RolloutStage {
  level: EnforcementLevel;
  /** `YYYY-MM-DD` (midnight UTC) or an ISO 8601 timestamp with a zone, as written in the pack. */
  from?: string;
}

/** Ordered stages per environment name. @public */
export type RolloutPlan = Record<string, RolloutStage[]>;

/** JSON-like values allowed in guardrail parameters. @public */
export type ParamValue =
  | string
  | number
  | boolean
  | null
  | ParamValue[]
  | { [key: string]: ParamValue };

/** @public */
export interface Guardrail {
  /** Stable dotted lowercase control ID, e.g. `pod.no-privileged`. */
  id: string;
  title: string;
  category: GuardrailCategory;
  severity: GuardrailSeverity;
  /** Why the guardrail exists, in plain words. */
  rationale: string;
  /** How to fix a violation. */
  remediation: string;
  /**
   * A YAML snippet (one or more documents) that fixes a violation, for
   * readers to copy; whole objects in it pass the guardrail.
   */
  remediationExample?: string;
  docsUrl?: string;
  owner?: string;
  match: GuardrailMatch;
  variables: GuardrailVariable[];
  validations: GuardrailValidation[];
  rollout: RolloutPlan;
  /** Values available to expressions as `params`; platform packs may override them. */
  params?: Record<string, ParamValue>;
  location?: PackLocation;
}

/** A resource named by an exemption. Omitted fields match anything. @public */
export interface ExemptionResource {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
}

/**
 * What an exemption covers. Every given field must match; omitted fields match
 * anything. At least one of entity, namespaces or resources is always given.
 * @public
 */
export interface ExemptionScope {
  /** Catalog entity ref in full form, `kind:namespace/name`, lowercase. */
  entity?: string;
  environments?: string[];
  namespaces?: string[];
  resources?: ExemptionResource[];
}

/** @public */
export interface Exemption {
  name: string;
  guardrails: string[];
  scope: ExemptionScope;
  reason: ExemptionReason;
  justification: string;
  owner: string;
  approvedBy: string;
  /** ISO 8601 instant; the exemption stops applying at this instant. */
  expiresAt: string;
  location?: PackLocation;
}

/**
 * Changes to a guardrail defined in another pack: parameter values (merged by
 * top-level key) and/or a replacement rollout plan.
 * @public
 */
export interface GuardrailOverride {
  /** The ID of the guardrail it changes. */
  guardrail: string;
  params?: Record<string, ParamValue>;
  rollout?: RolloutPlan;
  location?: PackLocation;
}

/** A parsed and validated set of guardrails, exemptions and pending overrides. @public */
export interface GuardrailPack {
  guardrails: Guardrail[];
  exemptions: Exemption[];
  /**
   * Overrides of guardrails that are not in this pack; the engine's `mergePacks`
   * applies them to the base pack. Overrides of guardrails in the same pack are
   * already applied.
   */
  overrides: GuardrailOverride[];
}

/** The object a result is about. @public */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  cluster?: string;
  environment?: string;
}

/** Result values, following the PolicyReport convention. @public */
export const RESULT_STATUSES = [
  'pass',
  'fail',
  'warn',
  'error',
  'skip',
] as const;

/**
 * `pass`: complies. `fail`: violates a guardrail at `block` or `auto-correct`.
 * `warn`: violates a guardrail at `observe` or `warn`. `error`: could not be
 * evaluated (never counted as compliant). `skip`: exempted.
 * @public
 */
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** The exemption that applied, or that would have applied had it not expired. @public */
export interface AppliedExemption {
  name: string;
  status: 'active' | 'expired';
  reason: ExemptionReason;
  justification: string;
  owner: string;
  approvedBy: string;
  expiresAt: string;
}

/** @public */
export interface GuardrailResult {
  guardrail: string;
  title: string;
  resource: ResourceRef;
  result: ResultStatus;
  /** The effective enforcement level in the environment at evaluation time. */
  level: EnforcementLevel;
  message: string;
  severity: GuardrailSeverity;
  category: GuardrailCategory;
  exemption?: AppliedExemption;
  /** ISO 8601; set by stores that track results over time. */
  firstSeen?: string;
  lastSeen?: string;
  /** Where the result came from, e.g. `audit`, `cli`, `template`, `policyreport`. */
  source?: string;
}

/** Counts of results by status. @public */
export type ResultSummary = Record<ResultStatus, number>;
