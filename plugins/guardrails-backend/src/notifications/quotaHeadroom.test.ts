import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseGuardrailsStore } from '../db';
import { ManualClock } from '../enforcement/__testUtils__/ManualClock';
import { CapturingNotifications } from './__testUtils__/CapturingNotifications';
import {
  PORTAL,
  startNoticesBackend,
  startScenario,
} from './__testUtils__/noticesBackend';
import { PAYMENTS, testPack } from './__testUtils__/testPack';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** Only the quota notices: the scenario's violations and stages are told by the other kinds. */
const QUOTA_ONLY = {
  upcomingStage: { enabled: false },
  exemptionExpiry: { enabled: false },
  blockViolation: { enabled: false },
};
// Before the scenario's pack makes pod.no-privileged block in prod.
const START = new Date('2027-01-10T06:00:00.000Z');
const day = (n: number) => new Date(START.getTime() + n * 24 * 60 * 60_000);

/** Writes prod's quota use as an audit at `at` would: payments' CPU at `cpuUsed` of 2, memory at a quarter. */
async function readProd(knex: Knex, at: Date, cpuUsed: string) {
  const store = await DatabaseGuardrailsStore.create({
    database: { getClient: async () => knex },
  });
  const row = {
    cluster: 'prod',
    environment: 'prod',
    namespace: 'payments',
    quota: 'compute',
    entityRef: PAYMENTS,
  };
  await store.replaceQuotaUsage({
    cluster: 'prod',
    observedAt: at,
    namespaces: [],
    usage: [
      {
        ...row,
        resource: 'requests.cpu',
        hard: '2',
        used: cpuUsed,
        hardValue: 2,
        usedValue: Number(cpuUsed.replace(/m$/, '')) / 1000,
      },
      {
        ...row,
        resource: 'requests.memory',
        hard: '4Gi',
        used: '1Gi',
        hardValue: 4 * 2 ** 30,
        usedValue: 2 ** 30,
      },
      // No component owns it: no one to tell.
      {
        ...row,
        namespace: 'shared',
        entityRef: undefined,
        resource: 'pods',
        hard: '10',
        used: '10',
        hardValue: 10,
        usedValue: 10,
      },
    ],
  });
}

describe('notices of a quota reaching its headroom share', () => {
  it("tells the component's owners once per crossing, from 80 % on, and again after it went below", async () => {
    const { backend, notifications, runAt, knex } = await startScenario(
      databases,
      { start: START, settings: QUOTA_ONLY },
    );
    const titles = () => notifications.titles();
    try {
      await readProd(knex, day(0), '1580m'); // 79 %
      await runAt(day(0));
      expect(titles()).toEqual([]);

      await readProd(knex, day(1), '1600m'); // 80 %
      await runAt(day(1));
      await runAt(day(1.1));
      expect(titles()).toEqual([
        'Quota nearly used up in namespace payments (prod): requests.cpu',
      ]);
      expect(notifications.sent[0]).toMatchObject({
        recipients: { type: 'entity', entityRef: [PAYMENTS] },
        payload: {
          link: `${PORTAL}/catalog/default/component/payments/guardrails`,
          topic: 'guardrails:namespace.quota-headroom',
          severity: 'normal',
          metadata: {
            kind: 'quota-headroom',
            cluster: 'prod',
            namespace: 'payments',
            crossedOn: '2027-01-11',
            resources: ['requests.cpu'],
          },
        },
      });
      expect(notifications.sent[0].payload.description).toContain(
        '• requests.cpu: 1600m of 2 (80 %) in ResourceQuota compute',
      );

      // Still over the next day, and at 100 %: the same crossing.
      await readProd(knex, day(2), '2000m');
      await runAt(day(2));
      expect(titles()).toHaveLength(1);

      // Below, then over again: a new crossing.
      await readProd(knex, day(3), '1000m');
      await runAt(day(3));
      expect(titles()).toHaveLength(1);
      await readProd(knex, day(4), '2000m');
      await runAt(day(4));
      expect(titles()).toEqual([
        'Quota nearly used up in namespace payments (prod): requests.cpu',
        'Quota used up in namespace payments (prod): requests.cpu',
      ]);
      expect(notifications.sent[1].payload).toMatchObject({
        severity: 'high',
        metadata: { crossedOn: '2027-01-14' },
      });

      // Over on every day looked at since: nothing more, ever.
      for (let n = 5; n < 20; n++) {
        await readProd(knex, day(n), '1900m');
        await runAt(day(n));
      }
      expect(titles()).toHaveLength(2);
    } finally {
      await backend.stop();
    }
  });

  it("takes the line from namespace.quota-headroom's share param, and can be switched off", async () => {
    const clock = new ManualClock(START);
    const base = testPack({ loadedAt: START });
    const pack = {
      ...base,
      guardrails: [
        ...base.guardrails,
        {
          ...base.guardrails[0],
          id: 'namespace.quota-headroom',
          params: { share: 0.9 },
        },
      ],
    };
    const knex = await databases.init('SQLITE_3');
    const notifications = new CapturingNotifications();
    const { backend, run } = await startNoticesBackend({
      knex,
      clock,
      pack,
      notifications,
      settings: QUOTA_ONLY,
    });
    try {
      await readProd(knex, day(0), '1790m'); // 89.5 %
      await run();
      expect(notifications.titles()).toEqual([]);
      clock.set(day(1));
      await readProd(knex, day(1), '1800m'); // 90 %
      await run();
      expect(notifications.titles()).toHaveLength(1);
    } finally {
      await backend.stop();
    }

    const off = await startScenario(databases, {
      start: START,
      // Another kind stays on, so that the notices still run.
      settings: {
        ...QUOTA_ONLY,
        blockViolation: { enabled: true },
        quotaHeadroom: { enabled: false },
      },
    });
    try {
      await readProd(off.knex, day(0), '2000m');
      await off.runAt(day(0));
      expect(off.notifications.titles()).toEqual([]);
    } finally {
      await off.backend.stop();
    }
  });
});
