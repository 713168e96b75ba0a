import { TestDatabases } from '@backstage/backend-test-utils';
import {
  admissionRequests,
  BLOCK_AT,
  bindingActions,
  PRIVILEGED_PROD_BINDING,
  SimulatedClusters,
  startEnforcementBackend,
  startEnforcementClusters,
} from './__testUtils__/enforcementBackend';
import { ManualClock } from './__testUtils__/ManualClock';

jest.setTimeout(90_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
// CI starts PostgreSQL (.ci/setup/ensure-postgres.sh); without it there are no replicas to test.
const withPostgres = databases.supports('POSTGRES_15') ? it : it.skip;

describe('admission sync on two backend replicas', () => {
  let clusters: SimulatedClusters;
  afterEach(() => clusters?.close());

  withPostgres(
    "syncs each cluster once per cycle through Backstage's scheduler on one PostgreSQL",
    async () => {
      const knex = await databases.init('POSTGRES_15');
      clusters = await startEnforcementClusters();
      // Both replicas follow one clock, so both wake at the boundary.
      const clock = new ManualClock(new Date(BLOCK_AT.getTime() - 60_000));
      // One after the other: both apply the same migrations to the database.
      const first = await startEnforcementBackend({ clusters, clock, knex });
      const second = await startEnforcementBackend({ clusters, clock, knex });

      clock.set(BLOCK_AT);
      for (let i = 0; i < 600; i++) {
        if (bindingActions(clusters, 'prod', PRIVILEGED_PROD_BINDING)) break;
        await new Promise(r => setTimeout(r, 50));
      }
      expect(bindingActions(clusters, 'prod', PRIVILEGED_PROD_BINDING)).toEqual(
        ['Deny'],
      );
      // Time for the other replica to have run the cycle too, had the database not kept it to one.
      await new Promise(r => setTimeout(r, 6_000));
      for (const cluster of ['dev', 'prod']) {
        expect({ cluster, ...admissionRequests(clusters, cluster) }).toEqual({
          cluster,
          lists: 2,
          writes: expect.any(Number),
        });
      }
      const events = [first, second].map(
        b =>
          b.auditor.createEvent.mock.calls.filter(
            ([e]) => e.eventId === 'enforcement-change',
          ).length,
      );
      const writes = ['dev', 'prod']
        .map(c => admissionRequests(clusters, c).writes)
        .reduce((a, b) => a + b);
      // Each object was written once, by one replica or the other.
      expect(events[0] + events[1]).toBe(writes);
      await first.backend.stop();
      await second.backend.stop();
    },
  );
});
