import { LoggerService } from '@backstage/backend-plugin-api';
import { KubernetesManifest } from '@guardrails-dev/plugin-guardrails-engine';
import {
  ClusterClient,
  ClusterRequestError,
  WatchHandle,
} from '@guardrails-dev/plugin-guardrails-node';
import { ObjectCache } from './objectCache';
import { Scope } from './scopes';
import { Pause } from './pause';

/** Broken watches of one kind in a row before the cluster is read as unreachable and listed again. */
export const FAILURES_BEFORE_RELIST = 4;

export interface KindStreamOptions {
  client: ClusterClient;
  apiVersion: string;
  kind: string;
  /** The resourceVersion of the list the cache was filled from. */
  resourceVersion: string;
  pageSize: number;
  cache: ObjectCache;
  /** Called with the scopes each change touches, in the order the cluster made them. */
  onChange: (scopes: Scope[]) => void;
  /** Called once when the kind cannot be watched any more: the cluster is then listed again from scratch. */
  onBroken: (error: unknown) => void;
  logger: LoggerService;
  /** The server ends each watch after this many seconds (spread, so a cluster's watches do not all end at once). */
  timeoutSeconds: () => number;
  /** Wait before the n-th retry after a failure. */
  backoffMs: (failures: number) => number;
}

/**
 * One kind of one cluster, watched from the resourceVersion of its list. A watch the server ends resumes from the
 * last resourceVersion seen (bookmarks keep it recent); 410 Gone lists the kind again and resumes from that list;
 * other failures retry with backoff, and after {@link FAILURES_BEFORE_RELIST} in a row the stream gives up.
 */
export class KindStream {
  private stopped = false;
  private handle?: WatchHandle;
  private readonly pause = new Pause();
  private resourceVersion: string;

  constructor(private readonly options: KindStreamOptions) {
    this.resourceVersion = options.resourceVersion;
  }

  start(): void {
    void this.run().catch(error => {
      if (!this.stopped) this.options.onBroken(error);
    });
  }

  stop(): void {
    this.stopped = true;
    this.handle?.stop();
    this.pause.interrupt();
  }

  private async run(): Promise<void> {
    const { client, apiVersion, kind, cache, onChange } = this.options;
    let failures = 0;
    while (!this.stopped) {
      const startedAt = Date.now();
      try {
        this.handle = await client.watch(
          apiVersion,
          kind,
          {
            resourceVersion: this.resourceVersion,
            allowWatchBookmarks: true,
            timeoutSeconds: this.options.timeoutSeconds(),
          },
          event => {
            const object = event.object as KubernetesManifest;
            const version = object.metadata?.resourceVersion;
            if (version) this.resourceVersion = version;
            if (event.type === 'BOOKMARK') return;
            const scope =
              event.type === 'DELETED'
                ? cache.remove(object)
                : cache.put(object);
            if (scope) onChange([scope]);
          },
        );
        if (this.stopped) this.handle.stop();
        await this.handle.done;
        failures = 0;
        // A server that ends watches as soon as they start must not be asked again in a tight loop.
        if (Date.now() - startedAt < 1_000) {
          await this.pause.for(this.options.backoffMs(1));
        }
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof ClusterRequestError && error.status === 410) {
          // Changes were missed: the list says what is there now.
          await this.relist();
          failures = 0;
          continue;
        }
        failures += 1;
        if (failures >= FAILURES_BEFORE_RELIST) throw error;
        this.options.logger.debug(
          `Watch of ${kind} in cluster ${client.cluster} failed (${failures} in a row), retrying: ${error}`,
        );
        await this.pause.for(this.options.backoffMs(failures));
      }
    }
  }

  private async relist(): Promise<void> {
    const { client, apiVersion, kind, cache, onChange, pageSize } =
      this.options;
    const objects: KubernetesManifest[] = [];
    let resourceVersion: string | undefined;
    for await (const page of client.list(apiVersion, kind, {
      limit: pageSize,
    })) {
      resourceVersion ??= page.resourceVersion;
      objects.push(...(page.items as KubernetesManifest[]));
    }
    if (this.stopped) return;
    const scopes = cache.replaceKind(apiVersion, kind, objects);
    if (resourceVersion) this.resourceVersion = resourceVersion;
    if (scopes.length > 0) onChange(scopes);
  }
}
