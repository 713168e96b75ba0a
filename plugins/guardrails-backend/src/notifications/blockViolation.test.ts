import { TestDatabases } from '@backstage/backend-test-utils';
import { prodResult, startScenario } from './__testUtils__/noticesBackend';
import { BLOCK_AT, daysBefore, PAYMENTS } from './__testUtils__/testPack';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const failing = (name: string, override = {}) =>
  prodResult({ name, level: 'block', result: 'fail', ...override });

describe('notices of new block-level violations', () => {
  it('tells the component once per object and guardrail, the objects of one run in one notice', async () => {
    const { backend, notifications, runAt, results } = await startScenario(
      databases,
      {
        start: daysBefore(BLOCK_AT, -1),
        settings: { upcomingStage: { enabled: false } },
      },
    );
    try {
      const at = (hours: number) =>
        new Date(BLOCK_AT.getTime() + hours * 3_600_000);
      await results.audit(at(24), [failing('api'), failing('worker')]);
      await runAt(at(25));
      await runAt(at(26));
      expect(notifications.sent).toHaveLength(1);
      expect(notifications.sent[0]).toMatchObject({
        recipients: { type: 'entity', entityRef: [PAYMENTS] },
        payload: {
          title:
            '2 objects of payments will be denied at the next change in prod: Containers must not run privileged',
          severity: 'critical',
          topic: 'guardrails:pod.no-privileged',
        },
      });
      expect(notifications.sent[0].payload.description).toContain(
        '• Deployment payments/api in cluster prod\n• Deployment payments/worker in cluster prod',
      );

      // A third object fails, and one no component owns, and one exempted: only the third is told.
      await results.audit(at(27), [
        failing('api'),
        failing('worker'),
        failing('cron'),
        failing('orphan', { entityRef: undefined }),
        prodResult({ name: 'legacy', level: 'block', result: 'skip' }),
      ]);
      await runAt(at(28));
      expect(notifications.titles()[1]).toBe(
        '1 object of payments will be denied at the next change in prod: Containers must not run privileged',
      );
      expect(notifications.sent[1].payload.description).toContain(
        '• Deployment payments/cron in cluster prod\n\n',
      );

      // api is fixed, then fails again: a new violation.
      await results.audit(at(29), [failing('worker'), failing('cron')]);
      await runAt(at(30));
      await results.audit(at(31), [
        failing('api'),
        failing('worker'),
        failing('cron'),
      ]);
      await runAt(at(32));
      await runAt(at(33));
      expect(notifications.sent).toHaveLength(3);
      expect(notifications.sent[2].payload.description).toContain(
        '• Deployment payments/api in cluster prod\n\n',
      );
    } finally {
      await backend.stop();
    }
  });

  it('can be switched off', async () => {
    const { backend, notifications, runAt, results } = await startScenario(
      databases,
      {
        start: daysBefore(BLOCK_AT, -1),
        settings: { blockViolation: { enabled: false } },
      },
    );
    try {
      await results.audit(daysBefore(BLOCK_AT, -2), [failing('api')]);
      await runAt(daysBefore(BLOCK_AT, -3));
      expect(notifications.sent).toHaveLength(0);
    } finally {
      await backend.stop();
    }
  });
});
