import { TestDatabases } from '@backstage/backend-test-utils';
import {
  BLOCK_AT,
  Enforcement,
  startEnforcement,
  until,
} from './__testUtils__/enforcementBackend';
import { ManualClock } from './__testUtils__/ManualClock';

jest.setTimeout(90_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
// CI starts PostgreSQL (.ci/setup/ensure-postgres.sh); without it there are no replicas to test.
const withPostgres = databases.supports('POSTGRES_15')
  ? describe
  : describe.skip;

withPostgres('admission sync on two backend replicas', () => {
  let first: Enforcement | undefined;
  let second: Enforcement | undefined;
  afterEach(async () => {
    await first?.backend.stop();
    await second?.backend.stop();
    await first?.clusters.close();
  });

  it("syncs each cluster once per cycle through Backstage's scheduler on one PostgreSQL", async () => {
    const knex = await databases.init('POSTGRES_15');
    // Both replicas follow one clock, so both wake at the boundary.
    const clock = new ManualClock(new Date(BLOCK_AT.getTime() - 60_000));
    // One after the other: both apply the same migrations to the database.
    first = await startEnforcement({ clock, knex });
    second = await startEnforcement({ clock, knex, clusters: first.clusters });

    clock.set(BLOCK_AT);
    await until(() => first!.actions('prod')?.[0] === 'Deny', 'Deny in prod');
    // Time for the other replica to have run the cycle too, had the database not kept it to one.
    await new Promise(r => setTimeout(r, 6_000));
    for (const cluster of ['dev', 'prod']) {
      expect({ cluster, lists: first.requests(cluster).lists }).toEqual({
        cluster,
        lists: 2,
      });
    }
    const events = [first, second]
      .map(
        b =>
          b.auditor.createEvent.mock.calls.filter(
            ([e]) => e.eventId === 'enforcement-change',
          ).length,
      )
      .reduce((a, b) => a + b);
    const writes = ['dev', 'prod']
      .map(c => first!.requests(c).writes)
      .reduce((a, b) => a + b);
    // Each object was written once, by one replica or the other.
    expect(events).toBe(writes);
  });
});
