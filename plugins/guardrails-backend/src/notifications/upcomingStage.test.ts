import { TestDatabases } from '@backstage/backend-test-utils';
import {
  PORTAL,
  prodResult,
  startScenario,
} from './__testUtils__/noticesBackend';
import { BLOCK_AT, daysBefore, PAYMENTS } from './__testUtils__/testPack';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const setup = (
  options: {
    prod?: Array<{ level: string; from?: string }>;
    settings?: object;
  } = {},
) => startScenario(databases, { ...options, start: daysBefore(BLOCK_AT, 20) });

describe('notices of an upcoming stage change', () => {
  it('tells the component at 14, 7 and 1 days before a block, each once, at the UTC boundary to the millisecond', async () => {
    const { backend, notifications, runAt } = await setup();
    try {
      const horizons: Array<[number, string]> = [
        [14, 'normal'],
        [7, 'high'],
        [1, 'critical'],
      ];
      for (const [days, severity] of horizons) {
        await runAt(daysBefore(BLOCK_AT, days, 1));
        expect(notifications.sent).toHaveLength(0);

        await runAt(daysBefore(BLOCK_AT, days));
        await runAt(daysBefore(BLOCK_AT, days, -60_000));
        expect(notifications.sent).toHaveLength(1);
        const [{ recipients, payload }] = notifications.sent;
        expect(recipients).toEqual({ type: 'entity', entityRef: [PAYMENTS] });
        expect(payload).toMatchObject({
          title: `Block in prod in ${
            days === 1 ? '1 day' : `${days} days`
          }: Containers must not run privileged`,
          link: `${PORTAL}/catalog/default/component/payments/guardrails`,
          severity,
          topic: 'guardrails:pod.no-privileged',
          metadata: { horizon: days, level: 'block', environment: 'prod' },
        });
        expect(payload.description).toContain(
          'From 2027-02-01, pod.no-privileged is at block in prod: admission will deny the next change to 2 objects of payments that fail it now.',
        );
        expect(payload.description).toContain(
          '• Deployment payments/api in cluster prod\n• Deployment payments/worker in cluster prod',
        );
        expect(payload.description).toContain(
          'Why: A privileged container can take over the node it runs on.',
        );
        expect(payload.description).toContain(
          'How to fix: Remove securityContext.privileged from every container.',
        );
        notifications.clear();
      }
      // From the date on the stage is in force: the block-level violation is another notice, after the next audit.
      await runAt(BLOCK_AT);
      expect(notifications.sent).toHaveLength(0);
    } finally {
      await backend.stop();
    }
  });

  it('sends only the nearest horizon reached when the backend was not running at the earlier ones', async () => {
    const { backend, notifications, runAt } = await setup();
    try {
      await runAt(daysBefore(BLOCK_AT, 3));
      expect(notifications.sent.map(s => s.payload.metadata?.horizon)).toEqual([
        7,
      ]);
      expect(notifications.titles()).toEqual([
        'Block in prod in 3 days: Containers must not run privileged',
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('tells a component fixed before the date nothing more', async () => {
    const { backend, notifications, runAt, results } = await setup();
    try {
      await runAt(daysBefore(BLOCK_AT, 14));
      expect(notifications.sent).toHaveLength(1);
      await results.audit(daysBefore(BLOCK_AT, 10), [
        prodResult({ name: 'api', result: 'pass', message: '' }),
        prodResult({ name: 'worker', result: 'pass', message: '' }),
      ]);
      await runAt(daysBefore(BLOCK_AT, 7));
      await runAt(daysBefore(BLOCK_AT, 1));
      expect(notifications.sent).toHaveLength(1);
    } finally {
      await backend.stop();
    }
  });

  it('says nothing of stages that observe or go back a level, and warns of warn', async () => {
    const warnAt = daysBefore(BLOCK_AT, 2);
    const { backend, notifications, runAt } = await setup({
      prod: [
        { level: 'warn' },
        { level: 'observe', from: daysBefore(BLOCK_AT, 10).toISOString() },
        { level: 'warn', from: warnAt.toISOString() },
        { level: 'observe', from: BLOCK_AT.toISOString() },
      ],
      settings: { upcomingStage: { horizons: [1] } },
    });
    try {
      await runAt(daysBefore(BLOCK_AT, 11));
      expect(notifications.sent).toHaveLength(0);
      await runAt(daysBefore(warnAt, 1));
      await runAt(daysBefore(BLOCK_AT, 1));
      expect(notifications.sent.map(s => s.payload)).toEqual([
        expect.objectContaining({
          title: 'Warning in prod in 1 day: Containers must not run privileged',
          // A high guardrail a day before it warns: one step below a block's.
          severity: 'high',
        }),
      ]);
    } finally {
      await backend.stop();
    }
  });
});
