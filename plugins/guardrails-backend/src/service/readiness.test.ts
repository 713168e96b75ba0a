import { TestDatabases } from '@backstage/backend-test-utils';
import { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import request from 'supertest';
import { DatabaseGuardrailsStore } from '../db';
import { ManualClock } from '../enforcement/__testUtils__/ManualClock';
import { CapturingNotifications } from '../notifications/__testUtils__/CapturingNotifications';
import {
  prodResult,
  startNoticesBackend,
  startScenario,
} from '../notifications/__testUtils__/noticesBackend';
import {
  BLOCK_AT,
  daysBefore,
  PAYMENTS,
  testPack,
} from '../notifications/__testUtils__/testPack';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const START = daysBefore(BLOCK_AT, 20);
const SHORT_EXPIRY = daysBefore(BLOCK_AT, 5).toISOString();

const applied = (name: string, expiresAt: string) => ({
  name,
  status: 'active' as const,
  reason: 'migration' as const,
  justification: 'Moving to the unprivileged base image',
  owner: 'group:default/payments-team',
  approvedBy: 'user:default/platform-lead',
  expiresAt,
});

/** payments' api and worker violating, its legacy job exempted now, and an object no component owns. */
const fleet = (at: Date) => [
  prodResult({ name: 'api', lastSeen: at.toISOString() }),
  prodResult({ name: 'worker', lastSeen: at.toISOString() }),
  prodResult({
    name: 'legacy',
    kind: 'CronJob',
    result: 'skip',
    exemption: applied('short', SHORT_EXPIRY),
  }),
  prodResult({
    name: 'debug',
    namespace: 'tools',
    entityRef: undefined,
    owner: undefined,
  }),
];

async function readiness(backend: { server: any }) {
  const res = await request(backend.server).get('/api/guardrails/readiness');
  expect(res.status).toBe(200);
  return res.body;
}

describe('GET /readiness', () => {
  it('lists the stage change ahead with what it would affect on its date, its owners, the notices sent and the burn-down', async () => {
    const { knex, backend, results, runAt } = await startScenario(databases, {
      start: START,
      exemptions: [{ name: 'short', expiresAt: SHORT_EXPIRY }],
    });
    const store = await DatabaseGuardrailsStore.create({
      database: { getClient: async () => knex },
    });
    try {
      await results.audit(START, fleet(START));
      let body = await readiness(backend);
      expect(body.horizonDays).toBe(60);
      expect(body.changes).toHaveLength(1);
      const [change] = body.changes;
      expect(change).toMatchObject({
        guardrail: 'pod.no-privileged',
        title: 'Containers must not run privileged',
        environment: 'prod',
        level: 'block',
        previousLevel: 'warn',
        from: BLOCK_AT.toISOString(),
        daysUntil: 20,
        // The exemption ends before the block: its object counts.
        totals: {
          components: 1,
          namespaces: 2,
          objects: 4,
          unowned: 1,
          exemptionsEnding: 1,
        },
        owners: ['group:default/payments'],
        notified: { count: 0 },
        missing: [],
        stale: [],
      });
      expect(change.notified.firstSentAt).toBeUndefined();
      expect(
        change.objects.map((o: any) => [o.entityRef, o.resource.name]),
      ).toEqual([
        [PAYMENTS, 'api'],
        [PAYMENTS, 'legacy'],
        [PAYMENTS, 'worker'],
        [undefined, 'debug'],
      ]);
      expect(change.objects[1].exemptionEnding).toEqual({
        name: 'short',
        expiresAt: SHORT_EXPIRY,
      });
      // No day recorded yet: the burn-down is empty, not a line at zero.
      expect(change.burnDown.points).toEqual([]);
      expect(change.burnDown.to).toBe(START.toISOString().slice(0, 10));

      const at14 = daysBefore(BLOCK_AT, 14);
      await store.recordDailyHistory(at14);
      await runAt(at14);
      // api is fixed four days later.
      const at10 = daysBefore(BLOCK_AT, 10);
      await results.audit(at10, fleet(at10).slice(1));
      await store.recordDailyHistory(at10);
      await runAt(daysBefore(BLOCK_AT, 7));

      body = await readiness(backend);
      const [later] = body.changes;
      expect(later.daysUntil).toBe(7);
      expect(later.notified).toEqual({
        count: 2,
        firstSentAt: at14.toISOString(),
      });
      expect(later.totals.objects).toBe(3);
      expect(later.burnDown).toEqual({
        from: '2027-01-18',
        to: '2027-01-25',
        // Days no audit recorded are left out; the exempted object is not in the history.
        points: [
          { date: '2027-01-18', objects: 3 },
          { date: '2027-01-22', objects: 2 },
        ],
      });
    } finally {
      await backend.stop();
    }
  });

  it('leaves out objects an exemption still covers on the date of the change', async () => {
    const { backend, results } = await startScenario(databases, {
      start: START,
      exemptions: [
        {
          name: 'long',
          expiresAt: new Date(BLOCK_AT.getTime() + 86400000).toISOString(),
        },
      ],
    });
    try {
      await results.audit(
        START,
        fleet(START).filter(r => r.result !== 'skip'),
      );
      const [change] = (await readiness(backend)).changes;
      expect(change.totals).toEqual({
        components: 0,
        namespaces: 1,
        objects: 1,
        unowned: 1,
        exemptionsEnding: 0,
      });
      expect(change.owners).toEqual([]);
    } finally {
      await backend.stop();
    }
  });

  it('names a cluster without data instead of counting it as nothing affected', async () => {
    const knex = await databases.init('SQLITE_3');
    const { backend } = await startNoticesBackend({
      knex,
      clock: new ManualClock(START),
      pack: testPack({ loadedAt: START }),
      notifications: new CapturingNotifications(),
    });
    try {
      const [change] = (await readiness(backend)).changes;
      expect(change.missing).toEqual([{ cluster: 'prod' }]);
      expect(change.totals.objects).toBe(0);
      expect(change.evaluatedAt).toBeUndefined();
    } finally {
      await backend.stop();
    }
  });

  it('lists a stage that starts in 60 days, and none that starts later', async () => {
    const pack: GuardrailPack = testPack({
      loadedAt: START,
      prod: [
        { level: 'warn' },
        { level: 'block', from: BLOCK_AT.toISOString() },
      ],
    });
    const listed = async (now: Date) => {
      const { backend } = await startNoticesBackend({
        knex: await databases.init('SQLITE_3'),
        clock: new ManualClock(now),
        pack,
        notifications: new CapturingNotifications(),
      });
      try {
        return (await readiness(backend)).changes.map(
          (c: any) => `${c.environment} ${c.previousLevel} -> ${c.level}`,
        );
      } finally {
        await backend.stop();
      }
    };
    expect(await listed(daysBefore(BLOCK_AT, 60))).toEqual([
      'prod warn -> block',
    ]);
    expect(await listed(daysBefore(BLOCK_AT, 60, 1))).toEqual([]);
  });

  it('reads the database a fixed number of times whatever the number of components', async () => {
    const { knex, backend, results } = await startScenario(databases, {
      start: START,
    });
    let queries = 0;
    knex.on('query', () => {
      queries += 1;
    });
    const counted = async () => {
      queries = 0;
      await readiness(backend);
      return queries;
    };
    try {
      const few = await counted();
      await results.audit(
        START,
        Array.from({ length: 60 }, (_, i) =>
          prodResult({
            name: `app-${i}`,
            entityRef: `component:default/service-${i}`,
            owner: `group:default/team-${i % 7}`,
          }),
        ),
      );
      const many = await counted();
      expect(many).toBe(few);
      expect(many).toBeLessThanOrEqual(4);
    } finally {
      await backend.stop();
    }
  });
});
