import {
  EnforcementLevel,
  Guardrail,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  effectiveLevel,
  parseInstant,
} from '@guardrails-dev/plugin-guardrails-engine';
import { DAY_MS } from './times';

/** A stage of a guardrail's rollout in an environment that starts within the horizon. */
export interface UpcomingChange {
  guardrail: Guardrail;
  environment: string;
  level: EnforcementLevel;
  /** The level in force just before; undefined when none. */
  previousLevel?: EnforcementLevel;
  from: Date;
}

/**
 * Every stage that starts after `now` and at most `horizonDays` later in one of the environments, ordered by date,
 * guardrail and environment. Environments the pack names but the deployment does not configure run nothing, so
 * their stages are left out.
 */
export function upcomingChanges(
  guardrails: readonly Guardrail[],
  environments: readonly string[],
  now: Date,
  horizonDays: number,
): UpcomingChange[] {
  const until = now.getTime() + horizonDays * DAY_MS;
  const changes: UpcomingChange[] = [];
  for (const guardrail of guardrails) {
    for (const environment of environments) {
      for (const stage of guardrail.rollout[environment] ?? []) {
        const from = stage.from ? parseInstant(stage.from) : undefined;
        if (!from || from.getTime() <= now.getTime()) continue;
        if (from.getTime() > until) continue;
        const previousLevel = effectiveLevel(
          guardrail,
          environment,
          new Date(from.getTime() - 1),
        );
        changes.push({
          guardrail,
          environment,
          level: stage.level,
          ...(previousLevel ? { previousLevel } : {}),
          from,
        });
      }
    }
  }
  return changes.sort(
    (a, b) =>
      a.from.getTime() - b.from.getTime() ||
      a.guardrail.id.localeCompare(b.guardrail.id) ||
      a.environment.localeCompare(b.environment),
  );
}
