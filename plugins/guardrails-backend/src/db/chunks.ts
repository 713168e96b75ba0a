import { Knex } from 'knex';

/**
 * Limits of one statement. PostgreSQL allows 65,535 bound parameters and SQLite (3.32 and later) 32,766; knex
 * writes SQLite's multi-row inserts as a compound SELECT, which SQLite limits to 500 terms.
 */
export const MAX_PARAMETERS_PER_STATEMENT = 10_000;
export const MAX_ROWS_PER_STATEMENT = 400;

/** Inserts rows in as few statements as the limits allow. */
export async function insertInChunks<T extends object>(
  trx: Knex.Transaction,
  table: string,
  rows: T[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const columns = Object.keys(rows[0]).length;
  const chunkSize = Math.max(
    1,
    Math.min(
      MAX_ROWS_PER_STATEMENT,
      Math.floor(MAX_PARAMETERS_PER_STATEMENT / columns),
    ),
  );
  for (let start = 0; start < rows.length; start += chunkSize) {
    await trx(table).insert(rows.slice(start, start + chunkSize));
  }
}
