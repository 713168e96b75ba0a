import { seedTwoEnvironments, T1, T3, testStores } from './__testUtils__';

const { databases, createStore } = testStores();

describe('DatabaseHistoryStore', () => {
  it.each(databases.eachSupportedId())(
    'records daily history idempotently per day and reads it by range on %p',
    async databaseId => {
      const { store, knex } = await createStore(databaseId);
      await seedTwoEnvironments(store);
      const day1 = new Date('2026-11-20T23:59:00Z');
      await store.recordDailyHistory(day1);
      await store.recordDailyHistory(day1);

      const payments = {
        entityRef: 'component:default/payments',
        from: new Date('2026-11-20T00:00:00Z'),
        to: new Date('2026-11-20T00:00:00Z'),
      };
      expect(await store.history(payments)).toEqual([
        {
          date: '2026-11-20',
          environment: 'dev',
          guardrail: 'pod.no-privileged',
          failing: 0,
          warning: 1,
          errors: 0,
        },
        {
          date: '2026-11-20',
          environment: 'dev',
          guardrail: 'pod.run-as-non-root',
          failing: 0,
          warning: 0,
          errors: 1,
        },
        {
          date: '2026-11-20',
          environment: 'prod',
          guardrail: 'pod.no-privileged',
          failing: 2,
          warning: 0,
          errors: 0,
        },
      ]);
      expect(
        await knex('guardrail_daily_counts').where({ date: '2026-11-20' }),
      ).toHaveLength(5);

      // Later the same day prod is fixed: recording the day again replaces its counts.
      await store.replaceClusterResults({
        cluster: 'prod-1',
        environment: 'prod',
        auditedAt: T3,
        results: [],
      });
      await store.recordDailyHistory(day1);
      await store.recordDailyHistory(new Date('2026-11-21T06:00:00Z'));
      await store.recordDailyHistory(new Date('2026-11-23T06:00:00Z'));

      const points = await store.history({
        ...payments,
        to: new Date('2026-11-22T00:00:00Z'),
      });
      expect(
        points.map(
          p =>
            `${p.date} ${p.environment} ${p.guardrail} ${p.failing}/${p.warning}/${p.errors}`,
        ),
      ).toEqual([
        '2026-11-20 dev pod.no-privileged 0/1/0',
        '2026-11-20 dev pod.run-as-non-root 0/0/1',
        '2026-11-21 dev pod.no-privileged 0/1/0',
        '2026-11-21 dev pod.run-as-non-root 0/0/1',
      ]);

      // Without an entity: summed over every entity, unowned objects included.
      expect(
        (
          await store.history({
            from: new Date('2026-11-23T00:00:00Z'),
            to: new Date('2026-11-23T00:00:00Z'),
          })
        ).map(p => `${p.guardrail} ${p.failing}/${p.warning}/${p.errors}`),
      ).toEqual(['pod.no-privileged 0/3/0', 'pod.run-as-non-root 0/0/1']);
      expect(
        (
          await store.history({
            entityRef: '',
            from: new Date('2026-11-23T00:00:00Z'),
            to: new Date('2026-11-23T00:00:00Z'),
          })
        ).map(p => `${p.guardrail} ${p.warning}`),
      ).toEqual(['pod.no-privileged 1']);

      // The router asks for whole ranges of days; a reversed one has no counts.
      expect(await store.history({ from: T3, to: T1 })).toEqual([]);
    },
  );
});
