import { Knex } from 'knex';
import { NOTICES_TABLE } from './DatabaseNoticeStore';

/** An upcoming-stage notice that was sent, with the stage it told of, read from its key. */
export interface SentStageNotice {
  guardrail: string;
  environment: string;
  level: string;
  /** The stage's start, as an ISO 8601 instant. */
  from: string;
  sentAt: string;
}

/**
 * Every upcoming-stage notice sent about the given guardrails, in one query. The stage a notice told of is the tail
 * of its key (`upcoming-stage|<entity>|<guardrail>|<environment>|<level>|<from>|<horizon>d`), read from the end so
 * that the entity ref in the middle cannot shift it.
 */
export async function readSentStageNotices(
  db: Knex,
  guardrails: string[],
): Promise<SentStageNotice[]> {
  if (guardrails.length === 0) return [];
  const rows: Array<{ key: string; sent_at: string | null }> = await db(
    NOTICES_TABLE,
  )
    .where({ kind: 'upcoming-stage', state: 'sent' })
    .whereIn('guardrail', guardrails)
    .select('key', 'sent_at');
  return rows.flatMap(row => {
    const parts = row.key.split('|');
    if (parts[0] !== 'upcoming-stage' || parts.length < 7 || !row.sent_at) {
      return [];
    }
    const [guardrail, environment, level, from] = parts.slice(-5, -1);
    return [{ guardrail, environment, level, from, sentAt: row.sent_at }];
  });
}
