import { createHash } from 'node:crypto';
import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CompiledPack } from '@guardrails-dev/plugin-guardrails-engine';
import { ClusterAccess } from '@guardrails-dev/plugin-guardrails-node';
import { GuardrailsStore } from '../../db';
import { EntityIndex, mappingFingerprint } from '../EntityIndex';
import { ClusterWatcher, WatcherState, WatchSettings } from './ClusterWatcher';
import { Pause } from './pause';

/** Requests to relist within this long of the last one join it: the other replicas see it at their next tick. */
const RELIST_COALESCE_MS = 15_000;

/** Which clusters this backend replica watches; see `ClusterLeases`. */
export interface ClusterShare {
  /** Returns the clusters this replica holds now, among `clusters`. */
  tick(clusters: string[]): Promise<string[]>;
  /** Gives every cluster back (shutdown). */
  release(): Promise<void>;
}

/** Where replicas record and find requests to list their clusters again; see `RelistRequests`. */
export interface RelistRequestLog {
  request(at: Date): Promise<string>;
  latest(): Promise<string | undefined>;
}

export interface WatchingAuditSettings extends WatchSettings {
  /** How often the replica renews its clusters and takes free ones. */
  leaseIntervalMs: number;
  /** How often the catalog's entities are read again for ownership. */
  entityRefreshMs: number;
  /** How often every object is evaluated again from memory, so rollout stages and exemptions follow the calendar. */
  reevaluateIntervalMs: number;
}

export interface WatchingAuditOptions {
  store: GuardrailsStore;
  clusterAccess: ClusterAccess;
  pack: CompiledPack;
  auditor: AuditorService;
  logger: LoggerService;
  settings: WatchingAuditSettings;
  loadEntities: () => Promise<Entity[]>;
  /** Absent: this replica watches every cluster. */
  share?: ClusterShare;
  /** Requests to list the clusters again, shared with the other replicas; absent: this replica's own only. */
  relistRequests?: RelistRequestLog;
  /** Runs after results were stored (coalesced: never two at once, one more if results came in meanwhile). */
  afterResultsStored?: () => Promise<void>;
  now?: () => Date;
}

/** One watched cluster, as the backend reports it. */
export interface WatchedCluster {
  cluster: string;
  environment: string;
  state: WatcherState;
  objects: number;
}

/**
 * The watching audit of one backend replica: the clusters it holds (all of them, or its share through the database
 * with other replicas), each watched by a {@link ClusterWatcher}; the catalog's entities read again every
 * `entityRefreshMs` (a change re-evaluates from memory); every object evaluated again every `reevaluateIntervalMs`
 * (rollout stages and exemptions change with time, not with objects) and the day's history recorded.
 */
export class WatchingAudit {
  private readonly watchers = new Map<string, ClusterWatcher>();
  private index?: EntityIndex;
  private entitiesFingerprint = '';
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private following = false;
  private followAgain = false;
  private historyDue = false;
  private ticking: Promise<void> = Promise.resolve();
  private readonly pause = new Pause();
  /** The latest relist request this replica has acted on. */
  private relistSeen?: string;

  constructor(private readonly options: WatchingAuditOptions) {}

