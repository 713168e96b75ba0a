import type { components } from '../schema/openapi/generated';
import { EnvironmentDefinition } from '@guardrails-dev/plugin-guardrails-node';
import { DailyQuotaUsage, GuardrailsStore } from '../db';
import { ClusterCoverage } from './clusterCoverage';
import type { CostsConfig } from './costsConfig';
import { costBudgets, costRows } from './costsEstimate';
import { groupBy } from '../notifications/groupBy';
import { DAY_MS } from './times';

type CostReport = components['schemas']['CostReport'];

/** The platform's view of quota use and its estimated cost per cost centre. */
export class CostsReports {
  constructor(
    private readonly options: {
      store: Pick<
        GuardrailsStore,
        'quotaUsage' | 'dailyQuotaUsage' | 'clusterStatuses'
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
    const [usage, daily, statuses] = await Promise.all([
      store.quotaUsage(),
      store.dailyQuotaUsage({ from, to }),
      store.clusterStatuses(),
    ]);
    const configured = new Set(environments.flatMap(e => e.clusters));
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
      trend: trend(
        daily.filter(u => configured.has(u.cluster)),
        costs.prices,
      ),
      missing: coverage.missing,
      stale: coverage.stale,
    };
  }
}

/** Per day and cost centre, the monthly estimate of what was reserved in priced environments. */
function trend(
  daily: DailyQuotaUsage[],
  prices: CostsConfig['prices'],
): CostReport['trend'] {
  return [...groupBy(daily, row => row.date).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([day, rows]) => {
      const sums = new Map<string | null, number>();
      for (const row of costRows(rows, prices)) {
        if (!row.estimate) continue;
        sums.set(
          row.costCenter,
          (sums.get(row.costCenter) ?? 0) + row.estimate.quota,
        );
      }
      return [...sums.entries()].map(([costCenter, estimate]) => ({
        day,
        costCenter,
        estimate: Math.round(estimate * 100) / 100,
      }));
    });
}
