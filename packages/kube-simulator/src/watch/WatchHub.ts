import { ServerResponse } from 'node:http';
import { ResourceType } from '../api/resources';
import { ApiError } from '../api/status';
import { ChangeHistory, HistoryLimits } from '../store/changeHistory';
import { ObjectStore, StoreChange } from '../store/ObjectStore';
import { Watcher, WatchSpec } from './Watcher';

/** How watches are served; see `WatchOptions` for the defaults. */
export interface WatchSettings {
  history: HistoryLimits;
  bookmarkIntervalMs: number;
  minRequestTimeoutSeconds: number;
  /** The fault in force when a watch opens: break it this many ms later. */
  dropAfterMs: () => number | undefined;
  /** Counts bytes written to watch streams. */
  onBytes: (bytes: number) => void;
}

/** An open watch, for tests that check who watches what. @public */
export interface OpenWatch {
  /** Request path, e.g. `/apis/apps/v1/deployments`. */
  path: string;
  /** Query string without the leading `?`. */
  query: string;
  /** Everything up to this resourceVersion has been sent or skipped. */
  resourceVersion: string;
  /** When the watch opened (ISO 8601). */
  startedAt: string;
}

/** How long a watch from a future resourceVersion waits for it, as the watch cache blocks (3 s). */
const FUTURE_WAIT_MS = 3000;

/** A 410 Gone Status as the watch cache words it (`errors.NewResourceExpired`). */
function tooOld(resourceVersion: number, floor: number): ApiError {
  return new ApiError(
    410,
    'Expired',
    `too old resource version: ${resourceVersion} (${floor})`,
  );
}

/** `storage.NewTooLargeResourceVersionError`, for a resourceVersion the store has not reached in time. */
function tooLarge(resourceVersion: number, current: number): ApiError {
  return new ApiError(
    504,
    'Timeout',
    `Timeout: Too large resource version: ${resourceVersion}, current: ${current}`,
    {
      causes: [
        {
          reason: 'ResourceVersionTooLarge',
          message: 'Too large resource version',
        },
      ],
      retryAfterSeconds: 1,
    },
  );
}

/**
 * The open watches of a cluster and the window of recent changes they resume from. Every store change is
 * recorded and sent to the matching watchers synchronously, so an idle watcher has seen everything up to the
 * store's resourceVersion, which is what its bookmarks carry.
 */
export class WatchHub {
  /** Open watches by the type they watch, so a change reaches only its type's watchers. */
  private readonly byType = new Map<ResourceType, Set<Watcher>>();
  /** Watches from a resourceVersion the store has not reached yet. */
  private readonly waiting = new Set<Watcher>();
  readonly history: ChangeHistory;

  constructor(
    private readonly store: ObjectStore,
    private readonly settings: WatchSettings,
  ) {
    this.history = new ChangeHistory(this.current(), settings.history);
    store.onChange(change => this.onChange(change));
    // A custom type that is no longer served ends its watches, as its storage goes with its definition.
    store.types.onUnregister(rt => {
      for (const watcher of this.byType.get(rt) ?? []) watcher.end();
      this.byType.delete(rt);
    });
  }

  private current(): number {
    return Number(this.store.currentResourceVersion());
  }

  private onChange(change: StoreChange): void {
    this.history.record(change);
    for (const watcher of this.byType.get(change.rt) ?? [])
      watcher.deliver(change, true);
    for (const watcher of this.waiting) {
      if (this.current() >= (watcher.spec.query.resourceVersion ?? 0))
        this.begin(watcher);
    }
  }

  /** Serves a watch on a response whose 200 header has been written. */
  open(spec: WatchSpec, res: ServerResponse): void {
    const watcher = new Watcher(spec, res, this.settings.onBytes, closed => {
      this.byType.get(closed.spec.rt)?.delete(closed);
      this.waiting.delete(closed);
    });
    const { query } = spec;
    // Without timeoutSeconds the API server picks between one and two times its minimum request timeout.
    const timeoutMs = query.timeoutSeconds
      ? query.timeoutSeconds * 1000
      : this.settings.minRequestTimeoutSeconds * 1000 * (1 + Math.random());
    watcher.deadline = Date.now() + timeoutMs;
    watcher.after(timeoutMs, () => watcher.end());
    const drop = this.settings.dropAfterMs();
    if (drop !== undefined) watcher.after(drop, () => watcher.reset());
    const from = query.resourceVersion;
    if (from !== undefined && from > this.current()) {
      this.waiting.add(watcher);
      watcher.after(FUTURE_WAIT_MS, () => {
        if (this.waiting.delete(watcher))
          watcher.fail(tooLarge(from, this.current()));
      });
      return;
    }
    this.begin(watcher);
  }

  /** Sends the initial state or the changes since the requested resourceVersion, then live changes. */
  private begin(watcher: Watcher): void {
    this.waiting.delete(watcher);
    const { query, rt } = watcher.spec;
    const now = this.current();
    if (query.initialEvents) {
      watcher.sendState(watcher.spec.initialState(), now);
      if (query.initialEventsEnd && query.allowBookmarks)
        watcher.bookmark(String(now), true);
    } else if (query.resourceVersion === undefined) {
      watcher.seen = now;
    } else {
      const since = this.history.since(rt, query.resourceVersion);
      if ('tooOld' in since) {
        watcher.fail(tooOld(query.resourceVersion, since.floor));
        return;
      }
      for (const change of since.changes) watcher.deliver(change, false);
      watcher.seen = now;
    }
    if (!watcher.isOpen) return;
    let watchers = this.byType.get(rt);
    if (!watchers) {
      watchers = new Set();
      this.byType.set(rt, watchers);
    }
    watchers.add(watcher);
    if (query.allowBookmarks) this.scheduleBookmark(watcher);
  }

  /** Bookmarks every interval, and one 2 s before the watch times out, as the watch cache sends them. */
  private scheduleBookmark(watcher: Watcher): void {
    const now = Date.now();
    const at = Math.min(
      now + this.settings.bookmarkIntervalMs,
      watcher.deadline - 2000,
    );
    if (at <= now) return;
    const last = at === watcher.deadline - 2000;
    watcher.after(at - now, () => {
      watcher.bookmark(String(this.current()));
      // The one before the timeout is the last: a timer may fire a millisecond early by the wall clock, and must not
      // schedule another.
      if (!last) this.scheduleBookmark(watcher);
    });
  }

  /** Breaks every open watch: `reset` drops the connections, `end` ends the streams cleanly. */
  private all(): Watcher[] {
    return [...this.waiting, ...[...this.byType.values()].flatMap(s => [...s])];
  }

  drop(how: 'reset' | 'end' = 'reset'): number {
    const open = this.all();
    for (const watcher of open) {
      if (how === 'end') watcher.end();
      else watcher.reset();
    }
    return open.length;
  }

  /**
   * Forgets the recorded changes, as etcd's compaction and an API server restart do: the resourceVersion
   * advances (as other writes would advance it) and watches resuming from an earlier one get 410 Gone.
   */
  compact(): void {
    this.history.compact(Number(this.store.nextResourceVersion()));
  }

  list(): OpenWatch[] {
    return this.all().map(w => ({
      path: w.spec.path,
      query: w.spec.search.replace(/^\?/, ''),
      resourceVersion: String(w.seen),
      startedAt: w.startedAt.toISOString(),
    }));
  }
}
