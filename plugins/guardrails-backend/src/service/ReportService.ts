import {
  ApiDistribution,
  ApiEntityReport,
  ApiEntitySummary,
  ApiEnvironmentList,
  ApiEnvironmentReport,
  ApiExemption,
  ApiExemptions,
  ApiGuardrailList,
  ApiHistory,
  ApiImpact,
  ApiImpactItem,
  ApiMissingCluster,
  ApiStaleCluster,
  ApiSummary,
  ApiViolation,
  CompiledPack,
  ComplianceState,
  ENFORCEMENT_LEVELS,
  EnforcementLevel,
  exportValidatingAdmissionPolicies,
  isEnforcingLevel,
  LevelCounts,
  parseInstant,
  rolloutStatus,
  strictestLevel,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  EnvironmentDefinition,
  toBaselineSize,
} from '@guardrails-dev/plugin-guardrails-node';
import { ClusterAuditStatus, GuardrailsStore, StoredResult } from '../db';
import { ClusterCoverage, staleCluster } from './clusterCoverage';
import { namespaceResourceRef } from './namespaceResourceRef';
import { statusKey } from './statusKey';

const DAY_MS = 24 * 60 * 60 * 1000;
const EXPIRING_SOON_DAYS = 14;

/** Builds the REST API's answers from the store, the pack and the environment map. */
export class ReportService {
  private readonly admission: Map<string, string[]>;

