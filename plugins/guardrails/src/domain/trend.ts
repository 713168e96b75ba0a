import type { ApiHistory } from '@guardrails-dev/plugin-guardrails-common';

/** Violations on one day, summed over the guardrails and environments asked for. */
export interface TrendDay {
  date: string;
  failing: number;
  warning: number;
  errors: number;
}

export const TREND_SERIES = ['failing', 'warning', 'errors'] as const;
export type TrendSeries = (typeof TREND_SERIES)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
// Bounds the day list so that a malformed range cannot make the browser loop for long.
const MAX_DAYS = 3660;

function dayOf(value: string): Date | undefined {
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * One entry per day from `history.from` to `history.to`. The history lists only days with violations, so a day
 * without a point counts zero.
 */
export function dailyTotals(
  history: ApiHistory,
  filter: { environment?: string; guardrail?: string } = {},
): TrendDay[] {
  const byDate = new Map<string, TrendDay>();
  const start = dayOf(history.from);
  const end = dayOf(history.to);
  if (start && end) {
    for (
      let t = start.getTime(), n = 0;
      t <= end.getTime() && n < MAX_DAYS;
      t += DAY_MS, n++
    ) {
      const date = new Date(t).toISOString().slice(0, 10);
      byDate.set(date, { date, failing: 0, warning: 0, errors: 0 });
    }
  }
  for (const point of history.points) {
    if (
      (filter.environment && point.environment !== filter.environment) ||
      (filter.guardrail && point.guardrail !== filter.guardrail)
    ) {
      continue;
    }
    const day = byDate.get(point.date) ?? {
      date: point.date,
      failing: 0,
      warning: 0,
      errors: 0,
    };
    day.failing += point.failing;
    day.warning += point.warning;
    day.errors += point.errors;
    byDate.set(point.date, day);
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The environments present in a history, in first-seen order. */
export function historyEnvironments(history: ApiHistory): string[] {
  return [...new Set(history.points.map(p => p.environment))];
}

/** A plain-language summary of a trend for screen readers. */
export function describeTrend(days: TrendDay[]): string {
  if (days.length === 0) {
    return 'No data in this period.';
  }
  const first = days[0];
  const last = days[days.length - 1];
  const peak = days.reduce((max, d) =>
    d.failing + d.warning > max.failing + max.warning ? d : max,
  );
  return (
    `From ${first.date} to ${last.date}: failing went from ${first.failing} to ${last.failing}, ` +
    `warnings from ${first.warning} to ${last.warning}, evaluation errors from ${first.errors} to ${last.errors}. ` +
    `The most violations were on ${peak.date} (${peak.failing} failing, ${peak.warning} warnings).`
  );
}
