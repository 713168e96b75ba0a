import { RootConfigService } from '@backstage/backend-plugin-api';

const KEY = 'guardrails.catalog.refreshIntervalSeconds';

/**
 * The longest age of the processor's summary. One second by default: the guardrails backend asks the catalog to
 * refresh an entity whose status changed two seconds after storing it, so a copy revalidated every second is always
 * current by then (a revalidation is one conditional request, answered 304 while nothing changed).
 */
export const DEFAULT_REFRESH_INTERVAL_SECONDS = 1;

export function readRefreshIntervalSeconds(config: RootConfigService): number {
  const value = config.getOptionalNumber(KEY);
  if (value === undefined) return DEFAULT_REFRESH_INTERVAL_SECONDS;
  if (!Number.isFinite(value) || value < 0 || value > 86_400) {
    throw new Error(
      `Invalid config at ${KEY}: ${value} is not a number of seconds from 0 to 86400`,
    );
  }
  return value;
}
