import type { AuditEvent } from './admission/auditLog';
import type { OpenWatch } from './watch/WatchHub';

/** Faults injected into every request the simulator serves, for resilience tests and benchmarks. @public */
export interface SimulatorFaults {
  /** Delay added before each response, in milliseconds. */
  latencyMs?: number;
  /** Share of requests (0..1) answered with a 500 InternalError Status. */
  errorRate?: number;
  /**
   * Specific statuses to answer with. A rule matches when its method and path filters match; `count` limits
   * how many requests it answers (unlimited when absent). 429 answers carry a `Retry-After` header.
   */
  statusCodes?: Array<{
    status: number;
    count?: number;
    method?: string;
    pathIncludes?: string;
  }>;
  /**
   * Breaks every watch this many milliseconds after it opens, as a lost connection does (the socket is
   * destroyed; no clean end of the stream). Applies to watches opened while it is set.
   */
  dropWatchesAfterMs?: number;
}

/**
 * How the simulator serves watches. The defaults follow kube-apiserver's watch cache and request timeouts.
 * @public
 */
export interface WatchOptions {
  /**
   * The most changes kept per resource type for watches to resume from (default 102,400). A watch from a
   * resourceVersion older than what is kept gets an ERROR event with 410 Gone.
   */
  historyLimit?: number;
  /** Changes kept per resource type however old they are (default 100). */
  historyMinimum?: number;
  /** Changes younger than this are kept, up to `historyLimit` (default 75,000 ms). */
  historyFreshMs?: number;
  /** Interval between BOOKMARK events on watches that allow them (default 60,000 ms). */
  bookmarkIntervalMs?: number;
  /**
   * Watches without `timeoutSeconds` end after a random time between one and two times this (default 1,800 s,
   * kube-apiserver's `--min-request-timeout`).
   */
  minRequestTimeoutSeconds?: number;
}

/** A bearer token and what it may do. @public */
export interface TokenRule {
  token: string;
  /** Allowed verbs among get, list, watch, create, update, patch, delete (deletecollection counts as delete). All when absent. */
  verbs?: string[];
  /** Namespaces the token may act in. All, including cluster-scoped resources, when absent. */
  namespaces?: string[];
}

/** Options of {@link startKubeSimulator}. @public */
export interface KubeSimulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
  /** Cluster name, shown in `/version` and log lines. */
  name?: string;
  /** Seed files (multi-document YAML) loaded in order at start. */
  seed?: string | string[];
  /** Seed objects given directly, loaded after the seed files. */
  objects?: object[];
  /** When set, every request needs one of these bearer tokens (401 otherwise; 403 outside its allow list). */
  tokens?: Array<string | TokenRule>;
  /** Faults injected from the start; change them later with `setFaults`. */
  faults?: SimulatorFaults;
  /** How watches are served: the window of changes they resume from, bookmarks, timeouts. */
  watch?: WatchOptions;
}

/** A running simulated cluster. @public */
export interface KubeSimulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly name: string;
  /** Replaces the injected faults; `undefined` removes them. */
  setFaults(faults: SimulatorFaults | undefined): void;
  /** Count of requests served, by method and path (without query), for tests and benchmarks that count round trips. */
  readonly requests: {
    total: number;
    byMethod: Record<string, number>;
    /** Response bytes: bodies, and watch events as they are written. */
    bytes: number;
    /** `watch` is set on the requests that opened a watch. */
    log: Array<{ method: string; path: string; status: number; watch?: true }>;
  };
  resetRequestLog(): void;
  /** The watches open now (a watch counts as one request in `requests`, when it opens). */
  openWatches(): OpenWatch[];
  /**
   * Breaks every open watch now and returns how many there were: `reset` (the default) destroys the
   * connections as a network failure does, `end` ends the streams cleanly as a timeout or a restarting API
   * server does. Clients resume from the last resourceVersion they saw.
   */
  dropWatches(how?: 'reset' | 'end'): number;
  /**
   * Forgets the changes watches resume from, as etcd compaction or an API server restart does: the
   * resourceVersion advances, and a watch from any earlier resourceVersion gets an ERROR event with 410 Gone
   * (clients then list again). Open watches go on.
   */
  compactHistory(): void;
  /**
   * Audit events of requests that ValidatingAdmissionPolicy admission annotated (`Audit` failures and
   * `auditAnnotations`), oldest first; also served at `GET /kube-simulator/audit`.
   */
  auditEvents(): AuditEvent[];
  /** Empties the audit log (also `DELETE /kube-simulator/audit`). */
  resetAuditLog(): void;
  /** Direct store access for tests (no HTTP). Objects carry apiVersion and kind. */
  listObjects(apiVersion: string, kind: string, namespace?: string): object[];
  close(): Promise<void>;
}
