import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import {
  migrate,
  Replicas,
  TestClock,
  TICK_MS,
  TTL_MS,
} from './__testUtils__/leaseReplicas';

jest.setTimeout(90_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
// CI starts PostgreSQL (.ci/setup/ensure-postgres.sh); SQLite has a single connection, so nothing runs concurrently.
const withPostgres = databases.supports('POSTGRES_15')
  ? describe
  : describe.skip;

withPostgres('ClusterLeases on replicas with their own connections', () => {
  const clients: Knex[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map(client => client.destroy()));
  });

  /** Replicas each with a connection pool of its own to one fresh PostgreSQL database, as separate processes have. */
  async function separateReplicas(replicaIds: string[]) {
    const knex = await databases.init('POSTGRES_15');
    await migrate(knex);
    const clientOf = new Map(
      replicaIds.map(replicaId => {
        const client = knexFactory({ ...knex.client.config, pool: { max: 4 } });
        clients.push(client);
        return [replicaId, client] as const;
      }),
    );
    const clock = new TestClock();
    const replicas = new Replicas(clock, replicaId => clientOf.get(replicaId)!);
    replicaIds.forEach(replicaId => replicas.add(replicaId));
    return { replicas, clock };
  }

  /** Ticks every replica `perReplica` times at once, checking as each answer arrives that no other answer has its clusters. */
  async function concurrentTicks(
    replicas: Replicas,
    clusters: string[],
    perReplica: number,
  ) {
    const ticks = [...replicas.leases].flatMap(([replicaId, leases]) =>
      Array.from({ length: perReplica }, () =>
        leases.tick(clusters).then(answer => {
          replicas.record(replicaId, answer);
          const all = [...replicas.answers.values()].flat();
          expect(all.length).toBe(new Set(all).size);
        }),
      ),
    );
    await Promise.all(ticks);
    await replicas.expectExclusive();
  }

  it('never lets two replicas racing for one cluster both take it, free or expired', async () => {
    const ids = ['replica-a', 'replica-b', 'replica-c', 'replica-d'];
    const { replicas, clock } = await separateReplicas(ids);
    for (let race = 0; race < 5; race++) {
      const answers = await Promise.all(
        ids.map(id => replicas.get(id).tick(['only'])),
      );
      const winners = ids.filter((_, i) => answers[i].includes('only'));
      expect({ race, winners: winners.length }).toEqual({ race, winners: 1 });
      // Nobody renews: the lease expires and all race for it again, now through the conditional update.
      clock.advance(TTL_MS + 1);
    }
  });

  it('keeps every cluster to one replica through concurrent ticks of three, and splits them fairly', async () => {
    const clusters = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const { replicas, clock } = await separateReplicas([
      'replica-a',
      'replica-b',
      'replica-c',
    ]);
    // All three start at the same instant.
    for (let round = 0; round < 8; round++) {
      await concurrentTicks(replicas, clusters, 3);
      clock.advance(TICK_MS);
    }
    const split = replicas.split();
    expect(Object.values(split).flat().sort()).toEqual(clusters);
    expect(
      Object.values(split)
        .map(held => held.length)
        .sort(),
    ).toEqual([2, 2, 3]);

    // One leaves cleanly; the other two take its clusters between them, still one replica per cluster.
    await replicas.release('replica-c');
    replicas.leases.delete('replica-c');
    for (let round = 0; round < 4; round++) {
      await concurrentTicks(replicas, clusters, 3);
      clock.advance(TICK_MS);
    }
    const after = replicas.split();
    expect(Object.values(after).flat().sort()).toEqual(clusters);
    expect(
      Object.values(after)
        .map(held => held.length)
        .sort(),
    ).toEqual([3, 4]);
  });
});
