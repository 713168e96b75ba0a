import {
  ApiDistribution,
  ApiHistory,
} from '@guardrails-dev/plugin-guardrails-common';
import { EnvironmentDefinition } from '@guardrails-dev/plugin-guardrails-node';
import { GuardrailsStore } from '../db';
import { ClusterCoverage } from './clusterCoverage';
import { DAY_MS, latest } from './times';

/** Which distribution column counts each result. */
const DISTRIBUTION_FIELD = {
  fail: 'failing',
  warn: 'warning',
  error: 'errors',
  skip: 'exempted',
  pass: 'passing',
} as const;

/** Trends and distributions over every object: counts, never rankings. */
export class FleetReports {
  constructor(
    private readonly options: {
      store: Pick<
        GuardrailsStore,
        'history' | 'distribution' | 'clusterStatuses'
      >;
      environments: EnvironmentDefinition[];
      now?: () => Date;
    },
  ) {}

  /** Daily violation counts of the last `days` days up to today, for one entity or summed over all. */
  async history(options: {
    entityRef?: string;
    days: number;
  }): Promise<ApiHistory> {
    const to = this.options.now?.() ?? new Date();
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

  /** Counts per guardrail and environment, naming the clusters whose objects are in no count or an old one. */
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
      cell[DISTRIBUTION_FIELD[row.result]] += row.count;
      cells.set(key, cell);
    }
    const evaluatedAt = latest(statuses.map(s => s.lastSuccessAt));
    const coverage = ClusterCoverage.of(this.options.environments, statuses);
    return {
      ...(evaluatedAt ? { evaluatedAt } : {}),
      missing: coverage.missing,
      stale: coverage.stale,
      rows: [...cells.values()],
    };
  }
}
