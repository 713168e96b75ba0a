import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { AuditSettings } from '../audit/AuditRunner';
import { WatchingAuditSettings } from '../audit/watch/WatchingAudit';

/** The audit's schedule and tuning, read in one place with defaults. */
export interface AuditConfig {
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  settings: AuditSettings;
  /** Set when the audit watches the clusters instead of reading them on the schedule. */
  watch?: WatchingAuditSettings;
  /** Delay before the watches start, in milliseconds. */
  initialDelayMs: number;
}

const SCHEDULE_DEFAULTS = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 5 },
};

export function readAuditConfig(config: Config): AuditConfig {
  const audit = config.getOptionalConfig('guardrails.audit');
  const positive = (key: string, fallback: number) => {
    const value = audit?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(
        `guardrails.audit.${key} must be a positive whole number, got ${value}`,
      );
    }
    return value;
  };
  const scheduleConfig = Object.fromEntries(
    Object.entries(SCHEDULE_DEFAULTS).map(([key, fallback]) => [
      key,
      audit?.getOptional(key) ?? fallback,
    ]),
  );
  const schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
    new ConfigReader(scheduleConfig, 'guardrails.audit'),
  );
  const settings = {
    pageSize: positive('pageSize', 500),
    clusterConcurrency: positive('clusterConcurrency', 4),
    kindConcurrency: positive('kindConcurrency', 4),
  };
  const initialDelay = schedule.initialDelay;
  return {
    enabled: audit?.getOptionalBoolean('enabled') ?? true,
    initialDelayMs:
      initialDelay &&
      typeof initialDelay === 'object' &&
      !('cron' in initialDelay)
        ? durationToMilliseconds(initialDelay as HumanDuration)
        : 5_000,
    watch: readWatchSettings(audit?.getOptionalConfig('watch'), settings),
    // Global: with several backend replicas, one of them audits per cycle.
    schedule: { ...schedule, scope: 'global' },
    settings,
  };
}

function readWatchSettings(
  watch: Config | undefined,
  settings: AuditSettings,
): WatchingAuditSettings | undefined {
  if (!(watch?.getOptionalBoolean('enabled') ?? true)) return undefined;
  const number = (key: string, fallback: number, min: number, max: number) => {
    const value = watch?.getOptionalNumber(key) ?? fallback;
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new Error(
        `guardrails.audit.watch.${key} must be a number from ${min} to ${max}, got ${value}`,
      );
    }
    return value;
  };
  return {
    pageSize: settings.pageSize,
    kindConcurrency: settings.kindConcurrency,
    debounceMs: number('debounceMs', 100, 0, 10_000),
    relistIntervalMs:
      number('relistIntervalMinutes', 360, 1, 7 * 24 * 60) * 60_000,
    reevaluateIntervalMs:
      number('reevaluateIntervalMinutes', 5, 1, 24 * 60) * 60_000,
    maxBackoffMs: 30_000,
    quotaIntervalMs: 10_000,
    // A replica that stops renewing loses its clusters after 45 s; the others look every 10 s.
    leaseIntervalMs: 10_000,
    entityRefreshMs: 30_000,
  };
}
