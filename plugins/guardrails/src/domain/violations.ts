import type {
  ApiEntityReport,
  ApiViolation,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  EnforcementLevel,
  GuardrailSeverity,
  levelRank,
  severityRank,
} from './levels';
import { Sort, sortBy } from './sorting';

/** One violation of the report with the environment it was found in. */
export interface ViolationRow {
  /** Unique within one report. */
  id: string;
  environment: string;
  violation: ApiViolation;
}

/** Which violations to show; an omitted field shows all. */
export interface ViolationFilter {
  environment?: string;
  level?: EnforcementLevel;
  severity?: GuardrailSeverity;
}

/** The columns a list of violations sorts by. */
export type ViolationSortKey =
  | 'guardrail'
  | 'resource'
  | 'level'
  | 'severity'
  | 'since';

export type ViolationSort = Sort<ViolationSortKey>;

/** The strictest level first, then the most severe: what a team should look at first. */
export const DEFAULT_VIOLATION_SORT: ViolationSort = {
  key: 'level',
  direction: 'desc',
};

/** `Deployment payments/api`. */
export function resourceLabel(resource: ApiViolation['resource']): string {
  return `${resource.kind} ${
    resource.namespace ? `${resource.namespace}/` : ''
  }${resource.name}`;
}

/** Identifies one Kubernetes object: the same name in two clusters is two objects. */
export function objectKey(resource: ApiViolation['resource']): string {
  return [
    resource.cluster,
    resource.apiVersion,
    resource.kind,
    resource.namespace ?? '',
    resource.name,
  ].join('/');
}

export function flattenViolations(report: ApiEntityReport): ViolationRow[] {
  return report.environments.flatMap((env, envIndex) =>
    env.violations.map((violation, index) => ({
      id: `${envIndex}.${index}`,
      environment: env.environment,
      violation,
    })),
  );
}

export function filterViolations(
  rows: ViolationRow[],
  filter: ViolationFilter,
): ViolationRow[] {
  if (!filter.environment && !filter.level && !filter.severity) {
    return rows;
  }
  return rows.filter(
    row =>
      (!filter.environment || row.environment === filter.environment) &&
      (!filter.level || row.violation.level === filter.level) &&
      (!filter.severity || row.violation.severity === filter.severity),
  );
}

const text = (a: string, b: string) => a.localeCompare(b, 'en');

const compareBy: Record<
  ViolationSortKey,
  (a: ViolationRow, b: ViolationRow) => number
> = {
  guardrail: (a, b) => text(a.violation.guardrail, b.violation.guardrail),
  resource: (a, b) =>
    text(
      resourceLabel(a.violation.resource),
      resourceLabel(b.violation.resource),
    ) || text(a.violation.resource.cluster, b.violation.resource.cluster),
  level: (a, b) =>
    levelRank(a.violation.level) - levelRank(b.violation.level) ||
    severityRank(a.violation.severity) - severityRank(b.violation.severity) ||
    text(b.environment, a.environment),
  severity: (a, b) =>
    severityRank(a.violation.severity) - severityRank(b.violation.severity) ||
    levelRank(a.violation.level) - levelRank(b.violation.level),
  since: (a, b) => text(a.violation.firstSeen, b.violation.firstSeen),
};

/** A sorted copy; ties keep a stable order by guardrail and resource. */
export function sortViolations(
  rows: ViolationRow[],
  sort: ViolationSort,
): ViolationRow[] {
  return sortBy(
    rows,
    sort,
    compareBy,
    (a, b) =>
      compareBy.guardrail(a, b) || compareBy.resource(a, b) || text(a.id, b.id),
  );
}
