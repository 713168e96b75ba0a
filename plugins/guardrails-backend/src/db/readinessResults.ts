import { Knex } from 'knex';
import { fromRow, RESULTS_TABLE, ResultRow } from './rows';
import type { StoredResult } from './types';

/**
 * The current results of the given guardrails that a stage change could affect — violations, evaluation errors and
 * exemptions — in the given environments, in one query whatever the number of components.
 */
export async function readReadinessResults(
  db: Knex,
  options: { guardrails: string[]; environments: string[] },
): Promise<StoredResult[]> {
  if (options.guardrails.length === 0 || options.environments.length === 0) {
    return [];
  }
  // The guardrails and environments come from the pack and the configuration: a handful, never user input.
  const rows: ResultRow[] = await db<ResultRow>(RESULTS_TABLE)
    .whereIn('guardrail', options.guardrails)
    .whereIn('environment', options.environments)
    .whereIn('result', ['fail', 'warn', 'error', 'skip'])
    .select('*');
  return rows.map(fromRow);
}
