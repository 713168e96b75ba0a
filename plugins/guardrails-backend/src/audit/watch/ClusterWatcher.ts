import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  CompiledPack,
  KubernetesManifest,
} from '@guardrails-dev/plugin-guardrails-engine';
import {
  ClusterClient,
  EnvironmentDefinition,
  redactAddresses,
} from '@guardrails-dev/plugin-guardrails-node';
import { GuardrailsStore } from '../../db';
import { AUDIT_SOURCES } from '../auditCluster';
import { EntityLookup } from '../clusterEntities';
import { clusterResults } from '../clusterResults';
import { EntityIndex } from '../EntityIndex';
import { packKinds } from '../packKinds';
import { normalizePolicyReports } from '../policyReports';
import { provisionedNamespaces } from '../provisionedNamespaces';
import { quotaUsage } from '../quotaUsage';
import { ListedKind, readCluster } from '../readCluster';
import { KindStream } from './kindStream';
import { kindId, ObjectCache } from './objectCache';
import { Pause } from './pause';
import { Scope, scopeKey } from './scopes';

/** The sources a namespace's evaluation gives; policy reports are stored apart, as the reports change. */
const SCOPE_SOURCES = ['audit', 'drift', 'auto-correct'];
/** Kinds whose changes move a namespace's quota use. */
const QUOTA_KINDS = new Set([
  kindId('v1', 'Namespace'),
  kindId('v1', 'ResourceQuota'),
]);

/** Tuning of a cluster's watch; read from `guardrails.audit`. */
export interface WatchSettings {
  pageSize: number;
  kindConcurrency: number;
  /** Changes gathered before they are evaluated. */
  debounceMs: number;
  /** Every so often each cluster is listed again from scratch: the safety net under the watches. */
  relistIntervalMs: number;
  /** Longest wait between attempts to reach a cluster that cannot be read. */
  maxBackoffMs: number;
  /** Quota use is stored at most this often per cluster (it changes with every pod). */
  quotaIntervalMs: number;
}

export interface ClusterWatcherOptions {
  client: ClusterClient;
  environment: EnvironmentDefinition;
  store: GuardrailsStore;
  pack: CompiledPack;
  auditor: AuditorService;
  logger: LoggerService;
  settings: WatchSettings;
  /** The catalog's entities as last read: ownership of what is evaluated. */
  index: () => EntityIndex;
  /** Called after results were stored; `full` when the whole cluster was. */
  onStored: (full: boolean) => void;
  now: () => Date;
}

/** Where a watcher is: reading the cluster, watching it, or unable to reach it (its results then read as stale). */
export type WatcherState = 'listing' | 'watching' | 'unreachable' | 'stopped';

/**
 * One cluster, watched: every audited kind listed, the whole cluster evaluated and stored as an audit does, then each
 * kind watched from its list. Each change marks the namespace (or cluster-scoped object) it touches; after
 * `debounceMs` the marked scopes are evaluated again and only their changed results are written. A cluster that
 * cannot be watched is marked failed (its results stale, never compliant) and listed again with backoff until it
 * answers; every `relistIntervalMs` it is listed again anyway.
 */
export class ClusterWatcher {
  private stopped = false;
  private cache = new ObjectCache();
  private reportKinds: ListedKind[] = [];
  private streams: KindStream[] = [];
  private dirty = new Map<string, Scope>();
  private reportsDirty = false;
  private everything = false;
  private quotaDirty = false;
  private quotaStoredAt = 0;
  private flushTimer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private readonly pause = new Pause();
  private wakeWatch?: (reason: 'relist' | Error) => void;
  private running?: Promise<void>;
  state: WatcherState = 'listing';

  constructor(private readonly options: ClusterWatcherOptions) {}

  get cluster(): string {
    return this.options.client.cluster;
  }

  /** Objects held for evaluation. */
  get objectCount(): number {
    return this.cache.size;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Stops watching; whatever was already stored stays. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.state = 'stopped';
    clearTimeout(this.flushTimer);
    this.stopStreams();
    this.pause.interrupt();
    this.wakeWatch?.('relist');
    await this.running;
    await this.flushing;
  }

  /** Lists the cluster again from scratch (an audit asked for). */
  relist(): void {
    this.wakeWatch?.('relist');
  }

  /** Evaluates every object again from memory, without reading the cluster: the rollout or the catalog moved. */
  reevaluate(): void {
    if (this.state !== 'watching') return;
    this.everything = true;
    this.scheduleFlush(0);
  }

  private async run(): Promise<void> {
    const { logger, settings } = this.options;
    let failures = 0;
    while (!this.stopped) {
      try {
        this.state = 'listing';
        const listed = await this.sync();
        if (this.stopped) return;
        failures = 0;
        this.state = 'watching';
        await this.watch(listed);
      } catch (error) {
        if (this.stopped) return;
        failures += 1;
        this.state = 'unreachable';
        const message = error instanceof Error ? error.message : String(error);
        logger.warn(
          `Watch of cluster ${this.cluster} failed, keeping its last results (stale until it is read again): ${message}`,
        );
        await this.markFailed(message);
        await this.pause.for(
          Math.min(settings.maxBackoffMs, 1_000 * 2 ** Math.min(failures, 10)),
        );
      }
    }
  }

