import {
  names,
  seedTwoEnvironments,
  T1,
  T2,
  testStores,
} from './__testUtils__';

const { databases, createStore } = testStores();

describe('DatabaseResultStore', () => {
  it.each(databases.eachSupportedId())(
    'lists results by entity, by guardrail and unowned on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await seedTwoEnvironments(store);

      expect(
        names(await store.resultsForEntity('component:default/payments')),
      ).toEqual([
        'pod.no-privileged web warn',
        'pod.run-as-non-root web error',
        'pod.no-privileged api fail',
        'pod.no-privileged web fail',
      ]);
      expect(
        (
          await store.resultsForEntity('component:default/payments', {
            includePassing: true,
          })
        ).length,
      ).toBe(6);
      // Refs are stored and matched in lower case.
      const orders = await store.resultsForEntity('component:DEFAULT/orders');
      expect(orders.map(r => r.entityRef)).toEqual([
        'component:default/orders',
      ]);
      expect(await store.resultsForEntity('component:default/none')).toEqual(
        [],
      );

      expect(
        names(
          await store.resultsForGuardrail('pod.no-privileged', {
            environment: 'prod',
          }),
        ),
      ).toEqual(['pod.no-privileged api fail', 'pod.no-privileged web fail']);
      expect(
        (
          await store.resultsForGuardrail('pod.no-privileged', {
            includePassing: true,
          })
        ).map(r => `${r.environment} ${r.resource.name} ${r.result}`),
      ).toEqual([
        'dev stray warn',
        'dev stray-ok pass',
        'dev api pass',
        'dev orders warn',
        'dev web warn',
        'prod api fail',
        'prod web fail',
      ]);

      const unowned = await store.unownedResults();
      expect(names(unowned)).toEqual(['pod.no-privileged stray warn']);
      expect(unowned[0]).not.toHaveProperty('entityRef');
      expect(
        names(await store.unownedResults({ includePassing: true })),
      ).toEqual([
        'pod.no-privileged stray warn',
        'pod.no-privileged stray-ok pass',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'summarizes entities and the distribution of results on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await seedTwoEnvironments(store);

      const summaries = await store.entitySummaries();
      const byKey = (rows: typeof summaries) =>
        rows
          .map(
            r =>
              `${r.entityRef} ${r.environment} ${r.level} ${r.result} ${r.count} ${r.lastSeen}`,
          )
          .sort();
      expect(byKey(summaries)).toEqual(
        [
          `component:default/orders dev warn warn 1 ${T1.toISOString()}`,
          `component:default/payments dev warn error 1 ${T1.toISOString()}`,
          `component:default/payments dev warn pass 1 ${T1.toISOString()}`,
          `component:default/payments dev warn warn 1 ${T1.toISOString()}`,
          `component:default/payments prod block fail 2 ${T2.toISOString()}`,
          `component:default/payments prod observe pass 1 ${T2.toISOString()}`,
        ].sort(),
      );

      const distribution = (await store.distribution())
        .map(r => `${r.guardrail} ${r.environment} ${r.result} ${r.count}`)
        .sort();
      expect(distribution).toEqual(
        [
          'pod.no-privileged dev pass 2',
          'pod.no-privileged dev warn 3',
          'pod.no-privileged prod fail 2',
          'pod.run-as-non-root dev error 1',
          'pod.run-as-non-root prod pass 1',
        ].sort(),
      );
    },
  );
});
