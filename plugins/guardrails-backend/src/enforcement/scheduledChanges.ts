import {
  EnforcementLevel,
  GuardrailPack,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  effectiveLevel,
  nextStage,
  parseInstant,
} from '@guardrails-dev/plugin-guardrails-engine';

/** A guardrail's level in an environment changing at a stage boundary. */
export interface StageChange {
  guardrail: string;
  environment: string;
  /** Undefined: not in force before the boundary. */
  from?: EnforcementLevel;
  to: EnforcementLevel;
}

/** What changes at the next boundary after an instant, for some environments. */
export interface ScheduledChange {
  at: Date;
  stages: StageChange[];
  /** Exemptions that expire at that instant. */
  expiringExemptions: string[];
}

/**
 * The next instant after `after` at which admission for `environments` changes: a rollout stage's `from`, or an
 * exemption's expiry (exemptions end at their instant, and once admission has exclusions for them, the binding
 * changes then). Undefined when nothing is scheduled.
 */
export function nextScheduledChange(
  pack: GuardrailPack,
  environments: readonly string[],
  after: Date,
): ScheduledChange | undefined {
  let at: number | undefined;
  const earliest = (time: number) => {
    if (at === undefined || time < at) at = time;
  };
  for (const guardrail of pack.guardrails) {
    for (const environment of environments) {
      const next = nextStage(guardrail.rollout, environment, after);
      if (next) earliest(next.from.getTime());
    }
  }
  const expiring = relevantExemptions(pack, environments, after);
  expiring.forEach(e => earliest(e.expiresAt));
  if (at === undefined) return undefined;

  const boundary = new Date(at);
  const before = new Date(at - 1);
  const stages: StageChange[] = [];
  for (const guardrail of pack.guardrails) {
    for (const environment of environments) {
      const to = effectiveLevel(guardrail, environment, boundary);
      const from = effectiveLevel(guardrail, environment, before);
      if (to && to !== from) {
        stages.push({ guardrail: guardrail.id, environment, from, to });
      }
    }
  }
  return {
    at: boundary,
    stages,
    expiringExemptions: expiring
      .filter(e => e.expiresAt === at)
      .map(e => e.name),
  };
}

function relevantExemptions(
  pack: GuardrailPack,
  environments: readonly string[],
  after: Date,
): Array<{ name: string; expiresAt: number }> {
  return pack.exemptions.flatMap(exemption => {
    const scoped = exemption.scope.environments;
    if (scoped && !scoped.some(e => environments.includes(e))) return [];
    const expiresAt = parseInstant(exemption.expiresAt)?.getTime();
    return expiresAt !== undefined && expiresAt > after.getTime()
      ? [{ name: exemption.name, expiresAt }]
      : [];
  });
}