  /** Reads the catalog, takes this replica's clusters and starts watching them; then keeps at it on timers. */
  async start(): Promise<void> {
    const { settings } = this.options;
    // Ownership needs the catalog: until it answers, nothing is evaluated (results without owners would be wrong).
    await this.refreshEntities();
    while (!this.index && !this.stopped) {
      await this.pause.for(2_000);
      await this.refreshEntities();
    }
    this.relistSeen = await this.options.relistRequests
      ?.latest()
      .catch(() => undefined);
    await this.tick();
    const every = (ms: number, work: () => Promise<void>) => {
      const timer = setInterval(() => {
        void work().catch(error =>
          this.options.logger.warn(`Watching audit: ${error}`),
        );
      }, ms);
      timer.unref?.();
      this.timers.push(timer);
    };
    every(settings.leaseIntervalMs, () => this.tick());
    every(settings.entityRefreshMs, () => this.refreshEntities());
    every(settings.reevaluateIntervalMs, async () => {
      for (const watcher of this.watchers.values()) watcher.reevaluate();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pause.interrupt();
    this.timers.forEach(clearInterval);
    await this.ticking;
    await Promise.all([...this.watchers.values()].map(w => w.stop()));
    this.watchers.clear();
    await this.options.share?.release();
  }

  /**
   * Reads the catalog's entities and lists every cluster this replica watches again from scratch, as an audit would;
   * resolves once the relists are asked for.
   */
  async relistAll(): Promise<'started' | 'already-running'> {
    // A relist reads every object of every cluster: asked again while one is under way, it is that one.
    const now = this.now();
    const latest = await this.latestRelist();
    if (
      [...this.watchers.values()].some(w => w.state === 'listing') ||
      (latest !== undefined &&
        now.getTime() - Date.parse(latest) < RELIST_COALESCE_MS)
    ) {
      return 'already-running';
    }
    const requests = this.options.relistRequests;
    if (requests) {
      // The other replicas relist theirs at their next lease tick.
      this.relistSeen = await requests.request(now);
    } else {
      this.relistSeen = now.toISOString();
    }
    await this.refreshEntities({ reevaluate: false });
    for (const watcher of this.watchers.values()) watcher.relist();
    return 'started';
  }

  private async latestRelist(): Promise<string | undefined> {
    const requests = this.options.relistRequests;
    return requests ? requests.latest() : this.relistSeen;
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  /** The clusters this replica watches. */
  watched(): WatchedCluster[] {
    return [...this.watchers.values()].map(w => ({
      cluster: w.cluster,
      environment: this.environmentOf(w.cluster),
      state: w.state,
      objects: w.objectCount,
    }));
  }

  private tick(): Promise<void> {
    this.ticking = this.ticking.then(() => this.takeShare());
    return this.ticking;
  }

  private async takeShare(): Promise<void> {
    if (this.stopped || !this.index) return;
    const all = this.options.clusterAccess
      .environments()
      .flatMap(e => e.clusters);
    let held: string[];
    try {
      held = this.options.share ? await this.options.share.tick(all) : all;
    } catch (error) {
      // The leases stay ours until they expire; the watches go on meanwhile.
      this.options.logger.warn(
        `Could not renew the clusters this replica watches: ${error}`,
      );
      return;
    }
    const keep = new Set(held);
    for (const [cluster, watcher] of this.watchers) {
      if (keep.has(cluster)) continue;
      this.watchers.delete(cluster);
      this.options.logger.info(`Stopped watching cluster ${cluster}`);
      await watcher.stop();
    }
    const relist = await this.relistRequested();
    if (relist) await this.refreshEntities({ reevaluate: false });
    for (const [cluster, watcher] of this.watchers) {
      if (relist) {
        this.options.logger.info(
          `Listing cluster ${cluster} again, as another replica was asked to`,
        );
        watcher.relist();
      }
    }
    for (const cluster of held) {
      if (this.stopped || this.watchers.has(cluster)) continue;
      const watcher = this.watcherFor(cluster);
      this.watchers.set(cluster, watcher);
      this.options.logger.info(`Watching cluster ${cluster}`);
      watcher.start();
    }
  }

  /** Whether a replica was asked to list the clusters again since this one last did. */
  private async relistRequested(): Promise<boolean> {
    const requests = this.options.relistRequests;
    if (!requests) return false;
    try {
      const latest = await requests.latest();
      if (!latest || (this.relistSeen && latest <= this.relistSeen)) {
        return false;
      }
      this.relistSeen = latest;
      return true;
    } catch (error) {
      this.options.logger.warn(
        `Could not read the requests to list the clusters again: ${error}`,
      );
      return false;
    }
  }

  private watcherFor(cluster: string): ClusterWatcher {
    const { clusterAccess } = this.options;
    const environment = clusterAccess
      .environments()
      .find(e => e.clusters.includes(cluster))!;
    return new ClusterWatcher({
      client: clusterAccess.forCluster(cluster),
      environment,
      store: this.options.store,
      pack: this.options.pack,
      auditor: this.options.auditor,
      logger: this.options.logger,
      settings: this.options.settings,
      index: () => this.index!,
      onStored: full => this.follow(full),
      now: this.options.now ?? (() => new Date()),
    });
  }

  private environmentOf(cluster: string): string {
    return (
      this.options.clusterAccess
        .environments()
        .find(e => e.clusters.includes(cluster))?.name ?? ''
    );
  }

  /** Reads the entities again; when ownership changed, every watched object is evaluated again from memory. */
  private async refreshEntities(
    options: { reevaluate: boolean } = { reevaluate: true },
  ): Promise<void> {
    let entities: Entity[];
    try {
      entities = await this.options.loadEntities();
    } catch (error) {
      this.options.logger.warn(
        `Could not read the catalog's entities, keeping the last ones: ${error}`,
      );
      return;
    }
    // Only what maps objects to entities: status annotations change with every label.
    const fingerprint = createHash('sha256')
      .update(mappingFingerprint(entities))
      .digest('hex');
    if (fingerprint === this.entitiesFingerprint) return;
    const first = this.index === undefined;
    this.index = new EntityIndex(entities);
    this.entitiesFingerprint = fingerprint;
    if (first) {
      await this.tick();
      return;
    }
    if (!options.reevaluate) return;
    for (const watcher of this.watchers.values()) watcher.reevaluate();
  }

  /** The summary and the catalog follow stored results: one run at a time, one more if results came in meanwhile. */
  private follow(full: boolean): void {
    if (full) this.historyDue = true;
    if (this.following) {
      this.followAgain = true;
      return;
    }
    this.following = true;
    void (async () => {
      do {
        this.followAgain = false;
        try {
          if (this.historyDue) {
            this.historyDue = false;
            await this.options.store.recordDailyHistory(this.now());
          }
          await this.options.afterResultsStored?.();
        } catch (error) {
          this.options.logger.warn(
            `Could not record what the watched clusters' results make of each entity: ${error}`,
          );
        }
      } while (this.followAgain && !this.stopped);
      this.following = false;
    })();
  }
}
