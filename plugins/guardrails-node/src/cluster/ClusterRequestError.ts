import { CustomErrorBase } from '@backstage/errors';

/** The verbs a cluster client performs. @public */
export type ClusterVerb =
  | 'list'
  | 'get'
  | 'create'
  | 'apply'
  | 'patch'
  | 'delete'
  | 'watch'
  | 'discover';

/** What a request was about. @public */
export interface ClusterRequestTarget {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name?: string;
}

/** Details of a failed cluster request. @public */
export interface ClusterRequestFailure {
  cluster: string;
  verb: ClusterVerb;
  target: ClusterRequestTarget;
  /** HTTP status; absent for timeouts, network and client-side errors. */
  status?: number;
  /** Kubernetes `Status.reason` (`Conflict`, `Forbidden`, …), or the kind of failure (`Timeout`, `NetworkError`). */
  reason: string;
  /** The server's or the network's own explanation. */
  detail?: string;
  /** Attempts made, including the first. */
  attempts: number;
  cause?: unknown;
}

/**
 * A request to a cluster failed. The message names the cluster, the verb, the object and the
 * HTTP status with its reason, for example
 * `Cluster 'prod': apply Deployment payments-api-prod/api failed: 409 Conflict (…)`.
 * @public
 */
export class ClusterRequestError extends CustomErrorBase {
  readonly cluster: string;
  readonly verb: ClusterVerb;
  readonly target: ClusterRequestTarget;
  readonly status?: number;
  readonly reason: string;
  readonly detail?: string;
  readonly attempts: number;

  constructor(failure: ClusterRequestFailure) {
    super(formatMessage(failure), failure.cause);
    this.cluster = failure.cluster;
    this.verb = failure.verb;
    this.target = failure.target;
    this.status = failure.status;
    this.reason = failure.reason;
    this.detail = failure.detail;
    this.attempts = failure.attempts;
  }
}

/**
 * A 409 from the cluster: for apply, another field manager owns a field Guardrails sets (apply
 * again with `force` to take it over). Named `ConflictError` so Backstage's error handler answers 409.
 * @public
 */
export class ClusterConflictError extends ClusterRequestError {
  name = 'ConflictError' as const;
}

/** `Deployment ns/name`, `Namespace name`, `Pod in ns`, `Pod in all namespaces`. */
export function describeTarget(
  verb: ClusterVerb,
  target: ClusterRequestTarget,
): string {
  if (verb === 'discover') {
    return `API resources of ${target.apiVersion}`;
  }
  if (target.name === undefined) {
    return `${target.kind} in ${target.namespace ?? 'all namespaces'}`;
  }
  return `${target.kind} ${target.namespace ? `${target.namespace}/` : ''}${
    target.name
  }`;
}

function formatMessage(failure: ClusterRequestFailure): string {
  const what = describeTarget(failure.verb, failure.target);
  const status =
    failure.status === undefined
      ? failure.reason
      : `${failure.status} ${failure.reason}`;
  const detail = failure.detail ? ` (${failure.detail})` : '';
  const attempts =
    failure.attempts > 1 ? ` after ${failure.attempts} attempts` : '';
  return `Cluster '${failure.cluster}': ${
    failure.verb
  } ${what} failed: ${status}${detail}${attempts}${hint(failure)}`;
}

const RBAC_VERBS: Record<ClusterVerb, string> = {
  list: 'list',
  get: 'get',
  create: 'create',
  apply: 'create and patch',
  patch: 'patch',
  delete: 'delete',
  watch: 'watch',
  discover: 'get',
};

function hint(failure: ClusterRequestFailure): string {
  if (failure.status === 401) {
    return `; check serviceAccountToken of cluster '${failure.cluster}' in kubernetes.clusterLocatorMethods`;
  }
  if (failure.reason === 'TLSError') {
    return `; check caData, caFile or skipTLSVerify of cluster '${failure.cluster}' in kubernetes.clusterLocatorMethods`;
  }
  if (failure.status === 403) {
    return `; the cluster's service account needs RBAC ${
      RBAC_VERBS[failure.verb]
    } on ${failure.target.kind}`;
  }
  return '';
}
