import { Knex } from 'knex';
import { insertInChunks } from './chunks';
import type { HistoryStore } from './GuardrailsStore';
import {
  compareText,
  DAILY_COUNTS_TABLE,
  DailyCountRow,
  normalizeRef,
  RESULTS_TABLE,
} from './rows';
import { toDay } from './timestamps';
import type { HistoryRow } from './types';

/** Counts come back as strings from PostgreSQL (bigint) and as numbers from SQLite. */
type Counted<T> = {
  [K in keyof T]: T[K] extends number ? number | string : T[K];
};

/** The daily counts table, written from the current results. */
export class DatabaseHistoryStore implements HistoryStore {
  constructor(private readonly db: Knex) {}

  async recordDailyHistory(day: Date): Promise<void> {
    const date = toDay(day, 'day');
    await this.db.transaction(async trx => {
      const groups: Array<
        Counted<Omit<DailyCountRow, 'date' | 'entity_ref'>> & {
          entity_ref: string | null;
        }
      > = await trx(RESULTS_TABLE)
        .select(
          'entity_ref',
          'environment',
          'guardrail',
          trx.raw(
            "sum(case when result = 'fail' then 1 else 0 end) as failing",
          ),
          trx.raw(
            "sum(case when result = 'warn' then 1 else 0 end) as warning",
          ),
          trx.raw(
            "sum(case when result = 'error' then 1 else 0 end) as errors",
          ),
        )
        .whereIn('result', ['fail', 'warn', 'error'])
        .groupBy('entity_ref', 'environment', 'guardrail');
      await trx(DAILY_COUNTS_TABLE).where({ date }).delete();
      await insertInChunks<DailyCountRow>(
        trx,
        DAILY_COUNTS_TABLE,
        groups.map(group => ({
          date,
          entity_ref: group.entity_ref ?? '',
          environment: group.environment,
          guardrail: group.guardrail,
          failing: Number(group.failing),
          warning: Number(group.warning),
          errors: Number(group.errors),
        })),
      );
    });
  }

  async history(options: {
    entityRef?: string;
    from: Date;
    to: Date;
  }): Promise<HistoryRow[]> {
    const query = this.db(DAILY_COUNTS_TABLE)
      .select('date', 'environment', 'guardrail')
      .sum({ failing: 'failing', warning: 'warning', errors: 'errors' })
      .whereBetween('date', [
        toDay(options.from, 'from'),
        toDay(options.to, 'to'),
      ])
      .groupBy('date', 'environment', 'guardrail');
    if (options.entityRef !== undefined) {
      query.where('entity_ref', normalizeRef(options.entityRef));
    }
    const rows = (await query) as Array<Counted<HistoryRow>>;
    return rows
      .map(row => ({
        date: row.date,
        environment: row.environment,
        guardrail: row.guardrail,
        failing: Number(row.failing),
        warning: Number(row.warning),
        errors: Number(row.errors),
      }))
      .sort(
        (a, b) =>
          compareText(a.date, b.date) ||
          compareText(a.environment, b.environment) ||
          compareText(a.guardrail, b.guardrail),
      );
  }
}
