import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { insertInChunks } from './chunks';
import type {
  DailyQuotaUsage,
  QuotaUsage,
  QuotaUsageStore,
  StoredQuotaUsage,
} from './QuotaUsageStore';
import { normalizeRef } from './rows';
import { toDay, toTimestamp } from './timestamps';

const USAGE_TABLE = 'guardrail_quota_usage';
const DAILY_TABLE = 'guardrail_quota_usage_daily';

interface DailyRow {
  date: string;
  cluster: string;
  environment: string;
  namespace: string;
  quota: string;
  resource: string;
  entity_ref: string | null;
  cost_center: string | null;
  hard: string;
  used: string | null;
  hard_value: number | null;
  used_value: number | null;
}

type UsageRow = Omit<DailyRow, 'date'> & {
  owner: string | null;
  size: string | null;
  observed_at: string;
};

/** The quota use tables. */
export class DatabaseQuotaUsageStore implements QuotaUsageStore {
  constructor(private readonly db: Knex) {}

  async replaceQuotaUsage(input: {
    cluster: string;
    observedAt: Date;
    usage: QuotaUsage[];
  }): Promise<void> {
    const observedAt = toTimestamp(input.observedAt, 'observedAt');
    const date = observedAt.slice(0, 10);
    const foreign = input.usage.find(u => u.cluster !== input.cluster);
    if (foreign) {
      throw new InputError(
        `Quota use of cluster ${foreign.cluster} given for cluster ${input.cluster}`,
      );
    }
    const daily = input.usage.map(u => toDailyRow(u, date));
    await this.db.transaction(async trx => {
      const newer = await trx(USAGE_TABLE)
        .where({ cluster: input.cluster })
        .where('observed_at', '>', observedAt)
        .first('observed_at');
      if (newer) return;
      await trx(USAGE_TABLE).where({ cluster: input.cluster }).delete();
      await insertInChunks<UsageRow>(
        trx,
        USAGE_TABLE,
        input.usage.map((u, i) => ({
          ...withoutDate(daily[i]),
          owner: u.owner ? normalizeRef(u.owner) : null,
          size: u.size ?? null,
          observed_at: observedAt,
        })),
      );
      // The day's rows are the day's last read: a namespace gone since an earlier read of the day is gone.
      await trx(DAILY_TABLE).where({ date, cluster: input.cluster }).delete();
      await insertInChunks<DailyRow>(trx, DAILY_TABLE, daily);
    });
  }

  async quotaUsage(options?: {
    entityRef?: string;
  }): Promise<StoredQuotaUsage[]> {
    const query = this.db<UsageRow>(USAGE_TABLE)
      .select()
      .orderBy(['cluster', 'namespace', 'quota', 'resource']);
    if (options?.entityRef !== undefined) {
      query.where('entity_ref', normalizeRef(options.entityRef));
    }
    const rows = (await query) as UsageRow[];
    return rows.map(row => ({
      ...fromDailyColumns(row),
      ...(row.owner ? { owner: row.owner } : {}),
      ...(row.size ? { size: row.size } : {}),
      observedAt: row.observed_at,
    }));
  }

  async dailyQuotaUsage(options: {
    from: Date;
    to: Date;
  }): Promise<DailyQuotaUsage[]> {
    const rows = (await this.db<DailyRow>(DAILY_TABLE)
      .select()
      .whereBetween('date', [
        toDay(options.from, 'from'),
        toDay(options.to, 'to'),
      ])
      .orderBy([
        'date',
        'cluster',
        'namespace',
        'quota',
        'resource',
      ])) as DailyRow[];
    return rows.map(row => ({ date: row.date, ...fromDailyColumns(row) }));
  }
}

function toDailyRow(u: QuotaUsage, date: string): DailyRow {
  return {
    date,
    cluster: u.cluster,
    environment: u.environment,
    namespace: u.namespace,
    quota: u.quota,
    resource: u.resource,
    entity_ref: u.entityRef ? normalizeRef(u.entityRef) : null,
    cost_center: u.costCenter ?? null,
    hard: u.hard,
    used: u.used ?? null,
    hard_value: finite(u.hardValue),
    used_value: finite(u.usedValue),
  };
}

function withoutDate(row: DailyRow): Omit<DailyRow, 'date'> {
  const { date: _, ...rest } = row;
  return rest;
}

function finite(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** Numbers come back as numbers from SQLite and as numbers or strings from PostgreSQL (double precision). */
function fromDailyColumns(row: Omit<DailyRow, 'date'>): QuotaUsage {
  return {
    cluster: row.cluster,
    environment: row.environment,
    namespace: row.namespace,
    quota: row.quota,
    resource: row.resource,
    ...(row.entity_ref ? { entityRef: row.entity_ref } : {}),
    ...(row.cost_center ? { costCenter: row.cost_center } : {}),
    hard: row.hard,
    ...(row.used !== null ? { used: row.used } : {}),
    ...(row.hard_value !== null ? { hardValue: Number(row.hard_value) } : {}),
    ...(row.used_value !== null ? { usedValue: Number(row.used_value) } : {}),
  };
}
