import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ClusterLeases } from '../../coordination/ClusterLeases';
import { DatabaseGuardrailsStore } from '../../db';
import {
  deployment,
  namespace,
  startClusters,
  TEST_TOKEN,
} from '../../__testUtils__/simulatedClusters';
import { describeResults, until } from './__testUtils__/watchedClusters';
import { startWatchingBackend } from './__testUtils__/watchingBackend';

jest.setTimeout(150_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
// CI starts PostgreSQL (.ci/setup/ensure-postgres.sh); without it there are no replicas to test.
const withPostgres = databases.supports('POSTGRES_15')
  ? describe
  : describe.skip;

// One environment per cluster, named like it: the default pack's rollout names these three.
const CLUSTERS = ['dev', 'prod', 'staging'];
const privileged = (privilege: boolean) =>
  deployment('shop', 'cart', {
    container: { securityContext: { privileged: privilege } },
  });

withPostgres('watching audit on two backend replicas', () => {
  it('watches each cluster once, splits the clusters, and takes over those of a replica that stopped', async () => {
    const knex = await databases.init('POSTGRES_15');
    const clusters = await startClusters(
      Object.fromEntries(
        CLUSTERS.map(c => [c, [namespace('shop'), privileged(false)]]),
      ),
    );
    const observer = new ClusterLeases({ db: knex, replicaId: 'observer' });
    const store = await DatabaseGuardrailsStore.create({
      database: mockServices.database({ knex }),
    });
    const violations = async () =>
      describeResults(await store.unownedResults()).filter(r =>
        r.includes('pod.no-privileged'),
      );
    // Each watched kind of a cluster has one open watch: two replicas watching it would double them.
    const watchedOnce = () =>
      CLUSTERS.every(c => {
        const paths = clusters.simulators[c].openWatches().map(w => w.path);
        return paths.length > 10 && new Set(paths).size === paths.length;
      });
    const write = async (cluster: string, object: object) => {
      const sim = clusters.simulators[cluster];
      const res = await fetch(
        `${sim.url}/apis/apps/v1/namespaces/shop/deployments/cart?fieldManager=test&force=true`,
        {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${TEST_TOKEN}`,
            'content-type': 'application/apply-patch+yaml',
          },
          body: JSON.stringify(object),
        },
      );
      if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    };

    // One after the other: both apply the same migrations to the database.
    const first = await startWatchingBackend({ knex, clusters });
    const second = await startWatchingBackend({ knex, clusters });
    try {
      await until(
        async () => {
          const holders = [...(await observer.holders()).values()];
          const counts = new Map<string, number>();
          holders.forEach(h => counts.set(h, (counts.get(h) ?? 0) + 1));
          return (
            holders.length === 3 &&
            [...counts.values()].sort().join(',') === '1,2'
          );
        },
        'the clusters split two and one',
        60_000,
      );
      await until(watchedOnce, 'each cluster watched once', 20_000);
      // Still once after further lease ticks.
      await new Promise(r => setTimeout(r, 11_000));
      expect(watchedOnce()).toBe(true);

      for (const c of CLUSTERS) await write(c, privileged(true));
      await until(
        async () => (await violations()).length === 3,
        'a violation in each cluster, stored once',
      );

      // Run audit now, asked of one replica, lists every cluster again, whichever replica watches it.
      const lists = (cluster: string) =>
        clusters.simulators[cluster].requests.log.filter(
          r => r.method === 'GET' && !r.watch && r.path.endsWith('/pods'),
        ).length;
      const listed = CLUSTERS.map(lists);
      expect((await first.post('/audit')).status).toBe(202);
      await until(
        () => CLUSTERS.every((c, i) => lists(c) > listed[i]),
        'every cluster listed again',
        30_000,
      );

      const stoppedAt = Date.now();
      await first.backend.stop();
      await until(
        async () => {
          const holders = new Set((await observer.holders()).values());
          return holders.size === 1 && watchedOnce();
        },
        "the stopped replica's clusters watched by the other",
        60_000,
      );
      expect(Date.now() - stoppedAt).toBeLessThan(60_000);

      // Fixed everywhere: the remaining replica sees every fix, and nothing it stored before is lost or doubled.
      for (const c of CLUSTERS) await write(c, privileged(false));
      await until(
        async () => (await violations()).length === 0,
        'every fix seen',
      );
      const results = await store.unownedResults({ includePassing: true });
      expect(
        results.filter(r => r.guardrail === 'pod.no-privileged').length,
      ).toBe(3);
      expect(
        (await store.clusterStatuses()).map(s => [s.cluster, s.stale]),
      ).toEqual(CLUSTERS.map(c => [c, false]));
    } finally {
      await first.backend.stop().catch(() => undefined);
      await second.backend.stop();
      await clusters.close();
    }
  });
});
