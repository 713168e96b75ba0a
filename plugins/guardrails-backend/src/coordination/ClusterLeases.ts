import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { toTimestamp } from '../db/timestamps';
import { fairShare, rotateFor } from './fairShare';

const LEASES = 'guardrail_cluster_leases';
const HEARTBEATS = 'guardrail_replica_heartbeats';
/** The width of the cluster, holder and replica id columns. */
const MAX_NAME_LENGTH = 255;
/** Rows of departed replicas and forgotten clusters removed per tick at most. */
const CLEANUP_BATCH = 20;
/** Clusters named in one statement; well under both databases' parameter limits. */
const CHUNK = 500;

/** Options of {@link ClusterLeases}. */
export interface ClusterLeasesOptions {
  /** The plugin's database client, migrations already applied. */
  db: Knex;
  /** Unique per backend process (the caller uses crypto.randomUUID()). */
  replicaId: string;
  /** A lease or replica heartbeat older than this is expired; 45 s by default. */
  ttlMs?: number;
  /** The current time; tests inject a clock. */
  now?: () => Date;
  logger?: LoggerService;
}

type LeaseRow = { cluster: string; holder: string; expires_at: string };

/**
 * Shares clusters between the backend replicas on one database so that each is watched by exactly one replica at a
 * time. Every replica writes a heartbeat and holds leases on its fair share of the clusters, renewing them at each
 * tick; the leases of a replica that stops ticking expire and the others take them.
 */
export class ClusterLeases {
  private readonly db: Knex;
  private readonly replicaId: string;
  private readonly ttlMs: number;
  private readonly now: () => Date;
  private readonly logger?: LoggerService;
  /** One tick or release at a time, so a slow tick cannot overlap the next and take more than the share. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * Leases beyond the share that the last tick left out of its answer. They are deleted at the next tick, once the
   * caller has stopped watching them, so no other replica can take a cluster this one still watches.
   */
  private handingOver: string[] = [];
  private held: string[] = [];

