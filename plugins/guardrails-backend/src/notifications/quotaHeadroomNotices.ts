import type { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import type { DailyQuotaUsage } from '../db';
import { usageShare } from '../service/usageShare';
import { groupBy } from './groupBy';
import { addDays } from './horizons';
import type { Notice, NoticeInput } from './Notice';
import { guardrailTopic, noticeScope } from './noticeText';
import { HEADROOM_WINDOW_DAYS } from './quotaHeadroomUsage';

/** The default pack's guardrail whose `share` param is the headroom line. */
export const HEADROOM_GUARDRAIL = 'namespace.quota-headroom';
/** The line without that guardrail or its param. */
export const DEFAULT_HEADROOM_SHARE = 0.8;

/** A quota resource that went to or over the line on `day`, and where it stands on its latest day. */
interface Crossing {
  key: string;
  day: string;
  usage: DailyQuotaUsage & { entityRef: string };
  share: number;
}

/** The headroom line: the loaded pack's `namespace.quota-headroom` share param, 0.8 without it. */
export function headroomShare(pack: GuardrailPack): number {
  const share = pack.guardrails.find(g => g.id === HEADROOM_GUARDRAIL)?.params
    ?.share;
  return typeof share === 'number' && share > 0 && Number.isFinite(share)
    ? share
    : DEFAULT_HEADROOM_SHARE;
}

/**
 * To the owners of a namespace's component: a quota resource whose use reached the headroom share, once per
 * crossing. The crossing is read from the daily quota use: the first day of the latest run of days at or over the
 * line, so a quota that went below and crossed again is told again, and one above on every day looked at crossed
 * before them (and was told then). Grouped per namespace and day; nothing for namespaces no component owns.
 */
export function quotaHeadroomNotices(input: NoticeInput): Notice[] {
  const { now, config, usage } = input;
  if (!config.quotaHeadroom.enabled || !usage) return [];
  const line = headroomShare(input.pack);
  const firstDay = day(addDays(now, -(HEADROOM_WINDOW_DAYS - 1)));
  // Today's audit may not have run yet: yesterday's reading still stands.
  const recent = day(addDays(now, -1));
  const above = (row: DailyQuotaUsage) =>
    (usageShare(row.hardValue, row.usedValue) ?? -1) >= line;

  const crossings: Crossing[] = [];
  const series = groupBy(usage.daily, row =>
    JSON.stringify([row.cluster, row.namespace, row.quota, row.resource]),
  );
  for (const rows of series.values()) {
    const latest = rows[rows.length - 1];
    if (latest.date < recent || !above(latest) || !latest.entityRef) continue;
    let first = rows.length - 1;
    while (first > 0 && above(rows[first - 1])) first -= 1;
    const crossed = rows[first].date;
    if (first === 0 && crossed === firstDay) continue;
    crossings.push({
      key: [
        'quota-headroom',
        latest.cluster,
        latest.namespace,
        latest.quota,
        latest.resource,
        crossed,
      ].join('|'),
      day: crossed,
      usage: { ...latest, entityRef: latest.entityRef },
      share: usageShare(latest.hardValue, latest.usedValue)!,
    });
  }
  const groups = groupBy(crossings, c =>
    JSON.stringify([
      c.usage.entityRef,
      c.usage.cluster,
      c.usage.namespace,
      c.day,
    ]),
  );
  return [...groups.values()].map(group => notice(input, group, line));
}

function notice(input: NoticeInput, group: Crossing[], line: number): Notice {
  const { entityRef, cluster, namespace, environment } = group[0].usage;
  const crossedOn = new Date(`${group[0].day}T00:00:00.000Z`);
  return {
    records: group.map(c => ({
      key: c.key,
      kind: 'quota-headroom',
      entityRef,
      guardrail: HEADROOM_GUARDRAIL,
      environment,
      // Past the days looked at, the crossing is no longer computed, so its record may go.
      dueUntil: addDays(crossedOn, HEADROOM_WINDOW_DAYS),
    })),
    recipients: [entityRef],
    payload: claimed => {
      const told = group.filter(c => claimed.has(c.key));
      const resources = told.map(c => c.usage.resource);
      const over = told.some(c => c.share >= 1);
      return {
        title: `Quota ${
          over ? 'used up' : 'nearly used up'
        } in namespace ${namespace} (${environment}): ${resources.join(', ')}`,
        description: [
          `In cluster ${cluster}, namespace ${namespace} uses ${percent(
            line,
          )} or more of its quota since ${group[0].day}:`,
          told
            .map(
              c =>
                `• ${c.usage.resource}: ${c.usage.used} of ${
                  c.usage.hard
                } (${percent(c.share)}) in ResourceQuota ${c.usage.quota}`,
            )
            .join('\n'),
          'Kubernetes refuses new pods and objects beyond the quota: lower the requests, remove what is unused, or ask for a larger size.',
        ].join('\n\n'),
        link: input.links.entityTab(entityRef),
        severity: over ? 'high' : 'normal',
        topic: guardrailTopic(HEADROOM_GUARDRAIL),
        scope: noticeScope(told.map(c => c.key)),
        metadata: {
          kind: 'quota-headroom',
          cluster,
          namespace,
          environment,
          crossedOn: group[0].day,
          resources,
        },
      };
    },
  };
}

function day(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function percent(share: number): string {
  return `${Math.floor(share * 100)} %`;
}
