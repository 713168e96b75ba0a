import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseNoticeStore, NOTICES_TABLE } from '../db/DatabaseNoticeStore';
import { startScenario } from './__testUtils__/noticesBackend';
import { BLOCK_AT, daysBefore, PAYMENTS } from './__testUtils__/testPack';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** The key of payments' 14-day notice of the block in prod, as the README documents keys. */
const KEY = [
  'upcoming-stage',
  PAYMENTS,
  'pod.no-privileged',
  'prod',
  'block',
  BLOCK_AT.toISOString(),
  '14d',
].join('|');

const minutesAfter = (at: Date, minutes: number) =>
  new Date(at.getTime() + minutes * 60_000);

describe('notices that could not be sent', () => {
  it('retries a failed send at the next run, and sends it once', async () => {
    const { backend, notifications, runAt, knex } = await startScenario(
      databases,
      { start: daysBefore(BLOCK_AT, 20) },
    );
    try {
      const due = daysBefore(BLOCK_AT, 14);
      notifications.failures = 1;
      await runAt(due);
      expect(notifications.sent).toHaveLength(0);
      expect(
        await knex(NOTICES_TABLE).select(
          'key',
          'state',
          'attempts',
          'last_error',
        ),
      ).toEqual([
        {
          key: KEY,
          state: 'failed',
          attempts: 1,
          last_error: expect.stringContaining('status 503'),
        },
      ]);

      await runAt(minutesAfter(due, 15));
      await runAt(minutesAfter(due, 30));
      expect(notifications.sent).toHaveLength(1);
      expect(await knex(NOTICES_TABLE).select('state', 'attempts')).toEqual([
        { state: 'sent', attempts: 2 },
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('sends a notice claimed by a replica that stopped before sending it once the claim is 15 minutes old', async () => {
    const { backend, notifications, runAt, knex } = await startScenario(
      databases,
      { start: daysBefore(BLOCK_AT, 20) },
    );
    try {
      const claimedAt = daysBefore(BLOCK_AT, 14);
      const gone = new DatabaseNoticeStore(knex);
      const claimed = await gone.claim(
        [{ key: KEY, kind: 'upcoming-stage', entityRef: PAYMENTS }],
        {
          now: claimedAt,
          retryBefore: minutesAfter(claimedAt, -15),
          claimId: 'stopped-replica',
        },
      );
      expect([...claimed]).toEqual([KEY]);

      // Still being sent, for all anyone knows.
      await runAt(minutesAfter(claimedAt, 14));
      expect(notifications.sent).toHaveLength(0);

      await runAt(minutesAfter(claimedAt, 16));
      expect(notifications.titles()).toEqual([
        'Block in prod in 14 days: Containers must not run privileged',
      ]);
    } finally {
      await backend.stop();
    }
  });
});
