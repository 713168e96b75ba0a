import type { components } from '../schema/openapi/generated';
import { EnvironmentDefinition } from '@guardrails-dev/plugin-guardrails-node';
import { DailyReserved, GuardrailsStore } from '../db';
import { ClusterCoverage } from './clusterCoverage';
import type { CostsConfig } from './costsConfig';
import { costBudgets, costRows, GIB } from './costsEstimate';
import { DAY_MS } from './times';

type CostReport = components['schemas']['CostReport'];

/** The platform's view of quota use and its estimated cost per cost centre. */
export class CostsReports {
  constructor(
    private readonly options: {
      store: Pick<
        GuardrailsStore,
        'quotaUsage' | 'dailyReserved' | 'clusterStatuses'
      >;
      environments: EnvironmentDefinition[];
      costs: CostsConfig;
      now?: () => Date;
    },
  ) {}

  /**
   * Current rows and budgets from every configured cluster's last good read, and the daily estimate per cost centre
   * of the last `days` days at today's prices. Clusters never read are listed as missing, not summed as 0.
   */
  async costs(days: number): Promise<CostReport> {
    const { store, environments, costs } = this.options;
    const to = this.options.now?.() ?? new Date();
    const from = new Date(to.getTime() - (days - 1) * DAY_MS);
    const clusters = environments.flatMap(e => e.clusters);
    const [usage, reserved, statuses] = await Promise.all([
      store.quotaUsage(),
      store.dailyReserved({ from, to, clusters }),
      store.clusterStatuses(),
    ]);
    const configured = new Set(clusters);
    const coverage = ClusterCoverage.of(environments, statuses);
    const rows = costRows(
      usage.filter(u => configured.has(u.cluster)),
      costs.prices,
    );
    return {
      currency: costs.currency,
      prices: [...costs.prices.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([environment, price]) => ({ environment, ...price })),
      rows,
      budgets: costBudgets(rows, costs.budgets),
      trend: trend(reserved, costs.prices),
      missing: coverage.missing,
      stale: coverage.stale,
    };
  }
}

/** Per day and cost centre, the monthly estimate of what was reserved in priced environments. */
function trend(
  reserved: DailyReserved[],
  prices: CostsConfig['prices'],
): CostReport['trend'] {
  const points = new Map<string, CostReport['trend'][number]>();
  for (const row of reserved) {
    const price = prices.get(row.environment);
    if (!price) continue;
    const costCenter = row.costCenter ?? null;
    const key = JSON.stringify([row.date, costCenter]);
    const point = points.get(key) ?? { day: row.date, costCenter, estimate: 0 };
    point.estimate +=
      row.cpu * price.cpu + (row.memory / GIB) * price.memoryGiB;
    points.set(key, point);
  }
  return [...points.values()].map(point => ({
    ...point,
    estimate: Math.round(point.estimate * 100) / 100,
  }));
}
