import {
  EnforcementLevel,
  GuardrailSeverity,
  levelRank,
  severityRank,
} from './levels';
import { Sort, sortBy } from './sorting';
import { ViolationRow, objectKey, resourceLabel } from './violations';

/** The strictest level a guardrail is reported at in one environment, and on how many objects. */
export interface EnvironmentLevel {
  environment: string;
  level: EnforcementLevel;
  objects: number;
}

/** The violations of one guardrail across environments: one row of the grouped view. */
export interface GuardrailGroup {
  guardrail: string;
  title: string;
  severity: GuardrailSeverity;
  /** By environment (in the report's order), then by resource. */
  rows: ViolationRow[];
  /** Only the environments where the guardrail has violations, in the report's order. */
  environments: EnvironmentLevel[];
  /** Distinct Kubernetes objects, counted once per cluster. */
  objects: number;
  /** The strictest level over all environments. */
  strictest: EnforcementLevel;
  /** The earliest first-seen time of its violations. */
  firstSeen: string;
}

/** A group whose every violation is at observe: recorded only, nothing warns or denies yet. */
export function isObserveOnly(group: GuardrailGroup): boolean {
  return group.strictest === 'observe';
}

function stricter(a: EnforcementLevel, b: EnforcementLevel): EnforcementLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

/**
 * One group per guardrail. `environments` gives the order of environments (the report's); rows of environments
 * missing from it come after, by name.
 */
export function groupByGuardrail(
  rows: ViolationRow[],
  environments: string[],
): GuardrailGroup[] {
  const order = new Map(environments.map((env, index) => [env, index]));
  const envIndex = (env: string) => order.get(env) ?? environments.length;
  const byGuardrail = new Map<string, ViolationRow[]>();
  for (const row of rows) {
    const list = byGuardrail.get(row.violation.guardrail);
    if (list) list.push(row);
    else byGuardrail.set(row.violation.guardrail, [row]);
  }
  return [...byGuardrail.entries()].map(([guardrail, list]) => {
    const sorted = [...list].sort(
      (a, b) =>
        envIndex(a.environment) - envIndex(b.environment) ||
        a.environment.localeCompare(b.environment, 'en') ||
        resourceLabel(a.violation.resource).localeCompare(
          resourceLabel(b.violation.resource),
          'en',
        ),
    );
    const perEnvironment = new Map<
      string,
      { level: EnforcementLevel; objects: Set<string> }
    >();
    const objects = new Set<string>();
    let strictest = sorted[0].violation.level;
    let firstSeen = sorted[0].violation.firstSeen;
    let severity = sorted[0].violation.severity;
    for (const { environment, violation } of sorted) {
      const key = objectKey(violation.resource);
      objects.add(key);
      const env = perEnvironment.get(environment);
      if (env) {
        env.level = stricter(env.level, violation.level);
        env.objects.add(key);
      } else {
        perEnvironment.set(environment, {
          level: violation.level,
          objects: new Set([key]),
        });
      }
      strictest = stricter(strictest, violation.level);
      if (violation.firstSeen < firstSeen) firstSeen = violation.firstSeen;
      if (severityRank(violation.severity) > severityRank(severity)) {
        severity = violation.severity;
      }
    }
    return {
      guardrail,
      title: sorted[0].violation.title,
      severity,
      rows: sorted,
      environments: [...perEnvironment.entries()].map(([environment, e]) => ({
        environment,
        level: e.level,
        objects: e.objects.size,
      })),
      objects: objects.size,
      strictest,
      firstSeen,
    };
  });
}

/** The columns the guardrail groups sort by; `level` is the strictest level of a group. */
export type GroupSortKey =
  | 'guardrail'
  | 'severity'
  | 'level'
  | 'objects'
  | 'since';

export type GroupSort = Sort<GroupSortKey>;

/** The strictest level first, then the most severe, then the most objects: what a team should look at first. */
export const DEFAULT_GROUP_SORT: GroupSort = {
  key: 'level',
  direction: 'desc',
};

const compareGroupsBy: Record<
  GroupSortKey,
  (a: GuardrailGroup, b: GuardrailGroup) => number
> = {
  guardrail: (a, b) => a.title.localeCompare(b.title, 'en'),
  severity: (a, b) =>
    severityRank(a.severity) - severityRank(b.severity) ||
    levelRank(a.strictest) - levelRank(b.strictest),
  level: (a, b) =>
    levelRank(a.strictest) - levelRank(b.strictest) ||
    severityRank(a.severity) - severityRank(b.severity) ||
    a.objects - b.objects,
  objects: (a, b) => a.objects - b.objects,
  since: (a, b) => a.firstSeen.localeCompare(b.firstSeen, 'en'),
};

/** A sorted copy; ties keep a stable order by guardrail ID. */
export function sortGroups(
  groups: GuardrailGroup[],
  sort: GroupSort,
): GuardrailGroup[] {
  return sortBy(groups, sort, compareGroupsBy, (a, b) =>
    a.guardrail.localeCompare(b.guardrail, 'en'),
  );
}
