import type { DailyQuotaUsage, QuotaUsage, QuotaUsageStore } from '../db';
import type { CostsConfig } from '../service/costsConfig';
import { addDays } from './horizons';

/**
 * Days of daily quota use the headroom notices look at: a crossing is told within this many days of the day it
 * happened, and a quota above its share on every one of these days crossed before them (and was told then).
 */
export const HEADROOM_WINDOW_DAYS = 8;

/** What the quota and budget notices are planned from: read once per run, in two queries. */
export interface UsageNoticeInput {
  /** Daily quota use of the last {@link HEADROOM_WINDOW_DAYS} days, of configured clusters. */
  daily: DailyQuotaUsage[];
  /** Current quota use of configured clusters. */
  current: QuotaUsage[];
  costs: CostsConfig;
}

/** Reads the quota use of the configured clusters for a run of the notices. */
export function usageNoticeReader(options: {
  store: Pick<QuotaUsageStore, 'quotaUsage' | 'dailyQuotaUsage'>;
  costs: CostsConfig;
  /** The configured clusters: a cluster no longer configured is no one's concern. */
  clusters: readonly string[];
}): (now: Date) => Promise<UsageNoticeInput> {
  const configured = new Set(options.clusters);
  return async now => {
    const [daily, current] = await Promise.all([
      options.store.dailyQuotaUsage({
        from: addDays(now, -(HEADROOM_WINDOW_DAYS - 1)),
        to: now,
      }),
      options.store.quotaUsage(),
    ]);
    return {
      daily: daily.filter(u => configured.has(u.cluster)),
      current: current.filter(u => configured.has(u.cluster)),
      costs: options.costs,
    };
  };
}