  /** Lists every kind into a fresh cache and stores the whole cluster's results, as an audit does. */
  private async sync(): Promise<ListedKind[]> {
    const { client, settings, pack } = this.options;
    const snapshot = await readCluster(client, {
      pageSize: settings.pageSize,
      concurrency: settings.kindConcurrency,
      packKinds: packKinds(pack),
    });
    if (this.stopped) return [];
    const cache = new ObjectCache();
    for (const object of [...snapshot.objects, ...snapshot.reports]) {
      cache.put(object as KubernetesManifest);
    }
    await this.serialized(async () => {
      this.cache = cache;
      this.reportKinds = snapshot.listed.filter(k => k.report);
      this.dirty.clear();
      this.reportsDirty = false;
      this.everything = false;
      await this.storeEverything();
    });
    if (snapshot.notServed.length > 0) {
      this.options.logger.warn(
        `Cluster ${this.cluster} does not serve ${snapshot.notServed
          .map(k => `${k.kind}.${k.group}`)
          .join(', ')}, which guardrails match (CRD not installed?)`,
      );
    }
    return snapshot.listed;
  }

  /** Watches every listed kind until a relist is due or asked for; rejects when a kind cannot be watched. */
  private watch(listed: ListedKind[]): Promise<void> {
    const { client, settings, logger } = this.options;
    return new Promise<void>((resolve, reject) => {
      let relistTimer: NodeJS.Timeout | undefined = undefined;
      const finish = (reason: 'relist' | Error) => {
        clearTimeout(relistTimer);
        this.wakeWatch = undefined;
        this.stopStreams();
        if (reason === 'relist') resolve();
        else reject(reason);
      };
      this.wakeWatch = finish;
      relistTimer = setTimeout(
        () => finish('relist'),
        settings.relistIntervalMs,
      );
      relistTimer.unref?.();
      this.streams = listed.map(
        ({ apiVersion, kind, resourceVersion, report }) =>
          new KindStream({
            client,
            apiVersion,
            kind,
            resourceVersion,
            pageSize: settings.pageSize,
            cache: this.cache,
            logger,
            // Five to ten minutes, as client-go's reflector spreads its watches.
            timeoutSeconds: () => 300 + Math.floor(Math.random() * 300),
            backoffMs: failures =>
              Math.min(settings.maxBackoffMs, 500 * 2 ** failures),
            onChange: scopes =>
              this.changed(scopes, kindId(apiVersion, kind), report),
            onBroken: error =>
              finish(error instanceof Error ? error : new Error(String(error))),
          }),
      );
      for (const stream of this.streams) stream.start();
    });
  }

  private stopStreams(): void {
    for (const stream of this.streams) stream.stop();
    this.streams = [];
  }

  private changed(scopes: Scope[], kind: string, report: boolean): void {
    if (report) {
      this.reportsDirty = true;
    } else {
      for (const scope of scopes) this.dirty.set(scopeKey(scope), scope);
      if (QUOTA_KINDS.has(kind)) this.quotaDirty = true;
    }
    this.scheduleFlush(this.options.settings.debounceMs);
  }

