import { T1, T2, testStores } from './__testUtils__';

const { databases, createStore } = testStores();

describe('DatabaseStatusTimeStore', () => {
  it.each(databases.eachSupportedId())(
    'keeps the time an entity status was first found while audits find the same status, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const status = (entityRef: string, key: string, at: Date) => ({
        entityRef,
        key,
        evaluatedAt: at.toISOString(),
      });
      await store.recordEntityStatusTimes([
        status('component:default/a', 'violating 2', T1),
        status('component:default/b', 'compliant', T1),
        status('component:default/gone', 'compliant', T1),
      ]);
      const recorded = await store.recordEntityStatusTimes([
        status('Component:default/A', 'violating 2', T2),
        status('component:default/b', 'violating 1', T2),
        status('component:default/new', 'compliant', T2),
      ]);
      const expected = new Map([
        [
          'component:default/a',
          status('component:default/a', 'violating 2', T1),
        ],
        [
          'component:default/b',
          status('component:default/b', 'violating 1', T2),
        ],
        [
          'component:default/new',
          status('component:default/new', 'compliant', T2),
        ],
      ]);
      expect(recorded).toEqual(expected);
      expect(await store.entityStatusTimes()).toEqual(expected);
      await expect(
        store.recordEntityStatusTimes([
          { entityRef: 'component:default/a', key: 'x', evaluatedAt: 'soon' },
        ]),
      ).rejects.toThrow('evaluatedAt must be a valid Date');
      expect(await store.entityStatusTimes()).toEqual(expected);
    },
  );
});
