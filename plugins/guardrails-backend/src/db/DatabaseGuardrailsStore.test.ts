import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { DatabaseGuardrailsStore } from './DatabaseGuardrailsStore';
import { testStores } from './__testUtils__';

const { databases, createStore } = testStores();

describe('DatabaseGuardrailsStore', () => {
  // `npm run test:all` starts a local PostgreSQL; without it the PostgreSQL cases would silently drop out.
  it('runs on PostgreSQL as well as SQLite in CI', () => {
    const ids = databases.eachSupportedId().map(([id]) => id);
    // Outside CI a developer may run SQLite only.
    const required = process.env.CI ? ['SQLITE_3', 'POSTGRES_15'] : ids;
    expect(ids).toEqual(required);
  });

  it.each(databases.eachSupportedId())(
    'applies its migrations on %p, once, and not when skipped',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      // A second start finds the schema up to date.
      await DatabaseGuardrailsStore.create({
        database: { getClient: async () => knex },
      });
      expect(await store.clusterStatuses()).toEqual([]);

      const skipped = await createStore(databaseId, true);
      expect(await skipped.knex.schema.hasTable('guardrail_results')).toBe(
        false,
      );

      await knex.migrate.rollback(
        {
          directory: resolvePackagePath(
            '@guardrails-dev/plugin-guardrails-backend',
            'migrations',
          ),
        },
        true,
      );
      expect(await knex.schema.hasTable('guardrail_results')).toBe(false);
    },
  );
});
