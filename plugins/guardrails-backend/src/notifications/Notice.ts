import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import type { LoggedEnforcementChange } from '../db/EnforcementStore';
import type { NoticeResult } from '../db/noticeResults';
import type { NoticeRecord } from '../db/NoticeStore';
import type { PortalLinks } from './portalLinks';
import type { UsageNoticeInput } from './quotaHeadroomUsage';
import type { NotificationsConfig } from './readNotificationsConfig';

/** A notice due now, before it is claimed and sent. */
export interface Notice {
  /** The unique keys it stands for: one, or for new block-level violations one per object. */
  records: NoticeRecord[];
  /** Entity refs; the notifications backend resolves components to their owners and groups to their members. */
  recipients: string[];
  /** What is sent, given the keys this run claimed (all of them unless another run holds some). */
  payload(claimed: ReadonlySet<string>): NotificationPayload;
}

/** What every kind of notice is planned from: read once per run. */
export interface NoticeInput {
  now: Date;
  pack: GuardrailPack;
  /** The current violations and exemptions. */
  results: NoticeResult[];
  /** Recent admission changes, when stage changes that took effect are told. */
  changes: LoggedEnforcementChange[];
  links: PortalLinks;
  config: NotificationsConfig;
  /** Quota use and costs, when quota or budget notices are on. */
  usage?: UsageNoticeInput;
}
