import {
  ComplianceState,
  ENFORCEMENT_LEVELS,
  LevelCounts,
} from '@guardrails-dev/plugin-guardrails-common';

/** Violations decide first; errors and stale clusters make the rest unknown, never compliant. */
export function complianceOf(facts: {
  violating: boolean;
  uncertain: boolean;
}): ComplianceState {
  if (facts.violating) return 'violating';
  return facts.uncertain ? 'unknown' : 'compliant';
}

/** The compliance of several environments: any violation decides, and nothing known is unknown. */
export function combine(states: ComplianceState[]): ComplianceState {
  if (states.includes('violating')) return 'violating';
  if (states.length === 0 || states.includes('unknown')) return 'unknown';
  return 'compliant';
}

export function zeroCounts(): LevelCounts {
  return Object.fromEntries(ENFORCEMENT_LEVELS.map(l => [l, 0])) as LevelCounts;
}
