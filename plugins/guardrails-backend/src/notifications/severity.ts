import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import {
  EnforcementLevel,
  GUARDRAIL_SEVERITIES,
  GuardrailSeverity,
} from '@guardrails-dev/plugin-guardrails-common';

/** Notification severities from the mildest to the most urgent. */
const SCALE: NotificationSeverity[] = ['low', 'normal', 'high', 'critical'];

/** Where a guardrail's severity starts on the scale, before urgency moves it. */
const BASE: Record<GuardrailSeverity, number> = {
  critical: 3, // critical
  high: 2, // high
  medium: 1, // normal
  low: 0, // low
  info: 0, // low
};

/**
 * How urgent a notice is, from when it bites: one step up when it bites now or within a day (a block in 1 day, an
 * expired exemption, a new block-level violation), one step down when it is two weeks or more away, and one further
 * step down when the level only warns (work continues).
 */
export function noticeSeverity(options: {
  severity: GuardrailSeverity;
  /** Days until it bites; 0 when it already does. */
  days: number;
  level: EnforcementLevel;
}): NotificationSeverity {
  let step = BASE[options.severity];
  if (options.days <= 1) step += 1;
  else if (options.days >= 14) step -= 1;
  if (options.level === 'warn' || options.level === 'observe') step -= 1;
  return SCALE[Math.max(0, Math.min(SCALE.length - 1, step))];
}

/** The most severe of several guardrails' severities (an exemption may name several). */
export function mostSevere(severities: GuardrailSeverity[]): GuardrailSeverity {
  return GUARDRAIL_SEVERITIES.find(s => severities.includes(s)) ?? 'info';
}
