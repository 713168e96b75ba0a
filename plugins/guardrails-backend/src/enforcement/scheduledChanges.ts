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
 * The next change of the rollout calendar after `after` in a cluster serving `environments`: a stage of a guardrail
 * admission enforces starting, or an exemption admission honours expiring, with what changes then. This is what the
 * enforcement view shows as the next change. The sync wakes at these instants and, besides, every hour for the
 * policies that read admission's clock (AdmissionExports.nextChange); those hourly refreshes change no level,
 * so they are not listed. Undefined when nothing is scheduled.
 */
export function nextScheduledChange(
  pack: GuardrailPack,
  environments: readonly string[],
  after: Date,
  exported: ReadonlySet<string>,
): ScheduledChange | undefined {
  let at: number | undefined;
  const earliest = (time: number) => {
    if (at === undefined || time < at) at = time;
  };
  const guardrails = pack.guardrails.filter(g => exported.has(g.id));
  for (const guardrail of guardrails) {
    for (const environment of environments) {
      const next = nextStage(guardrail.rollout, environment, after);
      if (next) earliest(next.from.getTime());
    }
  }
  const expiring = honouredExemptions(pack, environments, after, exported);
  expiring.forEach(e => earliest(e.expiresAt));
  if (at === undefined) return undefined;

  const boundary = new Date(at);
  const before = new Date(at - 1);
  const stages: StageChange[] = [];
  for (const guardrail of guardrails) {
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

/** Exemptions active after `after` that admission honours in these environments, with their expiry. */
function honouredExemptions(
  pack: GuardrailPack,
  environments: readonly string[],
  after: Date,
  exported: ReadonlySet<string>,
): Array<{ name: string; expiresAt: number }> {
  return pack.exemptions.flatMap(exemption => {
    const scoped = exemption.scope.environments;
    if (scoped && !scoped.some(e => environments.includes(e))) return [];
    if (!exemption.guardrails.some(id => exported.has(id))) return [];
    const expiresAt = parseInstant(exemption.expiresAt)?.getTime();
    return expiresAt !== undefined && expiresAt > after.getTime()
      ? [{ name: exemption.name, expiresAt }]
      : [];
  });
}
