import { ApiReadinessChange } from '@guardrails-dev/plugin-guardrails-common';
import type { HistoryRow } from '../db';
import type { SentStageNotice } from '../db/readinessNotices';
import type { UpcomingChange } from './readinessChanges';
import { DAY_MS } from './times';

/** Days of burn-down shown when no notice was sent about a change. */
export const BURN_DOWN_DEFAULT_DAYS = 30;
/** The furthest back a burn-down reaches, whenever its first notice went out. */
const BURN_DOWN_MAX_DAYS = 365;

/** The notices sent about one change: how many, and when the first went out. */
export function notifiedOf(
  change: UpcomingChange,
  notices: readonly SentStageNotice[],
): ApiReadinessChange['notified'] {
  const from = change.from.toISOString();
  const sent = notices
    .filter(
      n =>
        n.guardrail === change.guardrail.id &&
        n.environment === change.environment &&
        n.level === change.level &&
        n.from === from,
    )
    .map(n => n.sentAt)
    .sort();
  return {
    count: sent.length,
    ...(sent.length > 0 ? { firstSentAt: sent[0] } : {}),
  };
}

/** The first day of a change's burn-down: the day of its first notice, or 30 days back; never before a year back. */
export function burnDownStart(
  notified: ApiReadinessChange['notified'],
  now: Date,
): string {
  const earliest = day(new Date(now.getTime() - BURN_DOWN_MAX_DAYS * DAY_MS));
  const start = notified.firstSentAt
    ? notified.firstSentAt.slice(0, 10)
    : day(new Date(now.getTime() - (BURN_DOWN_DEFAULT_DAYS - 1) * DAY_MS));
  return start < earliest ? earliest : start;
}

/**
 * Objects in violation of the change's guardrail in its environment per day, from `from` to today. A day the history
 * holds no count for at all (no audit recorded it) is unknown and left out; a recorded day without a row for this
 * guardrail had none.
 */
export function burnDownOf(
  change: UpcomingChange,
  history: readonly HistoryRow[],
  range: { from: string; to: string },
): ApiReadinessChange['burnDown'] {
  const recorded = new Set(history.map(h => h.date));
  const counts = new Map<string, number>();
  for (const h of history) {
    if (h.guardrail !== change.guardrail.id) continue;
    if (h.environment !== change.environment) continue;
    counts.set(
      h.date,
      (counts.get(h.date) ?? 0) + h.failing + h.warning + h.errors,
    );
  }
  const points = [...recorded]
    .filter(date => date >= range.from && date <= range.to)
    .sort()
    .map(date => ({ date, objects: counts.get(date) ?? 0 }));
  return { from: range.from, to: range.to, points };
}

export function day(at: Date): string {
  return at.toISOString().slice(0, 10);
}