  constructor(
    private readonly options: {
      store: GuardrailsStore;
      pack: CompiledPack;
      environments: EnvironmentDefinition[];
      now?: () => Date;
    },
  ) {
    // Which guardrails cannot run in admission does not change while the pack is loaded.
    const { flagged } = exportValidatingAdmissionPolicies(options.pack.pack, {
      environments: options.environments.map(e => e.name),
      at: this.now(),
    });
    this.admission = new Map(flagged.map(f => [f.guardrail, f.reasons]));
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private get environmentNames(): string[] {
    return this.options.environments.map(e => e.name);
  }

  hasGuardrail(id: string): boolean {
    return this.options.pack.pack.guardrails.some(g => g.id === id);
  }

  hasEnvironment(name: string): boolean {
    return this.environmentNames.includes(name);
  }

  guardrails(): ApiGuardrailList {
    const at = this.now();
    return {
      generatedAt: at.toISOString(),
      environments: this.environmentNames,
      guardrails: this.options.pack.pack.guardrails.map(g => ({
        id: g.id,
        title: g.title,
        category: g.category,
        severity: g.severity,
        rationale: g.rationale,
        remediation: g.remediation,
        ...(g.docsUrl ? { docsUrl: g.docsUrl } : {}),
        ...(g.owner ? { owner: g.owner } : {}),
        admission: this.admission.has(g.id)
          ? { exportable: false, reason: this.admission.get(g.id)!.join('; ') }
          : { exportable: true },
        rollout: this.environmentNames.map(environment => {
          const status = rolloutStatus(g, environment, at);
          return {
            environment,
            stages: (g.rollout[environment] ?? []).map(stage => ({
              level: stage.level,
              ...(stage.from
                ? { from: parseInstant(stage.from)?.toISOString() }
                : {}),
            })),
            ...(status.current
              ? {
                  current: {
                    level: status.current.level,
                    ...(status.current.from
                      ? { from: status.current.from.toISOString() }
                      : {}),
                  },
                }
              : {}),
            ...(status.next
              ? {
                  next: {
                    level: status.next.level,
                    from: status.next.from.toISOString(),
                    daysUntil: status.next.daysUntil,
                  },
                }
              : {}),
          };
        }),
      })),
    };
  }

  environments(): ApiEnvironmentList {
    const at = this.now();
    return {
      environments: this.options.environments.map(environment => {
        const enforcement = { ...zeroCounts(), none: 0 };
        for (const guardrail of this.options.pack.pack.guardrails) {
          const level = rolloutStatus(guardrail, environment.name, at).level;
          enforcement[level ?? 'none'] += 1;
        }
        return {
          name: environment.name,
          title: environment.title,
          clusters: environment.clusters,
          podSecurity: environment.profile.podSecurity,
          networkPolicy: environment.profile.networkPolicy,
          ownerRole: environment.profile.ownerRole,
          sizes: Object.values(environment.profile.sizes).map(toBaselineSize),
          enforcement,
        };
      }),
    };
  }

  /**
   * The entity's report, or undefined when no audit has produced results for it. An environment with a cluster no
   * audit has read yet is listed as `unknown` with that cluster, whether or not the entity was seen there: it may run
   * there unseen.
   */
  async entityReport(entityRef: string): Promise<ApiEntityReport | undefined> {
    const [results, statuses] = await Promise.all([
      this.options.store.resultsForEntity(entityRef, { includePassing: true }),
      this.options.store.clusterStatuses(),
    ]);
    if (results.length === 0) return undefined;
    const coverage = ClusterCoverage.of(this.options.environments, statuses);
    const environments = this.environmentNames
      .map(environment =>
        environmentReport(
          environment,
          results.filter(r => r.environment === environment),
          statuses.filter(s => s.environment === environment),
          coverage.missingIn(environment),
        ),
      )
      .filter((e): e is ApiEnvironmentReport => e !== undefined);
    const evaluatedAt = latest(environments.map(e => e.evaluatedAt));
    return {
      entityRef,
      compliance: combine(environments.map(e => e.compliance)),
      ...(evaluatedAt ? { evaluatedAt } : {}),
      environments,
    };
  }

  async history(options: {
    entityRef?: string;
    days: number;
  }): Promise<ApiHistory> {
    const to = this.now();
    const from = new Date(to.getTime() - (options.days - 1) * DAY_MS);
    const points = await this.options.store.history({
      entityRef: options.entityRef,
      from,
      to,
    });
    return {
      from: from.toISOString().slice(0, 10),
      to: to.toISOString().slice(0, 10),
      points,
    };
  }

  /**
   * Every entity's status. Each keeps the time of the audit that first found it (recorded after each audit by
   * `recordStatusTimes`), so an audit that finds the same statuses leaves the summary and its ETag as they were: the
   * catalog's conditional request then gets a 304, and no entity is written again.
   */
  async summary(): Promise<ApiSummary> {
    const [entities, times] = await Promise.all([
      this.currentStatuses(),
      this.options.store.entityStatusTimes(),
    ]);
    for (const [entityRef, status] of Object.entries(entities)) {
      const time = times.get(entityRef);
      if (time && status.evaluatedAt && time.key === statusKey(status)) {
        status.evaluatedAt = time.evaluatedAt;
      }
    }
    return { generatedAt: this.now().toISOString(), entities };
  }

  /** Called after each audit: records when each entity's status was first found (see `summary`). */
  async recordStatusTimes(): Promise<void> {
    const entities = await this.currentStatuses();
    await this.options.store.recordEntityStatusTimes(
      Object.entries(entities).flatMap(([entityRef, status]) =>
        status.evaluatedAt
          ? [
              {
                entityRef,
                key: statusKey(status),
                evaluatedAt: status.evaluatedAt,
              },
            ]
          : [],
      ),
    );
  }

  /** Every entity's status from the current results, with the time of the latest audit that saw the entity. */
  private async currentStatuses(): Promise<Record<string, ApiEntitySummary>> {
    const [rows, statuses, provisioned] = await Promise.all([
      this.options.store.entitySummaries(),
      this.options.store.clusterStatuses(),
      this.options.store.provisionedNamespaces(),
    ]);
    const coverage = ClusterCoverage.of(this.options.environments, statuses);
    const staleEnvironments = new Set(
      statuses.filter(s => s.stale).map(s => s.environment),
    );
    // Every entity may run unseen in a cluster never audited: its environment counts as one the entity may be in.
    const missingEnvironments = coverage.environmentsMissingData();
    const order = this.environmentNames;
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

  /**
   * What-if. Clusters of the environment without data are listed as missing: what runs there is not counted, so an
   * empty answer never reads as "nothing affected" where nothing is known.
   */
  async impact(query: {
    guardrail: string;
    environment: string;
    level: EnforcementLevel;
  }): Promise<ApiImpact> {
    const [results, statuses] = await Promise.all([
      this.options.store.resultsForGuardrail(query.guardrail, {
        environment: query.environment,
      }),
      this.options.store.clusterStatuses(),
    ]);
    const coverage = ClusterCoverage.of(this.options.environments, statuses);
    const outcome = outcomeAt(query.level);
    const affected: ApiImpactItem[] = [];
    const exempted: ApiImpact['exempted'] = [];
    for (const r of results) {
      if (r.result === 'pass') continue;
      const item: ApiImpactItem = {
        ...(r.entityRef ? { entityRef: r.entityRef } : {}),
        ...(r.owner ? { owner: r.owner } : {}),
        resource: {
          ...r.resource,
          cluster: r.cluster,
          environment: r.environment,
        },
        outcome,
        message: r.message,
      };
      if (r.result === 'skip' && r.exemption?.status === 'active') {
        exempted.push({ ...item, exemption: r.exemption.name });
      } else if (r.result !== 'skip') {
        affected.push(item);
      }
    }
    const namespaces = new Set(
      affected.map(
        a =>
          `${a.resource.cluster}/${
            a.resource.kind === 'Namespace'
              ? a.resource.name
              : a.resource.namespace ?? ''
          }`,
      ),
    );
    return {
      guardrail: query.guardrail,
      environment: query.environment,
      level: query.level,
      ...(latest(results.map(r => r.lastSeen))
        ? { evaluatedAt: latest(results.map(r => r.lastSeen)) }
        : {}),
      affected,
      exempted,
      totals: {
        entities: new Set(
          affected.filter(a => a.entityRef).map(a => a.entityRef),
        ).size,
        namespaces: namespaces.size,
        workloads: affected.filter(a => a.resource.kind !== 'Namespace').length,
        unowned: affected.filter(a => !a.entityRef).length,
      },
      missing: coverage.missingIn(query.environment),
      stale: coverage.staleIn(query.environment),
    };
  }

  exemptions(): ApiExemptions {
    const now = this.now();
    const all: ApiExemption[] = this.options.pack.pack.exemptions.map(e => ({
      name: e.name,
      guardrails: e.guardrails,
      scope: e.scope,
      reason: e.reason,
      justification: e.justification,
      owner: e.owner,
      approvedBy: e.approvedBy,
      expiresAt: e.expiresAt,
      daysLeft: Math.floor((Date.parse(e.expiresAt) - now.getTime()) / DAY_MS),
    }));
    const isActive = (e: ApiExemption) =>
      Date.parse(e.expiresAt) > now.getTime();
    const active = all.filter(isActive);
    return {
      active,
      expiringSoon: active.filter(
        e =>
          Date.parse(e.expiresAt) - now.getTime() <=
          EXPIRING_SOON_DAYS * DAY_MS,
      ),
      expired: all.filter(e => !isActive(e)),
    };
  }

  async distribution(): Promise<ApiDistribution> {
    const [rows, statuses] = await Promise.all([
      this.options.store.distribution(),
      this.options.store.clusterStatuses(),
    ]);
    const cells = new Map<string, ApiDistribution['rows'][number]>();
    for (const row of rows) {
      const key = `${row.guardrail}|${row.environment}`;
      const cell = cells.get(key) ?? {
        guardrail: row.guardrail,
        environment: row.environment,
        failing: 0,
        warning: 0,
        errors: 0,
        exempted: 0,
        passing: 0,
      };
      const field = (
        {
          fail: 'failing',
          warn: 'warning',
          error: 'errors',
          skip: 'exempted',
          pass: 'passing',
        } as const
      )[row.result];
      cell[field] += row.count;
      cells.set(key, cell);
    }
    const evaluatedAt = latest(statuses.map(s => s.lastSuccessAt));
    // The clusters whose objects are in no count, or counted from an older audit.
    const coverage = ClusterCoverage.of(this.options.environments, statuses);
    return {
      ...(evaluatedAt ? { evaluatedAt } : {}),
      missing: coverage.missing,
      stale: coverage.stale,
      rows: [...cells.values()],
    };
  }
}

function environmentReport(
  environment: string,
  results: StoredResult[],
  statuses: ClusterAuditStatus[],
  missing: ApiMissingCluster[],
): ApiEnvironmentReport | undefined {
  if (results.length === 0 && missing.length === 0) return undefined;
  const counts = zeroCounts();
  let errors = 0;
  let exempted = 0;
  const violations: ApiViolation[] = [];
  for (const r of results) {
    if (r.result === 'skip') exempted += 1;
    if (r.result === 'pass' || r.result === 'skip') continue;
    if (r.result === 'error') errors += 1;
    else counts[r.level] += 1;
    violations.push({
      guardrail: r.guardrail,
      title: r.title,
      severity: r.severity,
      category: r.category,
      result: r.result,
      level: r.level,
      message: r.message,
      resource: {
        ...r.resource,
        cluster: r.cluster,
        environment: r.environment,
      },
      firstSeen: r.firstSeen ?? r.lastSeen ?? '',
      lastSeen: r.lastSeen ?? '',
      source: r.source,
      ...(r.exemption ? { exemption: r.exemption } : {}),
    });
  }
  const clusters = new Set(results.map(r => r.cluster));
  const stale: ApiStaleCluster[] = statuses
    .filter(s => s.stale && clusters.has(s.cluster))
    .map(staleCluster);
  const evaluatedAt = latest(results.map(r => r.lastSeen));
  // Stale, missing or erroring data never reads as compliant.
  const compliance = complianceOf({
    violating: violations.some(v => v.result !== 'error'),
    uncertain: errors > 0 || stale.length > 0 || missing.length > 0,
  });
  return {
    environment,
    compliance,
    counts,
    errors,
    exempted,
    ...(evaluatedAt ? { evaluatedAt } : {}),
    stale,
    missing,
    violations,
  };
}

/** Violations decide first; errors and stale clusters make the rest unknown, never compliant. */
function complianceOf(facts: {
  violating: boolean;
  uncertain: boolean;
}): ComplianceState {
  if (facts.violating) return 'violating';
  return facts.uncertain ? 'unknown' : 'compliant';
}

function zeroCounts(): LevelCounts {
  return Object.fromEntries(ENFORCEMENT_LEVELS.map(l => [l, 0])) as LevelCounts;
}

function outcomeAt(level: EnforcementLevel): ApiImpactItem['outcome'] {
  if (level === 'auto-correct') return 'corrected';
  if (isEnforcingLevel(level)) return 'blocked';
  return level === 'warn' ? 'warned' : 'observed';
}

function combine(states: ComplianceState[]): ComplianceState {
  if (states.includes('violating')) return 'violating';
  if (states.length === 0 || states.includes('unknown')) return 'unknown';
  return 'compliant';
}

function latest(times: Array<string | undefined>): string | undefined {
  return times.reduce<string | undefined>(
    (max, t) => (t && (!max || t > max) ? t : max),
    undefined,
  );
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
