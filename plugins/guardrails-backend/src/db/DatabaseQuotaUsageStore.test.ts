import { QuotaUsage } from './QuotaUsageStore';
import { testStores } from './__testUtils__';

const { databases, createStore } = testStores();

const usage = (namespace: string, used: number): QuotaUsage => ({
  cluster: 'prod-1',
  environment: 'prod',
  namespace,
  quota: 'compute',
  resource: 'requests.cpu',
  entityRef: 'component:default/Payments',
  costCenter: 'cc-1',
  size: 'small',
  owner: 'group:default/payments',
  hard: '2',
  used: `${used}m`,
  hardValue: 2,
  usedValue: used / 1000,
});

describe('DatabaseQuotaUsageStore', () => {
  it.each(databases.eachSupportedId())(
    'replaces a cluster’s quota use and the day’s rows, ignoring an older read, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const morning = new Date('2027-01-10T06:00:00Z');
      const noon = new Date('2027-01-10T12:00:00Z');
      await store.replaceQuotaUsage({
        cluster: 'prod-1',
        observedAt: morning,
        usage: [usage('payments', 500), usage('gone', 100)],
      });
      await store.replaceQuotaUsage({
        cluster: 'prod-1',
        observedAt: noon,
        usage: [usage('payments', 1500)],
      });
      // A replica's read that finishes late does not replace a newer one.
      await store.replaceQuotaUsage({
        cluster: 'prod-1',
        observedAt: morning,
        usage: [usage('payments', 1)],
      });
      await store.replaceQuotaUsage({
        cluster: 'prod-1',
        observedAt: new Date('2027-01-11T06:00:00Z'),
        usage: [usage('payments', 1800)],
      });

      const current = await store.quotaUsage({
        entityRef: 'component:default/payments',
      });
      expect(current).toEqual([
        {
          ...usage('payments', 1800),
          entityRef: 'component:default/payments',
          observedAt: '2027-01-11T06:00:00.000Z',
        },
      ]);
      const daily = await store.dailyQuotaUsage({
        from: new Date('2027-01-01T00:00:00Z'),
        to: new Date('2027-01-11T00:00:00Z'),
      });
      expect(daily.map(d => [d.date, d.namespace, d.used])).toEqual([
        ['2027-01-10', 'payments', '1500m'],
        ['2027-01-11', 'payments', '1800m'],
      ]);
      expect(daily[0]).not.toHaveProperty('size');
    },
  );

  it.each(databases.eachSupportedId())(
    'writes any number of namespaces in the same few statements on %p',
    async databaseId => {
      const { store, knex } = await createStore(databaseId);
      const statements = async (namespaces: number, at: string) => {
        let count = 0;
        const onQuery = () => {
          count += 1;
        };
        knex.on('query', onQuery);
        try {
          await store.replaceQuotaUsage({
            cluster: 'prod-1',
            observedAt: new Date(at),
            usage: Array.from({ length: namespaces }, (_, i) =>
              usage(`team-${i}`, i),
            ),
          });
        } finally {
          knex.off('query', onQuery);
        }
        return count;
      };
      const few = await statements(3, '2027-01-10T06:00:00Z');
      expect(await statements(300, '2027-01-11T06:00:00Z')).toBe(few);
      expect(await store.quotaUsage()).toHaveLength(300);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses quota use of another cluster on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await expect(
        store.replaceQuotaUsage({
          cluster: 'dev-1',
          observedAt: new Date('2027-01-10T06:00:00Z'),
          usage: [usage('payments', 1)],
        }),
      ).rejects.toThrow('Quota use of cluster prod-1 given for cluster dev-1');
    },
  );
});
