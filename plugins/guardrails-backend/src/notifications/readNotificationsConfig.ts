import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { normalizeEntityRef } from '@guardrails-dev/plugin-guardrails-common';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

const KEY = 'guardrails.notifications';

/** `guardrails.notifications`, read in one place with its defaults. */
export interface NotificationsConfig {
  /** False when every kind is off: no task is scheduled. */
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** A claim still unsent after this long is taken to be abandoned by its sender and retried. */
  retryAfterMs: number;
  /** The portal's base URL for links; links are relative to the portal without it. */
  portalBaseUrl: string;
  upcomingStage: { enabled: boolean; horizons: number[] };
  exemptionExpiry: { enabled: boolean; horizons: number[] };
  blockViolation: { enabled: boolean };
  stageEffective: { enabled: boolean; recipients: string[] };
  quotaHeadroom: { enabled: boolean };
  /** Its recipients are `guardrails.costs.recipients`. */
  costBudget: { enabled: boolean };
}

const SCHEDULE_DEFAULTS: Record<string, HumanDuration> = {
  frequency: { minutes: 15 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

/** Reads `guardrails.notifications`; a wrong value stops the startup with the key named. */
export function readNotificationsConfig(config: Config): NotificationsConfig {
  const root = config.getOptionalConfig(KEY);
  const kind = (name: string) => root?.getOptionalConfig(name);
  const enabled = (name: string, fallback = true) =>
    root?.getOptionalBoolean('enabled') !== false &&
    (kind(name)?.getOptionalBoolean('enabled') ?? fallback);

  const recipients = readRecipients(kind('stageEffective'));
  const stageEffectiveEnabled = enabled(
    'stageEffective',
    recipients.length > 0,
  );
  if (stageEffectiveEnabled && recipients.length === 0) {
    throw new Error(
      `${KEY}.stageEffective.recipients must name the platform team (e.g. group:default/platform) when ${KEY}.stageEffective.enabled is true`,
    );
  }
  const costRecipients = config.getOptional('guardrails.costs.recipients');
  const costBudgetEnabled = enabled(
    'costBudget',
    Array.isArray(costRecipients) && costRecipients.length > 0,
  );
  if (
    costBudgetEnabled &&
    !(Array.isArray(costRecipients) && costRecipients.length > 0)
  ) {
    throw new Error(
      `guardrails.costs.recipients must name the platform team (e.g. group:default/platform) when ${KEY}.costBudget.enabled is true`,
    );
  }
  const settings: Omit<NotificationsConfig, 'enabled'> = {
    schedule: readSchedule(root),
    retryAfterMs: readDuration(root, 'retryAfter', { minutes: 15 }),
    portalBaseUrl: (config.getOptionalString('app.baseUrl') ?? '').replace(
      /\/+$/,
      '',
    ),
    upcomingStage: {
      enabled: enabled('upcomingStage'),
      horizons: readHorizons(
        kind('upcomingStage'),
        'upcomingStage',
        [14, 7, 1],
      ),
    },
    exemptionExpiry: {
      enabled: enabled('exemptionExpiry'),
      horizons: readHorizons(
        kind('exemptionExpiry'),
        'exemptionExpiry',
        [14, 3],
      ),
    },
    blockViolation: { enabled: enabled('blockViolation') },
    stageEffective: { enabled: stageEffectiveEnabled, recipients },
    quotaHeadroom: { enabled: enabled('quotaHeadroom') },
    costBudget: { enabled: costBudgetEnabled },
  };
  return {
    ...settings,
    enabled:
      settings.upcomingStage.enabled ||
      settings.exemptionExpiry.enabled ||
      settings.blockViolation.enabled ||
      settings.stageEffective.enabled ||
      settings.quotaHeadroom.enabled ||
      settings.costBudget.enabled,
  };
}

function readSchedule(
  root: Config | undefined,
): SchedulerServiceTaskScheduleDefinition {
  const values = Object.fromEntries(
    Object.entries(SCHEDULE_DEFAULTS).map(([key, fallback]) => [
      key,
      root?.getOptional(key) ?? fallback,
    ]),
  );
  const schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
    new ConfigReader(values, KEY),
  );
  // Global: with several backend replicas, one of them runs each cycle.
  return { ...schedule, scope: 'global' };
}

function readDuration(
  root: Config | undefined,
  key: string,
  fallback: HumanDuration,
): number {
  const ms = root?.has(key)
    ? durationToMilliseconds(readDurationFromConfig(root, { key }))
    : durationToMilliseconds(fallback);
  if (!(ms > 0)) {
    throw new Error(`${KEY}.${key} must be a positive duration`);
  }
  return ms;
}

function readHorizons(
  kind: Config | undefined,
  name: string,
  fallback: number[],
): number[] {
  const key = `${KEY}.${name}.horizons`;
  const value = kind?.getOptional('horizons') ?? fallback;
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(`${key} must be a non-empty list of days, e.g. [14, 7, 1]`);
  }
  value.forEach((days, index) => {
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) {
      throw new Error(
        `${key}[${index}] must be a whole number of days, at least 1, got ${JSON.stringify(
          days,
        )}`,
      );
    }
  });
  if (new Set(value).size !== value.length) {
    throw new Error(`${key} lists a number of days twice`);
  }
  return [...(value as number[])].sort((a, b) => b - a);
}

function readRecipients(kind: Config | undefined): string[] {
  const key = `${KEY}.stageEffective.recipients`;
  return (kind?.getOptionalStringArray('recipients') ?? []).map(
    (ref, index) => {
      const normalized = normalizeEntityRef(ref);
      if (!normalized) {
        throw new Error(
          `${key}[${index}] must be an entity ref such as group:default/platform, got "${ref}"`,
        );
      }
      return normalized;
    },
  );
}
