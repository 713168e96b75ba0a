import { QuotaNamespace, QuotaUsage } from './QuotaUsageStore';
import { testStores } from './__testUtils__';

const { databases, createStore } = testStores();

const namespace = (name: string): QuotaNamespace => ({
  cluster: 'prod-1',
  namespace: name,
  environment: 'prod',
  entityRef: 'component:default/Payments',
  owner: 'group:default/Payments',
  size: 'small',
  costCenter: 'cc-1',
});

const usage = (name: string, used: number): QuotaUsage => ({
  cluster: 'prod-1',
  environment: 'prod',
  namespace: name,
  quota: 'compute',
  resource: 'requests.cpu',
  entityRef: 'component:default/Payments',
  costCenter: 'cc-1',
  hard: '2',
  used: `${used}m`,
  hardValue: 2,
  usedValue: used / 1000,
});

/** A read of prod-1 finding the given namespaces, each with its CPU quota used as given. */
const read = (observedAt: string, used: Record<string, number>) => ({
  cluster: 'prod-1',
  observedAt: new Date(observedAt),
  namespaces: Object.keys(used).map(namespace),
  usage: Object.entries(used).map(([name, value]) => usage(name, value)),
});

describe('DatabaseQuotaUsageStore', () => {
  it.each(databases.eachSupportedId())(
    'replaces a cluster’s namespaces, quota use and the day’s rows, ignoring an older read, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.replaceQuotaUsage(
        read('2027-01-10T06:00:00Z', { payments: 500, gone: 100 }),
      );
      await store.replaceQuotaUsage(
        read('2027-01-10T12:00:00Z', { payments: 1500 }),
      );
      // A replica's read that finishes late does not replace a newer one.
      await store.replaceQuotaUsage(
        read('2027-01-10T06:00:00Z', { payments: 1, late: 1 }),
      );
      await store.replaceQuotaUsage(
        read('2027-01-11T06:00:00Z', { payments: 1800 }),
      );

      const payments = { entityRef: 'component:default/payments' };
      expect(await store.quotaNamespaces(payments)).toEqual([
        {
          ...namespace('payments'),
          entityRef: 'component:default/payments',
          owner: 'group:default/payments',
          observedAt: '2027-01-11T06:00:00.000Z',
        },
      ]);
      expect(await store.quotaUsage(payments)).toEqual([
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
          await store.replaceQuotaUsage(
            read(
              at,
              Object.fromEntries(
                Array.from({ length: namespaces }, (_, i) => [`team-${i}`, i]),
              ),
            ),
          );
        } finally {
          knex.off('query', onQuery);
        }
        return count;
      };
      const few = await statements(3, '2027-01-10T06:00:00Z');
      expect(await statements(300, '2027-01-11T06:00:00Z')).toBe(few);
      expect(await store.quotaNamespaces()).toHaveLength(300);
      expect(await store.quotaUsage()).toHaveLength(300);
    },
  );

  it.each(databases.eachSupportedId())(
    'sums what namespaces reserve per day, cost centre and environment, each at its smallest quota, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const hard = (
        name: string,
        quota: string,
        resource: string,
        value: number,
        costCenter = 'cc-1',
      ): QuotaUsage => ({
        ...usage(name, 0),
        quota,
        resource,
        hard: String(value),
        hardValue: value,
        costCenter,
      });
      const GIB = 2 ** 30;
      await store.replaceQuotaUsage({
        ...read('2027-01-10T06:00:00Z', {}),
        usage: [
          // Two quotas limit payments: the smaller counts, whichever key it uses.
          hard('payments', 'compute', 'requests.cpu', 4),
          hard('payments', 'team', 'cpu', 3),
          hard('payments', 'compute', 'requests.memory', 8 * GIB),
          hard('payments', 'compute', 'pods', 20),
          hard('ledger', 'compute', 'requests.cpu', 1.5),
          hard('tools', 'compute', 'requests.cpu', 2, 'cc-2'),
        ],
      });
      await store.replaceQuotaUsage({
        ...read('2027-01-10T06:00:00Z', {}),
        cluster: 'elsewhere',
        usage: [
          {
            ...hard('payments', 'compute', 'requests.cpu', 100),
            cluster: 'elsewhere',
          },
        ],
      });
      const reserved = await store.dailyReserved({
        from: new Date('2027-01-10T00:00:00Z'),
        to: new Date('2027-01-10T00:00:00Z'),
        clusters: ['prod-1'],
      });
      expect(reserved).toEqual([
        {
          date: '2027-01-10',
          costCenter: 'cc-1',
          environment: 'prod',
          cpu: 4.5,
          memory: 8 * GIB,
        },
        {
          date: '2027-01-10',
          costCenter: 'cc-2',
          environment: 'prod',
          cpu: 2,
          memory: 0,
        },
      ]);

      // More than 400 days on, the day is no longer kept.
      await store.replaceQuotaUsage(read('2028-02-15T06:00:00Z', {}));
      expect(
        await store.dailyReserved({
          from: new Date('2027-01-10T00:00:00Z'),
          to: new Date('2027-01-10T00:00:00Z'),
          clusters: ['prod-1'],
        }),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses quota use of another cluster on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await expect(
        store.replaceQuotaUsage({
          ...read('2027-01-10T06:00:00Z', { payments: 1 }),
          cluster: 'dev-1',
        }),
      ).rejects.toThrow('Quota use of cluster prod-1 given for cluster dev-1');
    },
  );
});
