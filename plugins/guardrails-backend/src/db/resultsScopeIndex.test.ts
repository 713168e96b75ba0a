import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { testStores } from './__testUtils__';

const { databases, createStore } = testStores();

const MIGRATION = '20270101000000_results_scope_index.js';
const INDEX = 'guardrail_results_scope_idx';

/** The columns of the results table's index of that name, in order; empty when there is no such index. */
async function indexColumns(knex: Knex): Promise<string[]> {
  if (knex.client.config.client.includes('sqlite')) {
    const columns: Array<{ name: string }> = await knex.raw(
      `PRAGMA index_info('${INDEX}')`,
    );
    return columns.map(c => c.name);
  }
  const { rows } = await knex.raw(
    `SELECT a.attname AS name
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE c.relname = ? AND t.relname = 'guardrail_results'
      ORDER BY k.position`,
    [INDEX],
  );
  return rows.map((r: { name: string }) => r.name);
}

describe('results scope index migration', () => {
  it.each(databases.eachSupportedId())(
    'indexes results by cluster and namespace, and drops the index when undone, on %p',
    async databaseId => {
      const { knex } = await createStore(databaseId);
      expect(await indexColumns(knex)).toEqual(['cluster', 'namespace']);

      const directory = resolvePackagePath(
        '@guardrails-dev/plugin-guardrails-backend',
        'migrations',
      );
      await knex.migrate.down({ directory, name: MIGRATION });
      expect(await indexColumns(knex)).toEqual([]);
      await knex.migrate.up({ directory, name: MIGRATION });
      expect(await indexColumns(knex)).toEqual(['cluster', 'namespace']);
    },
  );
});
