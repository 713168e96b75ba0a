import { Knex } from 'knex';
import { DatabaseGuardrailsStore } from '../../db';
import { ClusterLeases } from '../ClusterLeases';

export const TTL_MS = 45_000;
/** How often the watching audit ticks. */
export const TICK_MS = 10_000;

/** A clock that moves only when told to, shared by the replicas of a test. */
export class TestClock {
  private current = Date.parse('2027-01-02T08:00:00.000Z');

  readonly now = () => new Date(this.current);

  advance(ms: number): void {
    this.current += ms;
  }
}

/** Applies the plugin's migrations, as the backend does at start. */
export async function migrate(knex: Knex): Promise<void> {
  await DatabaseGuardrailsStore.create({
    database: { getClient: async () => knex },
  });
}

/**
 * Replicas on one database, with the clusters each tick answered. After every tick it checks that no cluster is in
 * the answers of two replicas, and that each answer agrees with the database's live holders.
 */
export class Replicas {
  readonly leases = new Map<string, ClusterLeases>();
  /** The answer of each replica's last tick, while its leases are live. */
  readonly answers = new Map<string, string[]>();
  private readonly lastTick = new Map<string, number>();

  constructor(
    private readonly clock: TestClock,
    private readonly clientFor: (replicaId: string) => Knex,
  ) {}

  add(replicaId: string): ClusterLeases {
    const leases = new ClusterLeases({
      db: this.clientFor(replicaId),
      replicaId,
      ttlMs: TTL_MS,
      now: this.clock.now,
    });
    this.leases.set(replicaId, leases);
    return leases;
  }

  get(replicaId: string): ClusterLeases {
    const leases = this.leases.get(replicaId);
    if (!leases) {
      throw new Error(`No replica ${replicaId}`);
    }
    return leases;
  }

  async tick(replicaId: string, clusters: string[]): Promise<string[]> {
    const answer = await this.get(replicaId).tick(clusters);
    this.record(replicaId, answer);
    await this.expectExclusive();
    return answer;
  }

  /** Records an answer without checking, for ticks run concurrently. */
  record(replicaId: string, answer: string[]): void {
    this.answers.set(replicaId, answer);
    this.lastTick.set(replicaId, this.clock.now().getTime());
  }

  async release(replicaId: string): Promise<void> {
    await this.get(replicaId).release();
    this.answers.delete(replicaId);
  }

  /** Ticks every replica once, in order, then moves the clock on by one tick interval. */
  async round(clusters: string[], replicaIds = [...this.leases.keys()]) {
    for (const replicaId of replicaIds) {
      await this.tick(replicaId, clusters);
    }
    this.clock.advance(TICK_MS);
  }

  /** Fails unless no cluster is in two replicas' answers and every live answer is backed by unexpired leases. */
  async expectExclusive(): Promise<void> {
    const now = this.clock.now().getTime();
    const holders = await [...this.leases.values()][0].holders();
    const watchers = new Map<string, string[]>();
    for (const [replicaId, answer] of this.answers) {
      // A replica that stopped ticking stops watching when its leases expire.
      if (now - (this.lastTick.get(replicaId) ?? 0) > TTL_MS) {
        continue;
      }
      for (const cluster of answer) {
        watchers.set(cluster, [...(watchers.get(cluster) ?? []), replicaId]);
        const holder = holders.get(cluster);
        if (holder !== replicaId) {
          throw new Error(
            `${replicaId} answered ${cluster}, whose live holder is ${holder}`,
          );
        }
      }
    }
    for (const [cluster, replicaIds] of watchers) {
      if (replicaIds.length > 1) {
        throw new Error(`${cluster} is held by ${replicaIds.join(' and ')}`);
      }
    }
  }

  /** The clusters each replica's last answer holds. */
  split(): Record<string, string[]> {
    return Object.fromEntries(
      [...this.answers].sort(([a], [b]) => a.localeCompare(b)),
    );
  }
}
