import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { DatabaseGuardrailsStore } from '../db';
import { DatabaseNoticeStore, NOTICES_TABLE } from '../db/DatabaseNoticeStore';
import { until } from '../enforcement/__testUtils__/enforcementBackend';
import { ManualClock } from '../enforcement/__testUtils__/ManualClock';
import { CapturingNotifications } from './__testUtils__/CapturingNotifications';
import {
  prodResult,
  resultStore,
  startNoticesBackend,
} from './__testUtils__/noticesBackend';
import { NOTICES_TASK_ID } from './createNotifications';
import {
  BLOCK_AT,
  daysBefore,
  PAYMENTS,
  testPack,
} from './__testUtils__/testPack';

jest.setTimeout(90_000);

// Replicas share one PostgreSQL: the test needs the server CI starts (.ci/setup/ensure-postgres.sh).
const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const withPostgres = databases.supports('POSTGRES_15')
  ? describe
  : describe.skip;

const EXPIRES = daysBefore(BLOCK_AT, 5);

withPostgres('notices on two backend replicas and one PostgreSQL', () => {
  it('sends each notice once, whichever replica runs, and again never after a restart', async () => {
    const knex = await databases.init('POSTGRES_15');
    const clock = new ManualClock(daysBefore(BLOCK_AT, 7));
    const pack = testPack({
      loadedAt: clock.now(),
      exemptions: [
        { name: 'payments-legacy', expiresAt: EXPIRES.toISOString() },
      ],
    });
    await (
      await resultStore(knex)
    ).audit(clock.now(), [
      prodResult({ name: 'api' }),
      prodResult({ name: 'worker' }),
    ]);
    // Payments' CPU quota at 90 %: a headroom notice too.
    await (
      await DatabaseGuardrailsStore.create({
        database: { getClient: async () => knex },
      })
    ).replaceQuotaUsage({
      cluster: 'prod',
      observedAt: clock.now(),
      namespaces: [],
      usage: [
        {
          cluster: 'prod',
          environment: 'prod',
          namespace: 'payments',
          quota: 'compute',
          resource: 'requests.cpu',
          entityRef: PAYMENTS,
          hard: '2',
          used: '1800m',
          hardValue: 2,
          usedValue: 1.8,
        },
      ],
    });
    const sent = [new CapturingNotifications(), new CapturingNotifications()];
    const total = () => sent[0].sent.length + sent[1].sent.length;
    const start = (notifications: CapturingNotifications) =>
      startNoticesBackend({
        knex,
        clock,
        pack,
        notifications,
        replica: true,
        // Each replica's scheduler wants the task a second after it starts.
        settings: { initialDelay: { seconds: 1 } },
      });
    // One after the other: both apply the same migrations to the database.
    const replicas = [await start(sent[0]), await start(sent[1])];
    try {
      // The 7-day block notice to payments, the 2-day expiry notice to its owner and payments, the quota's.
      await until(() => total() === 3, 'three notices');
      // Each replica asked to run again, through the scheduler's own endpoint (409 while a run is under way).
      for (const { backend } of replicas) {
        await until(
          async () =>
            (
              await request(backend.server)
                .post(
                  `/api/guardrails/.backstage/scheduler/v1/tasks/${NOTICES_TASK_ID}/trigger`,
                )
                .set('Authorization', mockCredentials.service.header())
            ).status === 200,
          'a triggered run',
        );
      }
      // Long enough for each worker to have polled (every 5 s) and run what was triggered.
      await new Promise(r => setTimeout(r, 6_000));
      expect(total()).toBe(3);
      expect([...sent[0].titles(), ...sent[1].titles()].sort()).toEqual([
        'Block in prod in 7 days: Containers must not run privileged',
        'Exemption payments-legacy expires in 2 days',
        'Quota nearly used up in namespace payments (prod): requests.cpu',
      ]);
      const rows = await knex(NOTICES_TABLE).select('state');
      expect(rows).toEqual([
        { state: 'sent' },
        { state: 'sent' },
        { state: 'sent' },
      ]);
    } finally {
      await Promise.all(replicas.map(r => r.backend.stop()));
    }

    // A restart at the same moment finds both sent.
    const restarted = new CapturingNotifications();
    const next = await startNoticesBackend({
      knex,
      clock,
      pack,
      notifications: restarted,
    });
    try {
      await next.run();
      expect(restarted.sent).toHaveLength(0);
    } finally {
      await next.backend.stop();
    }
  });

  it('gives each key to one of two runs claiming at once', async () => {
    const knex = await databases.init('POSTGRES_15');
    const migrated = await startNoticesBackend({
      knex,
      clock: new ManualClock(BLOCK_AT),
      pack: testPack({ loadedAt: BLOCK_AT }),
      notifications: new CapturingNotifications(),
    });
    await migrated.backend.stop();
    const records = Array.from({ length: 1000 }, (_, i) => ({
      key: `block-violation|prod|pod.no-privileged|apps/v1|Deployment|shop|web-${i}`,
      kind: 'block-violation' as const,
    }));
    const claims = await Promise.all(
      ['first', 'second'].map(claimId =>
        new DatabaseNoticeStore(knex).claim(records, {
          now: BLOCK_AT,
          retryBefore: daysBefore(BLOCK_AT, 1),
          claimId,
        }),
      ),
    );
    expect(claims[0].size + claims[1].size).toBe(records.length);
    expect([...claims[0]].filter(key => claims[1].has(key))).toEqual([]);
  });
});
