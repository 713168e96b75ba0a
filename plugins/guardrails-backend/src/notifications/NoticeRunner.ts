import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import { mapWithConcurrency } from '../audit/concurrency';
import type { LoggedEnforcementChange } from '../db/EnforcementStore';
import type { NoticeResult } from '../db/noticeResults';
import type { NoticeStore, StoredNotice } from '../db/NoticeStore';
import { blockViolationNotices } from './blockViolationNotices';
import { costBudgetNotices } from './costBudgetNotices';
import { exemptionExpiryNotices } from './exemptionExpiryNotices';
import { addDays } from './horizons';
import type { Notice, NoticeInput } from './Notice';
import { portalLinks } from './portalLinks';
import { quotaHeadroomNotices } from './quotaHeadroomNotices';
import type { UsageNoticeInput } from './quotaHeadroomUsage';
import type { NotificationsConfig } from './readNotificationsConfig';
import { stageEffectiveNotices } from './stageEffectiveNotices';
import { upcomingStageNotices } from './upcomingStageNotices';

/** Sends at once to the notifications backend. */
const SEND_CONCURRENCY = 4;
/** Sent keys are recorded in batches: few writes, and at most a batch sent again after a crash. */
const MARK_BATCH = 400;
/** How long records past their last due instant are kept, for what the platform page shows as notified. */
const KEEP_DAYS = 30;

/** What one run did. */
export interface NoticeRunOutcome {
  /** Notices due now, whether sent before or not. */
  computed: number;
  /** Notices this run sent, and those whose send failed (retried at the next run). */
  sent: number;
  failed: number;
}

/**
 * One run of the notices: reads what they are computed from (a fixed number of queries, whatever the number of
 * components), claims the notices due and not sent yet, sends each through Backstage's notifications, and records
 * which were sent. A claim precedes its send, so no two runs send one notice; one left unsent by a failure or a
 * stopped replica is claimed again by a later run.
 */
export class NoticeRunner {
  constructor(
    private readonly options: {
      store: NoticeStore;
      readResults: () => Promise<NoticeResult[]>;
      readChanges: () => Promise<LoggedEnforcementChange[]>;
      /** Quota use and costs; without it, no quota or budget notices. */
      readUsage?: (now: Date) => Promise<UsageNoticeInput>;
      notifications: NotificationService;
      pack: GuardrailPack;
      config: NotificationsConfig;
      now: () => Date;
      logger: LoggerService;
    },
  ) {}

  async run(): Promise<NoticeRunOutcome> {
    const { store, config } = this.options;
    const now = this.options.now();
    const retryBefore = new Date(now.getTime() - config.retryAfterMs);
    const { readUsage } = this.options;
    const [results, changes, stored, usage] = await Promise.all([
      this.options.readResults(),
      config.stageEffective.enabled
        ? this.options.readChanges()
        : Promise.resolve([]),
      store.notices(),
      readUsage && (config.quotaHeadroom.enabled || config.costBudget.enabled)
        ? readUsage(now)
        : Promise.resolve(undefined),
    ]);
    const notices = this.plan({
      now,
      pack: this.options.pack,
      results,
      changes,
      links: portalLinks(config.portalBaseUrl),
      config,
      usage,
    });
    const byKey = new Map(stored.map(s => [s.key, s]));
    const open = (key: string) => claimable(byKey.get(key), retryBefore);
    const records = notices.flatMap(n => n.records.filter(r => open(r.key)));
    const claimId = randomUUID();
    const claimed = await store.claim(records, { now, retryBefore, claimId });
    const outcome = await this.send(notices, claimed, claimId);
    await store.forget(obsolete(stored, notices, now));
    const summary = `Guardrails notices: ${notices.length} due, ${outcome.sent} sent, ${outcome.failed} failed`;
    if (outcome.sent + outcome.failed > 0) this.options.logger.info(summary);
    else this.options.logger.debug(summary);
    return { computed: notices.length, ...outcome };
  }

  private plan(input: NoticeInput): Notice[] {
    const { config } = input;
    return [
      ...(config.upcomingStage.enabled ? upcomingStageNotices(input) : []),
      ...(config.exemptionExpiry.enabled ? exemptionExpiryNotices(input) : []),
      ...(config.blockViolation.enabled ? blockViolationNotices(input) : []),
      ...stageEffectiveNotices(input),
      ...quotaHeadroomNotices(input),
      ...costBudgetNotices(input),
    ];
  }

  private async send(
    notices: Notice[],
    claimed: ReadonlySet<string>,
    claimId: string,
  ): Promise<{ sent: number; failed: number }> {
    const { store, notifications, logger } = this.options;
    const mine = notices.filter(n => n.records.some(r => claimed.has(r.key)));
    let unmarked: string[] = [];
    const failed: string[] = [];
    let firstError: string | undefined;
    const flush = async () => {
      const keys = unmarked;
      unmarked = [];
      await store.markSent(keys, claimId, this.options.now());
    };
    await mapWithConcurrency(mine, SEND_CONCURRENCY, async notice => {
      const keys = notice.records
        .map(r => r.key)
        .filter(key => claimed.has(key));
      try {
        await notifications.send({
          recipients: { type: 'entity', entityRef: notice.recipients },
          payload: notice.payload(new Set(keys)),
        });
        unmarked.push(...keys);
        if (unmarked.length >= MARK_BATCH) await flush();
      } catch (error) {
        failed.push(...keys);
        firstError ??= String(error);
        logger.warn(`Could not send a guardrails notice: ${error}`);
      }
    });
    if (unmarked.length > 0) await flush();
    if (failed.length > 0) {
      await store.markFailed(failed, claimId, firstError ?? 'send failed');
    }
    const failedKeys = new Set(failed);
    const failedNotices = mine.filter(n =>
      n.records.some(r => failedKeys.has(r.key)),
    ).length;
    return { sent: mine.length - failedNotices, failed: failedNotices };
  }
}

function claimable(stored: StoredNotice | undefined, retryBefore: Date) {
  if (!stored) return true;
  if (stored.state === 'sent') return false;
  return (
    stored.state === 'failed' || stored.claimedAt < retryBefore.toISOString()
  );
}

/**
 * Records never due again (kept a while after their last due instant), and the sent records of block-level
 * violations that are gone: should one come back, it is a new violation.
 */
function obsolete(stored: StoredNotice[], notices: Notice[], now: Date) {
  const keepAfter = addDays(now, -KEEP_DAYS).toISOString();
  const current = new Set(notices.flatMap(n => n.records.map(r => r.key)));
  return stored
    .filter(s =>
      s.dueUntil
        ? s.dueUntil < keepAfter
        : s.kind === 'block-violation' &&
          s.state === 'sent' &&
          !current.has(s.key),
    )
    .map(s => s.key);
}
