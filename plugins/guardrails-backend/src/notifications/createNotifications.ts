import {
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import { DatabaseEnforcementStore } from '../db/DatabaseEnforcementStore';
import { DatabaseNoticeStore } from '../db/DatabaseNoticeStore';
import { DatabaseQuotaUsageStore } from '../db/DatabaseQuotaUsageStore';
import { readNoticeResults } from '../db/noticeResults';
import type { CostsConfig } from '../service/costsConfig';
import { NoticeRunner } from './NoticeRunner';
import { usageNoticeReader } from './quotaHeadroomUsage';
import { readNotificationsConfig } from './readNotificationsConfig';

/** The scheduler task of the notices: global, so one replica runs each cycle. */
export const NOTICES_TASK_ID = 'guardrails-notifications';

/** Changes read per cluster from the admission sync's log: enough for the days a stage change is told. */
const RECENT_CHANGES = 200;

/**
 * The notices of one backend: reads `guardrails.notifications` (a wrong one stops the startup) and schedules the
 * run that sends what is due. Expects the plugin's migrations to have been applied.
 */
export async function createNotifications(options: {
  config: Config;
  pack: GuardrailPack;
  database: DatabaseService;
  scheduler: SchedulerService;
  notifications: NotificationService;
  logger: LoggerService;
  now: () => Date;
  /** `guardrails.costs`, for budget notices. */
  costs: CostsConfig;
  /** The configured clusters, whose quota use is told. */
  clusters: string[];
}): Promise<void> {
  const config = readNotificationsConfig(options.config);
  if (!config.enabled) return;
  const db = await options.database.getClient();
  const enforcement = new DatabaseEnforcementStore(db);
  const runner = new NoticeRunner({
    store: new DatabaseNoticeStore(db),
    readResults: () => readNoticeResults(db),
    readChanges: () => enforcement.recentChanges(RECENT_CHANGES),
    readUsage: usageNoticeReader({
      store: new DatabaseQuotaUsageStore(db),
      costs: options.costs,
      clusters: options.clusters,
    }),
    notifications: options.notifications,
    pack: options.pack,
    config,
    now: options.now,
    logger: options.logger,
  });
  await options.scheduler.scheduleTask({
    id: NOTICES_TASK_ID,
    ...config.schedule,
    fn: async () => {
      await runner.run();
    },
  });
}
