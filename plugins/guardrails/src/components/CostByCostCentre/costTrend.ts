import { CostTrendPoint, costCenterName, formatMoney } from './costFormat';

/** One cost centre's daily estimates on the report's days; a day without a point has no data (not 0). */
export interface CostCentreTrend {
  costCenter: string | null;
  label: string;
  byDay: Map<string, number>;
}

/** The days of the trend in order, and one series per cost centre in the order the report first names them. */
export function costTrends(trend: CostTrendPoint[]): {
  days: string[];
  series: CostCentreTrend[];
} {
  const days = [...new Set(trend.map(p => p.day))].sort();
  const series = new Map<string, CostCentreTrend>();
  for (const point of trend) {
    const key = point.costCenter ?? '';
    const entry = series.get(key) ?? {
      costCenter: point.costCenter ?? null,
      label: costCenterName(point.costCenter),
      byDay: new Map<string, number>(),
    };
    entry.byDay.set(point.day, point.estimate);
    series.set(key, entry);
  }
  return { days, series: [...series.values()] };
}

/** A plain-language summary of one cost centre's trend, for the chart's description. */
export function describeCostTrend(
  trend: CostCentreTrend,
  days: string[],
  currency: string,
  budget?: number,
): string {
  const known = days.filter(day => trend.byDay.has(day));
  if (known.length === 0) {
    return 'No data in this period.';
  }
  const first = known[0];
  const last = known[known.length - 1];
  const peak = known.reduce((max, day) =>
    trend.byDay.get(day)! > trend.byDay.get(max)! ? day : max,
  );
  const money = (day: string) => formatMoney(trend.byDay.get(day)!, currency);
  const parts = [
    `${money(first)} on ${first}, ${money(last)} on ${last}`,
    `highest ${money(peak)} on ${peak}`,
  ];
  if (budget !== undefined) {
    parts.push(`monthly budget ${formatMoney(budget, currency)}`);
  }
  const gaps = days.length - known.length;
  if (gaps > 0) {
    parts.push(`${gaps} day${gaps === 1 ? '' : 's'} without data`);
  }
  return `${parts.join('; ')}.`;
}
