import {
  ApiEntitySummary,
  GUARDRAILS_COMPLIANCE_LABEL,
  GUARDRAILS_ENFORCEMENT_LEVEL_LABEL,
  GUARDRAILS_ERROR_COUNT_ANNOTATION,
  GUARDRAILS_EVALUATED_AT_ANNOTATION,
  GUARDRAILS_FAIL_COUNT_ANNOTATION,
  GUARDRAILS_ROLLOUT_STAGE_LABEL,
  GUARDRAILS_WARN_COUNT_ANNOTATION,
} from '@guardrails-dev/plugin-guardrails-common';

/** What one entity's status in the summary puts on the entity. */
export interface StatusFields {
  labels: Record<string, string>;
  /** The counts, and the time of the audit that found this status. */
  annotations: Record<string, string>;
}

/** An entity the suite knows nothing about: unknown, never compliant. */
export const UNKNOWN_STATUS: StatusFields = Object.freeze({
  labels: {
    [GUARDRAILS_COMPLIANCE_LABEL]: 'unknown',
    [GUARDRAILS_ENFORCEMENT_LEVEL_LABEL]: 'none',
  },
  annotations: {},
});

// The catalog's rule for label values (FieldFormatEntityPolicy): what a filter on the label can match.
const LABEL_VALUE = /^[a-zA-Z0-9]([-_.a-zA-Z0-9]*[a-zA-Z0-9])?$/;

function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/**
 * The labels and annotations of one status. The processor runs after the catalog's entity policies, so the one
 * value that comes from configuration (the rollout stage, named after an environment) is checked here and left off
 * when it is no label value.
 */
export function statusFields(status: ApiEntitySummary): StatusFields {
  const labels: Record<string, string> = {
    [GUARDRAILS_COMPLIANCE_LABEL]: status.compliance,
    [GUARDRAILS_ENFORCEMENT_LEVEL_LABEL]: status.enforcementLevel,
  };
  if (status.rolloutStage && isLabelValue(status.rolloutStage)) {
    labels[GUARDRAILS_ROLLOUT_STAGE_LABEL] = status.rolloutStage;
  }
  const annotations: Record<string, string> = {
    [GUARDRAILS_FAIL_COUNT_ANNOTATION]: String(status.violations),
    [GUARDRAILS_WARN_COUNT_ANNOTATION]: String(status.warnings),
    [GUARDRAILS_ERROR_COUNT_ANNOTATION]: String(status.errors),
  };
  if (status.evaluatedAt) {
    annotations[GUARDRAILS_EVALUATED_AT_ANNOTATION] = status.evaluatedAt;
  }
  return { labels, annotations };
}
