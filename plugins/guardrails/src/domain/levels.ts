import {
  ENFORCEMENT_LEVELS,
  EnforcementLevel,
  GUARDRAIL_SEVERITIES,
  GuardrailSeverity,
} from '@guardrails-dev/plugin-guardrails-common';

export { ENFORCEMENT_LEVELS, GUARDRAIL_SEVERITIES };
export type { EnforcementLevel, GuardrailSeverity };

/** 0 for observe up to 3 for auto-correct. */
export function levelRank(level: EnforcementLevel): number {
  return ENFORCEMENT_LEVELS.indexOf(level);
}

/** 0 for info up to 4 for critical, so that a larger number is more severe like levels. */
export function severityRank(severity: GuardrailSeverity): number {
  return (
    GUARDRAIL_SEVERITIES.length - 1 - GUARDRAIL_SEVERITIES.indexOf(severity)
  );
}

/** What each level does, for tooltips and screen readers. */
export const LEVEL_DESCRIPTIONS: Record<EnforcementLevel, string> = {
  observe: 'Recorded only',
  warn: 'Visible warning, work continues',
  block: 'Denied at admission and fails templates',
  'auto-correct': 'The platform restores the safe state',
};
