import {
  ApiEntityReport,
  ApiEnvironmentReport,
  ApiMissingCluster,
  ApiStaleCluster,
  ApiViolation,
} from '@guardrails-dev/plugin-guardrails-common';
import { EnvironmentDefinition } from '@guardrails-dev/plugin-guardrails-node';
import { ClusterAuditStatus, GuardrailsStore, StoredResult } from '../db';
import { ClusterCoverage, staleCluster } from './clusterCoverage';
import { combine, complianceOf, zeroCounts } from './compliance';
import { latest } from './times';

/** One entity's report: its violations, counts and compliance per environment. */
export class EntityReports {
  constructor(
    private readonly options: {
      store: Pick<GuardrailsStore, 'resultsForEntity' | 'clusterStatuses'>;
      environments: EnvironmentDefinition[];
    },
  ) {}

  /**
   * The entity's report, or undefined when no audit has produced results for it. An environment with a cluster no
   * audit has read yet is listed as `unknown` with that cluster, whether or not the entity was seen there: it may run
   * there unseen.
   */
  async entityReport(entityRef: string): Promise<ApiEntityReport | undefined> {
    const { store, environments: configured } = this.options;
    const [results, statuses] = await Promise.all([
      store.resultsForEntity(entityRef, { includePassing: true }),
      store.clusterStatuses(),
    ]);
    if (results.length === 0) return undefined;
    const coverage = ClusterCoverage.of(configured, statuses);
    const environments = configured
      .map(({ name: environment }) =>
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
