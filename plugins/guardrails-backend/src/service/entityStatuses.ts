import {
  ApiEntitySummary,
  EnforcementLevel,
  strictestLevel,
} from '@guardrails-dev/plugin-guardrails-common';
import { EnvironmentDefinition } from '@guardrails-dev/plugin-guardrails-node';
import {
  ClusterAuditStatus,
  EntitySummaryRow,
  ProvisionedNamespace,
} from '../db';
import { ClusterCoverage } from './clusterCoverage';
import { complianceOf } from './compliance';
import { namespaceResourceRef } from './namespaceResourceRef';
import { latest } from './times';

/**
 * Every entity's status from the current results, with the time of the latest audit that saw the entity, and the
 * namespace Resources provisioned for it.
 */
export function entityStatuses(facts: {
  environments: EnvironmentDefinition[];
  rows: EntitySummaryRow[];
  statuses: ClusterAuditStatus[];
  provisioned: ProvisionedNamespace[];
}): Record<string, ApiEntitySummary> {
  const { rows, statuses, provisioned } = facts;
  const coverage = ClusterCoverage.of(facts.environments, statuses);
  const staleEnvironments = new Set(
    statuses.filter(s => s.stale).map(s => s.environment),
  );
  // Every entity may run unseen in a cluster never audited: its environment counts as one the entity may be in.
  const missingEnvironments = coverage.environmentsMissingData();
  const order = facts.environments.map(e => e.name);
  const entities: Record<string, ApiEntitySummary> = {};
  const byEntity = groupBy(rows, r => r.entityRef);
  for (const [entityRef, entityRows] of byEntity) {
    let violations = 0;
    let warnings = 0;
    let errors = 0;
    let evaluatedAt: string | undefined;
    const failingLevels = new Map<string, EnforcementLevel[]>();
    for (const row of entityRows) {
      evaluatedAt = latest([evaluatedAt, row.lastSeen]);
      if (row.result === 'fail') violations += row.count;
      if (row.result === 'warn') warnings += row.count;
      if (row.result === 'error') errors += row.count;
      if (row.result === 'fail' || row.result === 'warn') {
        const levels = failingLevels.get(row.environment) ?? [];
        levels.push(row.level);
        failingLevels.set(row.environment, levels);
      }
    }
    const environmentsSeen = new Set(entityRows.map(r => r.environment));
    // The most protected environment the entity runs in, or may run in unseen, decides the enforcement level.
    const environments = [
      ...new Set([...environmentsSeen, ...missingEnvironments]),
    ].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const mostProtected = environments[environments.length - 1];
    const levels = failingLevels.get(mostProtected) ?? [];
    const level = levels.length > 0 ? strictestLevel(levels) : undefined;
    const missingData = coverage.describeGaps(environmentsSeen);
    const compliance = complianceOf({
      violating: violations + warnings > 0,
      uncertain:
        errors > 0 ||
        [...environmentsSeen].some(e => staleEnvironments.has(e)) ||
        missingData !== undefined,
    });
    entities[entityRef] = {
      compliance,
      enforcementLevel: level ?? 'none',
      // No stage is claimed for an environment without data.
      ...(mostProtected && !missingEnvironments.has(mostProtected)
        ? { rolloutStage: `${mostProtected}.${level ?? 'none'}` }
        : {}),
      violations,
      warnings,
      errors,
      ...(evaluatedAt ? { evaluatedAt } : {}),
      ...(missingData ? { missingData } : {}),
    };
  }
  // The namespace Resources provisioned for each component, for the catalog's dependsOn relations. One namespace
  // name on several clusters of an environment is one Resource.
  for (const [entityRef, namespaces] of groupBy(
    provisioned,
    n => n.entityRef,
  )) {
    const refs = [...new Set(namespaces.map(namespaceResourceRef))].sort();
    // A component known only through its namespaces has no results yet: unknown, never compliant.
    const missingData = coverage.describeGaps([]);
    entities[entityRef] = {
      ...(entities[entityRef] ?? {
        compliance: 'unknown',
        enforcementLevel: 'none',
        violations: 0,
        warnings: 0,
        errors: 0,
        ...(missingData ? { missingData } : {}),
      }),
      namespaces: refs,
    };
  }
  return entities;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
