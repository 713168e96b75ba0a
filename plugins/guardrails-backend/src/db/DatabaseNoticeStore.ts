import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { MAX_ROWS_PER_STATEMENT } from './chunks';
import type {
  NoticeKind,
  NoticeRecord,
  NoticeStore,
  StoredNotice,
} from './NoticeStore';
import { toTimestamp } from './timestamps';

export const NOTICES_TABLE = 'guardrail_notices';

interface NoticeRow {
  key_hash: string;
  key: string;
  kind: NoticeKind;
  entity_ref: string | null;
  guardrail: string | null;
  environment: string | null;
  due_until: string | null;
  state: StoredNotice['state'];
  claim_id: string;
  claimed_at: string;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
}

/** The key's fixed-width form: keys name objects and entities, and may exceed what an index takes. */
function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_ROWS_PER_STATEMENT) {
    result.push(items.slice(i, i + MAX_ROWS_PER_STATEMENT));
  }
  return result;
}

/**
 * The notices table on the plugin's database. A claim is a row written before the send, under the key's primary key,
 * so replicas on one database and restarts send each notice once.
 */
export class DatabaseNoticeStore implements NoticeStore {
  constructor(private readonly db: Knex) {}

  async notices(): Promise<StoredNotice[]> {
    const rows = await this.db<NoticeRow>(NOTICES_TABLE).select(
      'key',
      'kind',
      'state',
      'claimed_at',
      'sent_at',
      'due_until',
      'attempts',
    );
    return rows.map(row => ({
      key: row.key,
      kind: row.kind,
      state: row.state,
      claimedAt: row.claimed_at,
      ...(row.sent_at ? { sentAt: row.sent_at } : {}),
      ...(row.due_until ? { dueUntil: row.due_until } : {}),
      attempts: Number(row.attempts),
    }));
  }

  async claim(
    records: NoticeRecord[],
    options: { now: Date; retryBefore: Date; claimId: string },
  ): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const now = toTimestamp(options.now, 'now');
    const retryBefore = toTimestamp(options.retryBefore, 'retryBefore');
    const { claimId } = options;
    const byHash = new Map(records.map(r => [keyHash(r.key), r.key]));
    for (const chunk of chunks(records)) {
      // A key another run holds is left alone: the insert ignores it, and the update takes it only when it failed or
      // was abandoned, re-checked under the row's lock, so two runs never both get it.
      await this.db(NOTICES_TABLE)
        .insert(chunk.map(record => newRow(record, claimId, now)))
        .onConflict('key_hash')
        .ignore();
      await this.db<NoticeRow>(NOTICES_TABLE)
        .whereIn(
          'key_hash',
          chunk.map(r => keyHash(r.key)),
        )
        .whereNot('claim_id', claimId)
        .whereNot('state', 'sent')
        .where(q =>
          q.where('state', 'failed').orWhere('claimed_at', '<', retryBefore),
        )
        .update({
          state: 'claimed',
          claim_id: claimId,
          claimed_at: now,
          attempts: this.db.raw('?? + 1', ['attempts']) as any,
        });
    }
    const claimed = await this.db<NoticeRow>(NOTICES_TABLE)
      .where({ claim_id: claimId, state: 'claimed' })
      .select('key_hash');
    return new Set(
      claimed.flatMap(row => {
        const key = byHash.get(row.key_hash);
        return key === undefined ? [] : [key];
      }),
    );
  }

  async markSent(keys: string[], claimId: string, at: Date): Promise<void> {
    const sentAt = toTimestamp(at, 'at');
    for (const chunk of chunks(keys)) {
      await this.db<NoticeRow>(NOTICES_TABLE)
        .whereIn('key_hash', chunk.map(keyHash))
        .where({ claim_id: claimId })
        .update({ state: 'sent', sent_at: sentAt, last_error: null });
    }
  }

  async markFailed(
    keys: string[],
    claimId: string,
    error: string,
  ): Promise<void> {
    for (const chunk of chunks(keys)) {
      await this.db<NoticeRow>(NOTICES_TABLE)
        .whereIn('key_hash', chunk.map(keyHash))
        .where({ claim_id: claimId, state: 'claimed' })
        .update({ state: 'failed', last_error: error.slice(0, 2000) });
    }
  }

  async forget(keys: string[]): Promise<void> {
    for (const chunk of chunks(keys)) {
      await this.db(NOTICES_TABLE)
        .whereIn('key_hash', chunk.map(keyHash))
        .delete();
    }
  }
}

function newRow(record: NoticeRecord, claimId: string, now: string): NoticeRow {
  return {
    key_hash: keyHash(record.key),
    key: record.key,
    kind: record.kind,
    entity_ref: record.entityRef ?? null,
    guardrail: record.guardrail ?? null,
    environment: record.environment ?? null,
    due_until: record.dueUntil
      ? toTimestamp(record.dueUntil, 'dueUntil')
      : null,
    state: 'claimed',
    claim_id: claimId,
    claimed_at: now,
    sent_at: null,
    attempts: 1,
    last_error: null,
  };
}