  constructor(options: ClusterLeasesOptions) {
    const { replicaId, ttlMs = 45_000 } = options;
    if (
      typeof replicaId !== 'string' ||
      replicaId.length === 0 ||
      replicaId.length > MAX_NAME_LENGTH
    ) {
      throw new InputError(
        `replicaId must be 1 to ${MAX_NAME_LENGTH} characters`,
      );
    }
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
      throw new InputError(
        `ttlMs must be a positive number of milliseconds, got ${ttlMs}`,
      );
    }
    this.db = options.db;
    this.replicaId = replicaId;
    this.ttlMs = ttlMs;
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger;
  }

  /**
   * Heartbeat of this replica, then renew / acquire / release so that this replica holds its fair share of
   * `clusters`; returns the clusters it holds after the tick, sorted. Never throws for contention; a database error
   * rejects (the caller keeps what it had until the lease would expire, then stops).
   */
  async tick(clusters: string[]): Promise<string[]> {
    const configured = validClusters(clusters);
    return this.serially(() => this.runTick(configured));
  }

  /** Releases every lease of this replica and removes its heartbeat (clean shutdown): others take over at their next tick. */
  release(): Promise<void> {
    return this.serially(async () => {
      await this.db(LEASES).where('holder', this.replicaId).delete();
      await this.db(HEARTBEATS).where('replica_id', this.replicaId).delete();
      this.handingOver = [];
      if (this.held.length > 0) {
        this.logger?.info(
          `Released the leases of clusters ${this.held.join(', ')}`,
        );
      }
      this.held = [];
    });
  }

  /** The live holder of each cluster (unexpired leases only). */
  async holders(): Promise<Map<string, string>> {
    const now = toTimestamp(this.now(), 'now');
    const rows: Array<{ cluster: string; holder: string }> = await this.db(
      LEASES,
    )
      .where('expires_at', '>=', now)
      .select('cluster', 'holder')
      .orderBy('cluster');
    return new Map(rows.map(row => [row.cluster, row.holder]));
  }

  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async runTick(configured: string[]): Promise<string[]> {
    const now = this.now();
    const nowTs = toTimestamp(now, 'now');
    const expiresTs = toTimestamp(
      new Date(now.getTime() + this.ttlMs),
      'lease expiry',
    );
    const liveSince = toTimestamp(
      new Date(now.getTime() - this.ttlMs),
      'heartbeat cutoff',
    );

    if (this.handingOver.length > 0) {
      await this.deleteMine(this.handingOver);
      this.handingOver = [];
    }

    await this.db(HEARTBEATS)
      .insert({ replica_id: this.replicaId, seen_at: nowTs })
      .onConflict('replica_id')
      .merge(['seen_at']);
    const live: Array<{ replica_id: string }> = await this.db(HEARTBEATS)
      .where('seen_at', '>=', liveSince)
      .select('replica_id');
    const liveIds = new Set(live.map(row => row.replica_id));
    liveIds.add(this.replicaId);

    // Read only to plan; every write below is conditional, so a stale read costs a retry at the next tick.
    const leases: LeaseRow[] = await this.db(LEASES).select(
      'cluster',
      'holder',
      'expires_at',
    );
    const byCluster = new Map(leases.map(lease => [lease.cluster, lease]));
    const mine: string[] = [];
    const free: string[] = [];
    const othersHeld = new Map(
      [...liveIds].filter(id => id !== this.replicaId).map(id => [id, 0]),
    );
    for (const cluster of configured) {
      const lease = byCluster.get(cluster);
      if (lease?.holder === this.replicaId) {
        // Kept even when expired: the conditional renewal tells whether another replica took it since.
        mine.push(cluster);
      } else if (!lease || lease.expires_at < nowTs) {
        free.push(cluster);
      } else if (othersHeld.has(lease.holder)) {
        othersHeld.set(lease.holder, othersHeld.get(lease.holder)! + 1);
      }
    }
    const share = fairShare({
      clusterCount: configured.length,
      liveReplicas: liveIds.size,
      held: mine.length,
      othersHeld: [...othersHeld.values()],
      free: free.length,
    });
    // The last in name order go, so that every replica agrees which ones a joining replica may take.
    const keep = mine.slice(0, share.keep);
    const extras = mine.slice(share.keep);

    let renewed = 0;
    for (let start = 0; start < keep.length; start += CHUNK) {
      renewed += await this.db(LEASES)
        .where('holder', this.replicaId)
        .whereIn('cluster', keep.slice(start, start + CHUNK))
        .update({ expires_at: expiresTs });
    }

    let wanted = share.limit - renewed;
    for (const cluster of rotateFor(free, this.replicaId)) {
      if (wanted <= 0) {
        break;
      }
      if (await this.acquire(cluster, nowTs, expiresTs)) {
        wanted -= 1;
      }
    }

    await this.cleanUp(now);

    const stillMine: Array<{ cluster: string }> = await this.db(LEASES)
      .where('holder', this.replicaId)
      .andWhere('expires_at', '>=', nowTs)
      .select('cluster');
    const configuredSet = new Set(configured);
    const extraSet = new Set(extras);
    const holding = stillMine.map(row => row.cluster);
    this.handingOver = holding.filter(cluster => extraSet.has(cluster));
    const held = holding
      .filter(cluster => configuredSet.has(cluster) && !extraSet.has(cluster))
      .sort();
    this.logChanges(held);
    return held;
  }

  /** Takes one cluster if it is free or its lease expired; false when another replica holds it. */
  private async acquire(
    cluster: string,
    nowTs: string,
    expiresTs: string,
  ): Promise<boolean> {
    const inserted = await this.db(LEASES)
      .insert({
        cluster,
        holder: this.replicaId,
        expires_at: expiresTs,
        acquired_at: nowTs,
      })
      .onConflict('cluster')
      .ignore()
      .returning('cluster');
    if (inserted.length > 0) {
      return true;
    }
    // Conditional on the row as the database has it now: of replicas racing for one expired lease, one matches.
    const updated = await this.db(LEASES)
      .where('cluster', cluster)
      .andWhere(q =>
        q.where('holder', this.replicaId).orWhere('expires_at', '<', nowTs),
      )
      .update({
        holder: this.replicaId,
        expires_at: expiresTs,
        acquired_at: nowTs,
      });
    return updated > 0;
  }

  private async deleteMine(clusters: string[]): Promise<void> {
    for (let start = 0; start < clusters.length; start += CHUNK) {
      await this.db(LEASES)
        .where('holder', this.replicaId)
        .whereIn('cluster', clusters.slice(start, start + CHUNK))
        .delete();
    }
  }

  /**
   * Removes a bounded number of heartbeats no longer live (replicas gone) and of leases expired for a whole time to
   * live (clusters no longer configured anywhere); sooner would race with replicas taking over expired leases. One
   * row per statement, each conditional again, so replicas cleaning up at once neither deadlock nor delete a lease
   * taken over since the read.
   */
  private async cleanUp(now: Date): Promise<void> {
    const cutoff = toTimestamp(
      new Date(now.getTime() - this.ttlMs),
      'cleanup cutoff',
    );
    const stale: Array<{ replica_id: string }> = await this.db(HEARTBEATS)
      .where('seen_at', '<', cutoff)
      .select('replica_id')
      .limit(CLEANUP_BATCH);
    for (const { replica_id } of stale) {
      await this.db(HEARTBEATS)
        .where({ replica_id })
        .andWhere('seen_at', '<', cutoff)
        .delete();
    }
    const expired: Array<{ cluster: string }> = await this.db(LEASES)
      .where('expires_at', '<', cutoff)
      .select('cluster')
      .limit(CLEANUP_BATCH);
    for (const { cluster } of expired) {
      await this.db(LEASES)
        .where({ cluster })
        .andWhere('expires_at', '<', cutoff)
        .delete();
    }
  }

  private logChanges(held: string[]): void {
    const before = new Set(this.held);
    const after = new Set(held);
    const taken = held.filter(cluster => !before.has(cluster));
    const left = this.held.filter(cluster => !after.has(cluster));
    if (taken.length > 0) {
      this.logger?.info(`Took the leases of clusters ${taken.join(', ')}`);
    }
    if (left.length > 0) {
      this.logger?.info(`No longer holds clusters ${left.join(', ')}`);
    }
    this.held = held;
  }
}

function validClusters(clusters: string[]): string[] {
  if (!Array.isArray(clusters)) {
    throw new InputError('clusters must be a list of cluster names');
  }
  for (const cluster of clusters) {
    if (
      typeof cluster !== 'string' ||
      cluster.length === 0 ||
      cluster.length > MAX_NAME_LENGTH
    ) {
      throw new InputError(
        `Cluster names must be 1 to ${MAX_NAME_LENGTH} characters, got ${JSON.stringify(
          String(cluster).slice(0, 80),
        )}`,
      );
    }
  }
  return [...new Set(clusters)].sort();
}
