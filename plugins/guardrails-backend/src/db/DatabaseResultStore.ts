import {
  RESULT_STATUSES,
  ResultStatus,
} from '@guardrails-dev/plugin-guardrails-common';
import { Knex } from 'knex';
import type { ResultStore } from './GuardrailsStore';
import {
  compareRows,
  fromRow,
  normalizeRef,
  RESULTS_TABLE,
  ResultRow,
} from './rows';
import type { DistributionRow, EntitySummaryRow, StoredResult } from './types';

/** Every status except `pass`: what the views list unless asked for passing results too. */
const NOT_PASSING = RESULT_STATUSES.filter(status => status !== 'pass');

/**
 * Reads of the results table. Callers check what they ask for (the router checks entity refs, guardrails and
 * environments); an unknown one has no results.
 */
export class DatabaseResultStore implements ResultStore {
  constructor(private readonly db: Knex) {}

  async resultsForEntity(
    entityRef: string,
    options?: { includePassing?: boolean },
  ): Promise<StoredResult[]> {
    const query = this.db<ResultRow>(RESULTS_TABLE).where(
      'entity_ref',
      normalizeRef(entityRef),
    );
    return this.list(query, options?.includePassing);
  }

  async resultsForGuardrail(
    guardrail: string,
    options?: { environment?: string; includePassing?: boolean },
  ): Promise<StoredResult[]> {
    const query = this.db<ResultRow>(RESULTS_TABLE).where(
      'guardrail',
      guardrail,
    );
    if (options?.environment !== undefined) {
      query.where('environment', options.environment);
    }
    return this.list(query, options?.includePassing);
  }

  async unownedResults(options?: {
    includePassing?: boolean;
  }): Promise<StoredResult[]> {
    const query = this.db<ResultRow>(RESULTS_TABLE).whereNull('entity_ref');
    return this.list(query, options?.includePassing);
  }

  async entitySummaries(): Promise<EntitySummaryRow[]> {
    const rows: Array<{
      entity_ref: string;
      environment: string;
      level: EntitySummaryRow['level'];
      result: ResultStatus;
      count: number | string;
      last_seen: string;
    }> = await this.db(RESULTS_TABLE)
      .select('entity_ref', 'environment', 'level', 'result')
      .count({ count: '*' })
      .max({ last_seen: 'last_seen' })
      .whereNotNull('entity_ref')
      .groupBy('entity_ref', 'environment', 'level', 'result');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      environment: row.environment,
      level: row.level,
      result: row.result,
      count: Number(row.count),
      lastSeen: row.last_seen,
    }));
  }

  async distribution(): Promise<DistributionRow[]> {
    const rows: Array<{
      guardrail: string;
      environment: string;
      result: ResultStatus;
      count: number | string;
    }> = await this.db(RESULTS_TABLE)
      .select('guardrail', 'environment', 'result')
      .count({ count: '*' })
      .groupBy('guardrail', 'environment', 'result');
    return rows.map(row => ({ ...row, count: Number(row.count) }));
  }

  private async list(
    query: Knex.QueryBuilder<ResultRow, ResultRow[]>,
    includePassing: boolean | undefined,
  ): Promise<StoredResult[]> {
    if (!includePassing) {
      query.whereIn('result', NOT_PASSING);
    }
    const rows: ResultRow[] = await query.select();
    return rows.sort(compareRows).map(fromRow);
  }
}
