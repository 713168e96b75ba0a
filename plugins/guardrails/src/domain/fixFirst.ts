import type {
  ApiGuardrail,
  ApiViolation,
} from '@guardrails-dev/plugin-guardrails-common';
import type { EnforcementLevel, GuardrailSeverity } from './levels';
import { levelRank, severityRank } from './levels';
import { NextStage, rolloutAt } from './rollout';
import { ViolationRow, objectKey } from './violations';

/** How far ahead "fix first" looks for stage changes. */
export const FIX_FIRST_HORIZON_DAYS = 90;

/** A stage change in one environment that makes a guardrail warn or deny where the component fails it. */
export interface Tightening {
  environment: string;
  /** The level in force now; undefined when the plan has not started there. */
  current?: EnforcementLevel;
  next: NextStage;
  /** Objects that fail the guardrail there and have no exemption lasting past the change. */
  objects: number;
}

/** A guardrail the component fails that tightens soon, with its changes soonest first. */
export interface FixFirstItem {
  guardrail: string;
  title: string;
  severity: GuardrailSeverity;
  changes: Tightening[];
  /** Objects affected by any of the changes. */
  objects: number;
}

/** Whether a violation still fails at `at`: an evaluation error does not, nor an object exempted beyond `at`. */
function failsAt(violation: ApiViolation, at: Date): boolean {
  if (violation.result === 'error') return false;
  const exemption = violation.exemption;
  return (
    !exemption ||
    exemption.status === 'expired' ||
    new Date(exemption.expiresAt).getTime() <= at.getTime()
  );
}

function tightens(current: EnforcementLevel | undefined, next: NextStage) {
  return (
    next.level !== 'observe' &&
    levelRank(next.level) > (current ? levelRank(current) : -1)
  );
}

const soonest = (item: FixFirstItem) => new Date(item.changes[0].next.from);

/**
 * The guardrails the component fails whose next stage in an environment where it fails them is stricter and
 * warns or denies (warn, block, auto-correct), within `horizonDays`; the soonest change first, then the
 * strictest, then the most severe guardrail. Stage maths are the engine's, through {@link rolloutAt}.
 */
export function fixFirst(
  rows: ViolationRow[],
  guardrails: Map<string, ApiGuardrail>,
  now: Date,
  horizonDays: number = FIX_FIRST_HORIZON_DAYS,
): FixFirstItem[] {
  const byGuardrail = new Map<string, Map<string, ViolationRow[]>>();
  for (const row of rows) {
    const perEnv =
      byGuardrail.get(row.violation.guardrail) ??
      new Map<string, ViolationRow[]>();
    const envRows = perEnv.get(row.environment);
    if (envRows) envRows.push(row);
    else perEnv.set(row.environment, [row]);
    byGuardrail.set(row.violation.guardrail, perEnv);
  }

  const items: FixFirstItem[] = [];
  for (const [id, perEnv] of byGuardrail) {
    const guardrail = guardrails.get(id);
    if (!guardrail) continue;
    const changes: Tightening[] = [];
    const affected = new Set<string>();
    for (const rollout of guardrail.rollout) {
      const envRows = perEnv.get(rollout.environment);
      if (!envRows) continue;
      const { current, next } = rolloutAt(rollout, now);
      if (!next || next.daysUntil > horizonDays) continue;
      if (!tightens(current?.level, next)) continue;
      const failing = new Set(
        envRows
          .filter(row => failsAt(row.violation, new Date(next.from)))
          .map(row => objectKey(row.violation.resource)),
      );
      if (failing.size === 0) continue;
      failing.forEach(key => affected.add(key));
      changes.push({
        environment: rollout.environment,
        ...(current ? { current: current.level } : {}),
        next,
        objects: failing.size,
      });
    }
    if (changes.length === 0) continue;
    changes.sort(
      (a, b) =>
        new Date(a.next.from).getTime() - new Date(b.next.from).getTime() ||
        levelRank(b.next.level) - levelRank(a.next.level),
    );
    items.push({
      guardrail: id,
      title: guardrail.title,
      severity: guardrail.severity,
      changes,
      objects: affected.size,
    });
  }
  return items.sort(
    (a, b) =>
      soonest(a).getTime() - soonest(b).getTime() ||
      levelRank(b.changes[0].next.level) - levelRank(a.changes[0].next.level) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      a.guardrail.localeCompare(b.guardrail, 'en'),
  );
}
