import type { components } from '../schema/openapi/generated';
import type { QuotaUsage } from '../db';
import { CPU_KEYS, MEMORY_KEYS } from '../db/quotaUsageKeys';
import { groupBy } from '../notifications/groupBy';
import type { CostsConfig } from './costsConfig';

type CostRow = components['schemas']['CostRow'];
type CostBudget = components['schemas']['CostBudget'];

/** Bytes in a GiB. */
export const GIB = 1024 ** 3;

/** What one namespace reserves and uses, in CPUs and GiB. */
interface NamespaceTotals {
  costCenter: string | null;
  environment: string;
  quota: { cpu: number; memoryGiB: number };
  used: { cpu: number; memoryGiB: number };
}

/**
 * Per cost centre and environment: the namespaces' reserved (`requests.cpu` / `requests.memory` hard, or `cpu` /
 * `memory`, which Kubernetes treats alike) and used CPU and memory, with their monthly estimate at the environment's
 * prices. Each quota of a namespace limits it on its own, so a namespace reserves the smallest hard among its
 * quotas and uses the largest used; a hard that is not a quantity counts as nothing reserved.
 */
export function costRows(
  usage: Iterable<QuotaUsage>,
  prices: CostsConfig['prices'],
): CostRow[] {
  const groups = new Map<string, CostRow>();
  for (const totals of namespaceTotals(usage)) {
    const key = JSON.stringify([totals.costCenter, totals.environment]);
    const row = groups.get(key) ?? {
      costCenter: totals.costCenter,
      environment: totals.environment,
      namespaces: 0,
      quota: { cpu: 0, memoryGiB: 0 },
      used: { cpu: 0, memoryGiB: 0 },
      estimate: null,
    };
    row.namespaces += 1;
    row.quota.cpu += totals.quota.cpu;
    row.quota.memoryGiB += totals.quota.memoryGiB;
    row.used.cpu += totals.used.cpu;
    row.used.memoryGiB += totals.used.memoryGiB;
    groups.set(key, row);
  }
  return [...groups.values()]
    .map(row => {
      const price = prices.get(row.environment);
      const cost = (amounts: { cpu: number; memoryGiB: number }) =>
        money(amounts.cpu * price!.cpu + amounts.memoryGiB * price!.memoryGiB);
      return {
        ...row,
        quota: rounded(row.quota),
        used: rounded(row.used),
        estimate: price
          ? { quota: cost(row.quota), used: cost(row.used) }
          : null,
      };
    })
    .sort(
      (a, b) =>
        (a.costCenter ?? '').localeCompare(b.costCenter ?? '') ||
        a.environment.localeCompare(b.environment),
    );
}

/**
 * Each configured budget against the monthly estimate of what its cost centre's quotas reserve, over the
 * environments with a price; those without one are named, never counted as free.
 */
export function costBudgets(
  rows: CostRow[],
  budgets: CostsConfig['budgets'],
): CostBudget[] {
  return [...budgets.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([costCenter, monthly]) => {
      const mine = rows.filter(r => r.costCenter === costCenter);
      const estimate = money(
        mine.reduce((sum, r) => sum + (r.estimate?.quota ?? 0), 0),
      );
      return {
        costCenter,
        monthly,
        estimate,
        over: estimate > monthly,
        unpriced: [
          ...new Set(mine.filter(r => !r.estimate).map(r => r.environment)),
        ].sort(),
      };
    });
}

function namespaceTotals(usage: Iterable<QuotaUsage>): NamespaceTotals[] {
  return [
    ...groupBy([...usage], row => `${row.cluster}/${row.namespace}`).values(),
  ].map(rows => {
    const of = (keys: string[], value: (row: QuotaUsage) => number) =>
      rows.filter(r => keys.includes(r.resource)).map(value);
    // Each quota limits the namespace on its own: it reserves the smallest hard and uses the largest used.
    const reserved = (keys: string[], scale: number) => {
      const values = of(keys, r => r.hardValue ?? 0);
      return values.length > 0 ? Math.min(...values) / scale : 0;
    };
    const used = (keys: string[], scale: number) => {
      const values = of(keys, r => r.usedValue ?? 0);
      return values.length > 0 ? Math.max(...values) / scale : 0;
    };
    return {
      costCenter: rows[0].costCenter ?? null,
      environment: rows[0].environment,
      quota: {
        cpu: reserved(CPU_KEYS, 1),
        memoryGiB: reserved(MEMORY_KEYS, GIB),
      },
      used: { cpu: used(CPU_KEYS, 1), memoryGiB: used(MEMORY_KEYS, GIB) },
    };
  });
}

function money(value: number): number {
  return Math.round(value * 100) / 100;
}

function rounded(amounts: { cpu: number; memoryGiB: number }) {
  return {
    cpu: Math.round(amounts.cpu * 1000) / 1000,
    memoryGiB: Math.round(amounts.memoryGiB * 1000) / 1000,
  };
}
