import { ServerResponse } from 'node:http';
import { ResourceType } from '../api/resources';
import { ApiError } from '../api/status';
import { toTable } from '../server/table';
import { KubeObject } from '../store/objects';
import { StoreChange } from '../store/ObjectStore';
import { bookmarkEvent, eventFor, WatchEvent } from './watchEvents';
import { WatchQuery } from './watchQuery';

/** What a watch request asks for. */
export interface WatchSpec {
  rt: ResourceType;
  /** Only objects of this namespace; all namespaces when undefined. */
  namespace?: string;
  /** The request's label and field selectors. */
  matches: (obj: Readonly<KubeObject>) => boolean;
  query: WatchQuery;
  /** Set when the client asked for `meta.k8s.io` Tables (kubectl get --watch); `includeObject` as for lists. */
  table?: { includeObject: string | null };
  /** The objects of the initial state, when the watch sends it (key order, selectors applied). */
  initialState: () => Array<Readonly<KubeObject>>;
  /** The request path and query, for `openWatches()`. */
  path: string;
  search: string;
}

/**
 * Live events a client may leave unread (its socket not draining) before the watch is closed, as the API server
 * closes watchers whose buffer stays full rather than holding events for them without bound.
 */
const MAX_UNREAD_EVENTS = 1000;

/** One open watch stream: events written as JSON lines to a chunked HTTP response. */
export class Watcher {
  readonly startedAt = new Date();
  /** When the watch times out (ms since the epoch). */
  deadline = Infinity;
  /** Events up to this resourceVersion have been sent or skipped. */
  seen = 0;
  private tableHeadersSent = false;
  private unread = 0;
  private closed = false;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    readonly spec: WatchSpec,
    private readonly res: ServerResponse,
    private readonly onBytes: (bytes: number) => void,
    private readonly onClosed: (watcher: Watcher) => void,
  ) {
    res.on('drain', () => {
      this.unread = 0;
    });
    res.on('close', () => this.finish());
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Runs `action` after `ms` unless the watch has ended by then. */
  after(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      if (!this.closed) action();
    }, Math.max(0, ms));
    timer.unref();
    this.timers.push(timer);
  }

  private belongs(change: StoreChange): boolean {
    const obj = change.object ?? change.previous;
    return (
      change.rt === this.spec.rt &&
      (this.spec.namespace === undefined ||
        obj?.metadata.namespace === this.spec.namespace)
    );
  }

  /** Sends what this watcher sees of a change; `live` changes count against an unread client. */
  deliver(change: StoreChange, live: boolean): void {
    if (change.resourceVersion <= this.seen) return;
    this.seen = change.resourceVersion;
    if (!this.belongs(change)) return;
    const event = eventFor(change, this.spec.matches);
    if (!event) return;
    this.write(event);
    if (live && this.res.writableNeedDrain && ++this.unread > MAX_UNREAD_EVENTS)
      this.reset();
  }

  /** The current state as ADDED events. */
  sendState(
    objects: Array<Readonly<KubeObject>>,
    resourceVersion: number,
  ): void {
    for (const object of objects) this.write({ type: 'ADDED', object });
    this.seen = resourceVersion;
  }

  bookmark(resourceVersion: string, initialEventsEnd = false): void {
    this.write(bookmarkEvent(this.spec.rt, resourceVersion, initialEventsEnd));
  }

  /** An ERROR event carrying the Status, then the end of the stream, as the API server ends a failed watch. */
  fail(error: ApiError): void {
    this.write({ type: 'ERROR', object: error.toStatus() });
    this.end();
  }

  /** Ends the stream cleanly (the chunked response's last chunk). */
  end(): void {
    if (this.closed) return;
    this.res.end();
    this.finish();
  }

  /** Breaks the connection without ending the response, as a network failure or a lost API server does. */
  reset(): void {
    if (this.closed) return;
    this.res.destroy();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.onClosed(this);
  }

  private write(event: WatchEvent): void {
    if (this.closed) return;
    const line = `${JSON.stringify(this.encode(event))}\n`;
    this.res.write(line);
    this.onBytes(Buffer.byteLength(line));
  }

  /** Tables have one row per event and column definitions on the first only, as the API server sends them. */
  private encode(event: WatchEvent): WatchEvent {
    const { table } = this.spec;
    if (!table || event.type === 'ERROR' || event.type === 'BOOKMARK')
      return event;
    const obj = event.object as KubeObject;
    const converted = toTable(
      this.spec.rt,
      [obj],
      { resourceVersion: obj.metadata.resourceVersion },
      table.includeObject,
    );
    if (this.tableHeadersSent) converted.columnDefinitions = null;
    this.tableHeadersSent = true;
    return { type: event.type, object: converted };
  }
}
