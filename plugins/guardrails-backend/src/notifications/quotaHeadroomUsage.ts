import type { DailyQuotaUsage, QuotaUsageStore } from '../db';
import type { CostsConfig } from '../service/costsConfig';
import { addDays } from './horizons';

/**
 * Days of daily quota use the headroom notices look at: a crossing is told within this many days of the day it
 * happened, and a quota above its share on every one of these days crossed before them (and was told then).
 */
export const HEADROOM_WINDOW_DAYS = 8;

/** What the quota and budget notices are planned from: read once per run, in one query. */
export interface UsageNoticeInput {
  /** Daily quota use of the last {@link HEADROOM_WINDOW_DAYS} days, of configured clusters. */
  daily: DailyQuotaUsage[];
  /**
   * Each configured cluster's latest day: the day's rows are its last read that day, so these are its current quota
   * use; a cluster not read for {@link HEADROOM_WINDOW_DAYS} days is left out.
   */
  current: DailyQuotaUsage[];
  costs: CostsConfig;
}

/** Reads the quota use of the configured clusters for a run of the notices. */
export function usageNoticeReader(options: {
  store: Pick<QuotaUsageStore, 'dailyQuotaUsage'>;
  costs: CostsConfig;
  /** The configured clusters: a cluster no longer configured is no one's concern. */
  clusters: readonly string[];
}): (now: Date) => Promise<UsageNoticeInput> {
  const configured = new Set(options.clusters);
  return async now => {
    const daily = (
      await options.store.dailyQuotaUsage({
        from: addDays(now, -(HEADROOM_WINDOW_DAYS - 1)),
        to: now,
      })
    ).filter(u => configured.has(u.cluster));
    const latest = new Map<string, string>();
    for (const row of daily) {
      if (row.date > (latest.get(row.cluster) ?? '')) {
        latest.set(row.cluster, row.date);
      }
    }
    return {
      daily,
      current: daily.filter(u => u.date === latest.get(u.cluster)),
      costs: options.costs,
    };
  };
}
