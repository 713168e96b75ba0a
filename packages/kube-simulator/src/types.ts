import type { AuditEvent } from './admission/auditLog';

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
}

/** A bearer token and what it may do. @public */
export interface TokenRule {
  token: string;
  /** Allowed verbs among get, list, create, update, patch, delete (deletecollection counts as delete). All when absent. */
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
    log: Array<{ method: string; path: string; status: number }>;
  };
  resetRequestLog(): void;
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