  private scheduleFlush(delayMs: number): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.serialized(() => this.flush());
    }, delayMs);
  }

  /** Runs store work one piece after another, so that writes of one cluster land in the order they were evaluated. */
  private serialized(work: () => Promise<void>): Promise<void> {
    const next = this.flushing.then(work);
    this.flushing = next.catch(() => undefined);
    return next;
  }

  /** Evaluates the marked scopes and stores what changed. */
  private async flush(): Promise<void> {
    if (this.stopped) return;
    const { store, environment, logger } = this.options;
    if (this.everything) {
      this.everything = false;
      this.dirty.clear();
      this.reportsDirty = false;
      await this.attempt(
        () => this.storeEverything(),
        () => {
          this.everything = true;
        },
      );
      return;
    }
    const scopes = [...this.dirty.values()];
    this.dirty.clear();
    const reports = this.reportsDirty;
    this.reportsDirty = false;
    const at = this.options.now();
    let stored = false;
    if (scopes.length > 0) {
      await this.attempt(
        async () => {
          const namespaces = scopes.flatMap(s =>
            'namespace' in s ? [s.namespace] : [],
          );
          const objects = scopes.flatMap(s => this.cache.objectsOf(s));
          const results = await clusterResults(
            objects,
            this.resultsContext(at),
          );
          const namespaceObjects = this.cache.namespaces();
          await store.replaceScopeResults({
            cluster: this.cluster,
            environment: environment.name,
            evaluatedAt: at,
            namespaces,
            clusterObjects: scopes.flatMap(s => ('namespace' in s ? [] : [s])),
            results,
            sources: SCOPE_SOURCES,
            provisionedNamespaces: provisionedNamespaces(
              namespaces.flatMap(n => {
                const object = namespaceObjects.get(n);
                return object ? [object] : [];
              }),
              environment.name,
            ),
          });
          stored = true;
        },
        () => scopes.forEach(s => this.dirty.set(scopeKey(s), s)),
      );
    }
    if (reports) {
      await this.attempt(
        async () => {
          await store.replaceClusterResults({
            cluster: this.cluster,
            environment: environment.name,
            auditedAt: at,
            results: this.reportResults(),
            sources: ['policyreport:*'],
          });
          stored = true;
        },
        () => {
          this.reportsDirty = true;
        },
      );
    }
    if (
      this.quotaDirty &&
      Date.now() - this.quotaStoredAt >= this.options.settings.quotaIntervalMs
    ) {
      await this.attempt(
        () => this.storeQuotaUsage(at),
        () => undefined,
      );
    } else if (this.quotaDirty) {
      this.scheduleFlush(this.options.settings.quotaIntervalMs);
    }
    if (stored) {
      logger.debug(
        `Cluster ${this.cluster}: ${scopes.length} changed namespaces and objects evaluated and stored`,
      );
      this.options.onStored(false);
    }
  }

  /**
   * Runs one store step; on failure logs it and gives the work back (`restore`) to be tried again a little later.
   * Newer results from elsewhere (another replica that held the cluster a moment ago) win over these.
   */
  private async attempt(
    step: () => Promise<void>,
    restore: () => void,
  ): Promise<void> {
    try {
      await step();
    } catch (error) {
      if (
        error instanceof ConflictError ||
        (error as Error)?.name === 'ConflictError'
      ) {
        this.options.logger.debug(
          `Cluster ${this.cluster}: newer results are stored; these are dropped: ${error}`,
        );
        return;
      }
      this.options.logger.warn(
        `Could not store the results of cluster ${this.cluster}, trying again: ${error}`,
      );
      restore();
      this.scheduleFlush(1_000);
    }
  }

  /** The whole cluster from memory, stored in place of its results, as an audit stores them. */
  private async storeEverything(): Promise<void> {
    const { store, environment } = this.options;
    const at = this.options.now();
    const objects = this.objectsToEvaluate();
    const results = [
      ...(await clusterResults(objects, this.resultsContext(at))),
      ...this.reportResults(),
    ];
    await this.storeQuotaUsage(at);
    await store.replaceClusterResults({
      cluster: this.cluster,
      environment: environment.name,
      auditedAt: at,
      results,
      sources: AUDIT_SOURCES,
      provisionedNamespaces: provisionedNamespaces(
        this.cache.namespaces().values(),
        environment.name,
      ),
    });
    this.options.onStored(true);
  }

  private async storeQuotaUsage(at: Date): Promise<void> {
    this.quotaDirty = false;
    this.quotaStoredAt = Date.now();
    await this.options.store.replaceQuotaUsage({
      cluster: this.cluster,
      observedAt: at,
      // Quota use reads the quotas alone (and the namespaces): no need to walk the cluster's pods every 10 s.
      ...quotaUsage(
        this.cache.ofKind('v1', 'ResourceQuota'),
        this.cache.namespaces(),
        this.cluster,
        this.options.environment.name,
      ),
    });
  }

  private objectsToEvaluate(): KubernetesManifest[] {
    const reports = new Set(
      this.reportKinds.map(k => kindId(k.apiVersion, k.kind)),
    );
    return this.cache
      .all()
      .filter(o => !reports.has(kindId(o.apiVersion, o.kind)));
  }

  private reportResults() {
    return normalizePolicyReports(
      this.reportKinds.flatMap(k => this.cache.ofKind(k.apiVersion, k.kind)),
      {
        cluster: this.cluster,
        environment: this.options.environment.name,
        entityFor: this.entityFor(),
      },
    ).results;
  }

  private entityFor(): EntityLookup {
    const index = this.options.index();
    const namespaces = this.cache.namespaces();
    return resource =>
      index.match(
        this.cache.get(
          resource.apiVersion,
          resource.kind,
          resource.namespace,
          resource.name,
        ) ?? {
          apiVersion: resource.apiVersion,
          kind: resource.kind,
          metadata: { name: resource.name, namespace: resource.namespace },
        },
        namespaces,
      );
  }

  private resultsContext(at: Date) {
    return {
      client: this.options.client,
      pack: this.options.pack,
      auditor: this.options.auditor,
      environment: this.options.environment,
      at,
      index: this.options.index(),
      namespaces: this.cache.namespaces(),
      entityFor: this.entityFor(),
    };
  }

  private async markFailed(message: string): Promise<void> {
    try {
      await this.options.store.markClusterFailed({
        cluster: this.cluster,
        environment: this.options.environment.name,
        failedAt: this.options.now(),
        // Shown to people: the cluster's name, not its address.
        error: redactAddresses(message),
      });
      this.options.onStored(false);
    } catch (error) {
      this.options.logger.warn(
        `Could not record that cluster ${this.cluster} cannot be read: ${error}`,
      );
    }
  }
}
