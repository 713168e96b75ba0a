import { TestDatabases } from '@backstage/backend-test-utils';
import { ManualClock } from '../enforcement/__testUtils__/ManualClock';
import { CapturingNotifications } from './__testUtils__/CapturingNotifications';
import {
  PORTAL,
  prodResult,
  startNoticesBackend,
  startScenario,
} from './__testUtils__/noticesBackend';
import { daysBefore, PAYMENTS, testPack } from './__testUtils__/testPack';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** When payments-legacy expires: pod.no-privileged warns in prod by then. */
const EXPIRES = new Date('2027-01-20T00:00:00.000Z');
const OWNER = 'group:default/payments-team';

const setup = (
  options: { expiresAt?: Date; prod?: Array<{ level: string }> } = {},
) =>
  startScenario(databases, {
    start: daysBefore(EXPIRES, 20),
    prod: options.prod,
    exemptions: [
      {
        name: 'payments-legacy',
        expiresAt: (options.expiresAt ?? EXPIRES).toISOString(),
      },
    ],
  });

describe('notices of an expiring exemption', () => {
  it('tells the owner and the component 14 and 3 days before it expires and when it has expired, at the UTC instant', async () => {
    const { backend, notifications, runAt, results } = await setup();
    try {
      await results.audit(daysBefore(EXPIRES, 19), [
        prodResult({
          name: 'batch',
          result: 'skip',
          exemption: {
            name: 'payments-legacy',
            status: 'active',
            reason: 'migration',
            justification: 'Moving to the unprivileged base image',
            owner: OWNER,
            approvedBy: 'user:default/platform-lead',
            expiresAt: EXPIRES.toISOString(),
          },
        }),
      ]);
      const steps: Array<[Date, string, string]> = [
        [daysBefore(EXPIRES, 14), 'expires in 14 days', 'low'],
        [daysBefore(EXPIRES, 3), 'expires in 3 days', 'normal'],
        [EXPIRES, 'has expired', 'high'],
      ];
      for (const [at, title, severity] of steps) {
        await runAt(new Date(at.getTime() - 1));
        expect(notifications.sent).toHaveLength(0);
        await runAt(at);
        await runAt(new Date(at.getTime() + 3_600_000));
        expect(notifications.sent).toHaveLength(1);
        const [{ recipients, payload }] = notifications.sent;
        expect(recipients).toEqual({
          type: 'entity',
          entityRef: [OWNER, PAYMENTS],
        });
        expect(payload).toMatchObject({
          title: `Exemption payments-legacy ${title}`,
          severity,
          link: `${PORTAL}/catalog/default/component/payments/guardrails`,
          topic: 'guardrails:pod.no-privileged',
        });
        expect(payload.description).toContain(
          '• Deployment payments/batch in cluster prod',
        );
        expect(payload.description).toContain(
          'How to fix: Remove securityContext.privileged from every container.',
        );
        notifications.clear();
      }
      await runAt(daysBefore(EXPIRES, -30));
      expect(notifications.sent).toHaveLength(0);
    } finally {
      await backend.stop();
    }
  });

  it('stops its notices when it is extended before it expires', async () => {
    const { backend, notifications, runAt, knex } = await setup();
    await runAt(daysBefore(EXPIRES, 14));
    expect(notifications.titles()).toEqual([
      'Exemption payments-legacy expires in 14 days',
    ]);
    await backend.stop();

    // The platform team extends it by 30 days; the backend restarts with the new pack.
    const extended = new Date(EXPIRES.getTime() + 30 * 24 * 3_600_000);
    const clock = new ManualClock(daysBefore(EXPIRES, 10));
    const restarted = new CapturingNotifications();
    const next = await startNoticesBackend({
      knex,
      clock,
      notifications: restarted,
      pack: testPack({
        loadedAt: clock.now(),
        exemptions: [
          { name: 'payments-legacy', expiresAt: extended.toISOString() },
        ],
      }),
    });
    try {
      for (const at of [
        daysBefore(EXPIRES, 3),
        EXPIRES,
        daysBefore(EXPIRES, -3),
      ]) {
        clock.set(at);
        await next.run();
      }
      expect(restarted.sent).toHaveLength(0);
      clock.set(daysBefore(extended, 14));
      await next.run();
      expect(restarted.titles()).toEqual([
        'Exemption payments-legacy expires in 14 days',
      ]);
    } finally {
      await next.backend.stop();
    }
  });

  it('says nothing when its guardrail only observes where it applies, nor of exemptions long expired', async () => {
    const observed = await setup({ prod: [{ level: 'observe' }] });
    try {
      await observed.runAt(daysBefore(EXPIRES, 3));
      await observed.runAt(EXPIRES);
      expect(observed.notifications.sent).toHaveLength(0);
    } finally {
      await observed.backend.stop();
    }
    const old = await setup();
    try {
      await old.runAt(daysBefore(EXPIRES, -8));
      expect(old.notifications.titles()).not.toContainEqual(
        expect.stringContaining('Exemption'),
      );
    } finally {
      await old.backend.stop();
    }
  });
});
