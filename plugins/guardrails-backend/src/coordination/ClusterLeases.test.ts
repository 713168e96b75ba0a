import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ClusterLeases } from './ClusterLeases';
import {
  migrate,
  Replicas,
  TestClock,
  TICK_MS,
  TTL_MS,
} from './__testUtils__/leaseReplicas';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const CLUSTERS = ['dev-1', 'dev-2', 'prod-1', 'prod-2', 'stage-1'];

/** Replicas sharing one client, as processes share one database. */
async function replicasOn(databaseId: TestDatabaseId, clock = new TestClock()) {
  const knex = await databases.init(databaseId);
  await migrate(knex);
  return { replicas: new Replicas(clock, () => knex), clock, knex };
}

/** Two replicas, a before b in id order, settled on their shares of CLUSTERS. */
async function twoSettled(databaseId: TestDatabaseId) {
  const setup = await replicasOn(databaseId);
  setup.replicas.add('replica-a');
  setup.replicas.add('replica-b');
  for (let round = 0; round < 4; round++) {
    await setup.replicas.round(CLUSTERS);
  }
  return setup;
}

describe('ClusterLeases', () => {
  it.each(databases.eachSupportedId())(
    'gives a single replica every cluster on %p',
    async databaseId => {
      const { replicas } = await replicasOn(databaseId);
      const only = replicas.add('replica-a');
      expect(await replicas.tick('replica-a', [...CLUSTERS].reverse())).toEqual(
        CLUSTERS,
      );
      expect(await only.holders()).toEqual(
        new Map(CLUSTERS.map(cluster => [cluster, 'replica-a'])),
      );
      // Renewed at each tick, so it keeps them past the first lease's expiry.
      for (let t = 0; t < TTL_MS * 2; t += TICK_MS) {
        await replicas.round(CLUSTERS);
      }
      expect(await replicas.tick('replica-a', CLUSTERS)).toEqual(CLUSTERS);
    },
  );

  it.each(databases.eachSupportedId())(
    'splits five clusters 3/2 between two replicas on %p, never both on one',
    async databaseId => {
      const { replicas } = await replicasOn(databaseId);
      replicas.add('replica-a');
      replicas.add('replica-b');
      // replica-a starts alone and takes everything; replica-b joins at its first tick.
      await replicas.round(CLUSTERS);
      expect(replicas.split()).toEqual({
        'replica-a': CLUSTERS,
        'replica-b': [],
      });
      for (let round = 0; round < 3; round++) {
        await replicas.round(CLUSTERS);
      }
      const split = replicas.split();
      expect(split['replica-a']).toHaveLength(3);
      expect(split['replica-b']).toHaveLength(2);
      expect([...split['replica-a'], ...split['replica-b']].sort()).toEqual(
        CLUSTERS,
      );
      // Settled: further ticks change nothing.
      await replicas.round(CLUSTERS);
      expect(replicas.split()).toEqual(split);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets a cluster given up go to another replica only after the next tick of the one that gave it up on %p',
    async databaseId => {
      const { replicas } = await replicasOn(databaseId);
      replicas.add('replica-a');
      replicas.add('replica-b');
      expect(await replicas.tick('replica-a', CLUSTERS)).toEqual(CLUSTERS);
      expect(await replicas.tick('replica-b', CLUSTERS)).toEqual([]);
      const kept = await replicas.tick('replica-a', CLUSTERS);
      expect(kept).toHaveLength(3);
      const givenUp = CLUSTERS.filter(cluster => !kept.includes(cluster));
      // replica-a's caller stops those watchers after this answer; until replica-a ticks again they stay its own.
      expect(await replicas.tick('replica-b', CLUSTERS)).toEqual([]);
      const holders = await replicas.get('replica-b').holders();
      expect(givenUp.map(cluster => holders.get(cluster))).toEqual([
        'replica-a',
        'replica-a',
      ]);
      expect(await replicas.tick('replica-a', CLUSTERS)).toEqual(kept);
      expect(await replicas.tick('replica-b', CLUSTERS)).toEqual(givenUp);
    },
  );

  it.each(databases.eachSupportedId())(
    'hands the clusters of a replica that stops ticking to the other within ttl and one tick on %p',
    async databaseId => {
      const { replicas, clock } = await twoSettled(databaseId);
      const lost = replicas.split()['replica-a'];
      expect(lost).toHaveLength(3);
      // replica-a ticked last one interval ago; replica-b goes on alone.
      const stoppedAt = clock.now().getTime() - TICK_MS;
      let elapsed = clock.now().getTime() - stoppedAt;
      while (elapsed <= TTL_MS) {
        const answer = await replicas.tick('replica-b', CLUSTERS);
        // Still replica-a's until its leases expire.
        expect(answer.filter(cluster => lost.includes(cluster))).toEqual([]);
        clock.advance(TICK_MS);
        elapsed = clock.now().getTime() - stoppedAt;
      }
      expect(elapsed).toBeLessThanOrEqual(TTL_MS + TICK_MS);
      expect(await replicas.tick('replica-b', CLUSTERS)).toEqual(CLUSTERS);
      expect(await replicas.get('replica-b').holders()).toEqual(
        new Map(CLUSTERS.map(cluster => [cluster, 'replica-b'])),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'hands over at the next tick of the other after release() on %p',
    async databaseId => {
      const { replicas } = await twoSettled(databaseId);
      await replicas.release('replica-a');
      const holders = await replicas.get('replica-b').holders();
      expect([...holders.values()]).not.toContain('replica-a');
      // No time passes: nothing waits for an expiry.
      expect(await replicas.tick('replica-b', CLUSTERS)).toEqual(CLUSTERS);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives a third replica joining a share on %p',
    async databaseId => {
      const { replicas } = await twoSettled(databaseId);
      replicas.add('replica-c');
      for (let round = 0; round < 4; round++) {
        await replicas.round(CLUSTERS);
      }
      const split = replicas.split();
      const sizes = Object.values(split).map(held => held.length);
      expect(sizes.sort()).toEqual([1, 2, 2]);
      expect(Object.values(split).flat().sort()).toEqual(CLUSTERS);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives four clusters on three replicas to all three on %p',
    async databaseId => {
      const { replicas } = await replicasOn(databaseId);
      const four = CLUSTERS.slice(0, 4);
      for (const replicaId of ['replica-a', 'replica-b', 'replica-c']) {
        replicas.add(replicaId);
      }
      for (let round = 0; round < 5; round++) {
        await replicas.round(four);
      }
      const split = replicas.split();
      const sizes = Object.values(split).map(held => held.length);
      expect(sizes.sort()).toEqual([1, 1, 2]);
      expect(Object.values(split).flat().sort()).toEqual(four);
    },
  );

  it.each(databases.eachSupportedId())(
    'drops clusters no longer configured and lets their leases expire on %p',
    async databaseId => {
      const { replicas, clock } = await replicasOn(databaseId);
      const only = replicas.add('replica-a');
      expect(await replicas.tick('replica-a', CLUSTERS)).toEqual(CLUSTERS);
      const kept = CLUSTERS.filter(cluster => cluster !== 'prod-2');
      clock.advance(TICK_MS);
      expect(await replicas.tick('replica-a', kept)).toEqual(kept);
      // Not renewed: the lease runs out.
      expect((await only.holders()).get('prod-2')).toBe('replica-a');
      clock.advance(TTL_MS - TICK_MS + 1);
      expect(await replicas.tick('replica-a', kept)).toEqual(kept);
      expect([...(await only.holders()).keys()]).toEqual(kept);
      // Free for a replica configured with it.
      replicas.add('replica-b');
      expect(await replicas.tick('replica-b', ['prod-2'])).toEqual(['prod-2']);
    },
  );

  it.each(databases.eachSupportedId())(
    'forgets replicas gone for longer than the ttl on %p',
    async databaseId => {
      const { replicas, clock } = await replicasOn(databaseId);
      replicas.add('replica-a');
      replicas.add('replica-b');
      await replicas.round(CLUSTERS);
      // replica-b ticked once and left without release(): after the ttl it no longer counts for the share.
      clock.advance(TTL_MS);
      expect(await replicas.tick('replica-a', CLUSTERS)).toEqual(CLUSTERS);
    },
  );

  it.each(databases.eachSupportedId())(
    'cleans up heartbeats of replicas gone and leases of clusters gone, a bounded number per tick, on %p',
    async databaseId => {
      const { replicas, clock, knex } = await replicasOn(databaseId);
      replicas.add('replica-a');
      await replicas.tick('replica-a', CLUSTERS);
      const gone = Array.from({ length: 30 }, (_, i) => `gone-${i}`);
      await knex('guardrail_replica_heartbeats').insert(
        gone.map(replica_id => ({
          replica_id,
          seen_at: clock.now().toISOString(),
        })),
      );
      clock.advance(TTL_MS * 2 + 1);
      await replicas.tick('replica-a', ['dev-1']);
      const left = await knex('guardrail_replica_heartbeats').pluck(
        'replica_id',
      );
      expect(left).toHaveLength(11);
      expect(left).toContain('replica-a');
      // The leases of the clusters no longer configured ran out long ago.
      expect(await knex('guardrail_cluster_leases').pluck('cluster')).toEqual([
        'dev-1',
      ]);
      await replicas.tick('replica-a', ['dev-1']);
      expect(
        await knex('guardrail_replica_heartbeats').pluck('replica_id'),
      ).toEqual(['replica-a']);
    },
  );

  it('rejects cluster names that do not fit and options it cannot use', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrate(knex);
    const leases = new ClusterLeases({ db: knex, replicaId: 'replica-a' });
    await expect(leases.tick(['x'.repeat(256)])).rejects.toThrow(
      /Cluster names must be 1 to 255 characters/,
    );
    await expect(leases.tick([''])).rejects.toThrow(/Cluster names/);
    expect(() => new ClusterLeases({ db: knex, replicaId: '' })).toThrow(
      /replicaId/,
    );
    expect(
      () => new ClusterLeases({ db: knex, replicaId: 'r', ttlMs: 0 }),
    ).toThrow(/ttlMs/);
    expect(await leases.holders()).toEqual(new Map());
  });
});
