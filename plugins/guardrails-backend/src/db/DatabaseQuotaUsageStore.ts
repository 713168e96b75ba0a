import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { insertInChunks } from './chunks';
import { CPU_KEYS, MEMORY_KEYS } from './quotaUsageKeys';
import type {
  DailyQuotaUsage,
  DailyReserved,
  QuotaNamespace,
  QuotaUsage,
  QuotaUsageStore,
  StoredQuotaNamespace,
  StoredQuotaUsage,
} from './QuotaUsageStore';
import { normalizeRef } from './rows';
import { toDay, toTimestamp } from './timestamps';

const USAGE_TABLE = 'guardrail_quota_usage';
const DAILY_TABLE = 'guardrail_quota_usage_daily';
const NAMESPACES_TABLE = 'guardrail_quota_namespaces';
/** Days of daily rows kept: the API looks back a year at most. */
const KEEP_DAYS = 400;
const DAY_MS = 24 * 60 * 60 * 1000;

interface UsageColumns {
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

type DailyRow = UsageColumns & { date: string };
type UsageRow = UsageColumns & { observed_at: string };

interface NamespaceRow {
  cluster: string;
  namespace: string;
  environment: string;
  entity_ref: string | null;
  owner: string | null;
  size: string | null;
  cost_center: string | null;
  observed_at: string;
}

/** The quota use tables. */
export class DatabaseQuotaUsageStore implements QuotaUsageStore {
  constructor(private readonly db: Knex) {}

  async replaceQuotaUsage(input: {
    cluster: string;
    observedAt: Date;
    namespaces: QuotaNamespace[];
    usage: QuotaUsage[];
  }): Promise<void> {
    const observedAt = toTimestamp(input.observedAt, 'observedAt');
    const date = observedAt.slice(0, 10);
    const foreign = [...input.namespaces, ...input.usage].find(
      u => u.cluster !== input.cluster,
    );
    if (foreign) {
      throw new InputError(
        `Quota use of cluster ${foreign.cluster} given for cluster ${input.cluster}`,
      );
    }
    const usage = input.usage.map(toUsageColumns);
    await this.db.transaction(async trx => {
      const newer = await trx(NAMESPACES_TABLE)
        .where({ cluster: input.cluster })
        .where('observed_at', '>', observedAt)
        .first('observed_at');
      if (newer) return;
      await trx(NAMESPACES_TABLE).where({ cluster: input.cluster }).delete();
      await insertInChunks<NamespaceRow>(
        trx,
        NAMESPACES_TABLE,
        input.namespaces.map(n => ({
          cluster: n.cluster,
          namespace: n.namespace,
          environment: n.environment,
          entity_ref: n.entityRef ? normalizeRef(n.entityRef) : null,
          owner: n.owner ? normalizeRef(n.owner) : null,
          size: n.size ?? null,
          cost_center: n.costCenter ?? null,
          observed_at: observedAt,
        })),
      );
      await trx(USAGE_TABLE).where({ cluster: input.cluster }).delete();
      await insertInChunks<UsageRow>(
        trx,
        USAGE_TABLE,
        usage.map(u => ({ ...u, observed_at: observedAt })),
      );
      // The day's rows are the day's last read: a quota gone since an earlier read of the day is gone.
      await trx(DAILY_TABLE).where({ date, cluster: input.cluster }).delete();
      await insertInChunks<DailyRow>(
        trx,
        DAILY_TABLE,
        usage.map(u => ({ ...u, date })),
      );
      const expired = toDay(
        new Date(input.observedAt.getTime() - KEEP_DAYS * DAY_MS),
        'expired',
      );
      await trx(DAILY_TABLE).where('date', '<', expired).delete();
    });
  }

  async dailyReserved(options: {
    from: Date;
    to: Date;
    clusters: readonly string[];
  }): Promise<DailyReserved[]> {
    // The keys are constants of ours, written into the SQL so that the grouping is the selected expression.
    const kind = this.db.raw(
      `case when resource in (${CPU_KEYS.map(k => `'${k}'`).join(
        ', ',
      )}) then 'cpu' else 'memory' end as kind`,
    );
    // Each namespace once per day and kind, at the smallest hard among its quotas.
    const namespaces = this.db(DAILY_TABLE)
      .select('date', 'cost_center', 'environment', kind)
      .min({ hard: 'hard_value' })
      .whereBetween('date', [
        toDay(options.from, 'from'),
        toDay(options.to, 'to'),
      ])
      .whereIn('cluster', [...options.clusters])
      .whereIn('resource', [...CPU_KEYS, ...MEMORY_KEYS])
      .whereNotNull('hard_value')
      .groupBy(
        'date',
        'cluster',
        'namespace',
        'cost_center',
        'environment',
        'kind',
      );
    const rows = (await this.db
      .from(namespaces.as('n'))
      .select('date', 'cost_center', 'environment', 'kind')
      .sum({ hard: 'hard' })
      .groupBy('date', 'cost_center', 'environment', 'kind')) as Array<{
      date: string;
      cost_center: string | null;
      environment: string;
      kind: 'cpu' | 'memory';
      hard: number | string;
    }>;
    const byGroup = new Map<string, DailyReserved>();
    for (const row of rows) {
      const key = JSON.stringify([row.date, row.cost_center, row.environment]);
      const group = byGroup.get(key) ?? {
        date: row.date,
        ...(row.cost_center ? { costCenter: row.cost_center } : {}),
        environment: row.environment,
        cpu: 0,
        memory: 0,
      };
      group[row.kind] = Number(row.hard);
      byGroup.set(key, group);
    }
    return [...byGroup.values()].sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        (a.costCenter ?? '').localeCompare(b.costCenter ?? '') ||
        a.environment.localeCompare(b.environment),
    );
  }

  async quotaNamespaces(options?: {
    entityRef?: string;
  }): Promise<StoredQuotaNamespace[]> {
    const query = this.db<NamespaceRow>(NAMESPACES_TABLE)
      .select()
      .orderBy(['cluster', 'namespace']);
    if (options?.entityRef !== undefined) {
      query.where('entity_ref', normalizeRef(options.entityRef));
    }
    const rows = (await query) as NamespaceRow[];
    return rows.map(row => ({
      cluster: row.cluster,
      namespace: row.namespace,
      environment: row.environment,
      ...(row.entity_ref ? { entityRef: row.entity_ref } : {}),
      ...(row.owner ? { owner: row.owner } : {}),
      ...(row.size ? { size: row.size } : {}),
      ...(row.cost_center ? { costCenter: row.cost_center } : {}),
      observedAt: row.observed_at,
    }));
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
      ...fromUsageColumns(row),
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
    return rows.map(row => ({ date: row.date, ...fromUsageColumns(row) }));
  }
}

function toUsageColumns(u: QuotaUsage): UsageColumns {
  return {
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

function finite(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** Numbers come back as numbers from SQLite and as numbers or strings from PostgreSQL (double precision). */
function fromUsageColumns(row: UsageColumns): QuotaUsage {
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
