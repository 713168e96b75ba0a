import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { AuditSettings } from '../audit/AuditRunner';

/** The audit's schedule and tuning, read in one place with defaults. */
export interface AuditConfig {
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  settings: AuditSettings;
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
  return {
    enabled: audit?.getOptionalBoolean('enabled') ?? true,
    // Global: with several backend replicas, one of them audits per cycle.
    schedule: { ...schedule, scope: 'global' },
    settings: {
      pageSize: positive('pageSize', 500),
      clusterConcurrency: positive('clusterConcurrency', 4),
      kindConcurrency: positive('kindConcurrency', 4),
    },
  };
}
