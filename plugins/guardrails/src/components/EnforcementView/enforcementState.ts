import type {
  ApiClusterEnforcement,
  ApiEnforcementEnvironment,
  ApiEnforcementState,
  ApiValidationActions,
} from '@guardrails-dev/plugin-guardrails-common';
import { formatDateTime, formatRelative } from '../../domain/time';

/** How a cluster's admission objects stand; only `in-sync` reads as OK. */
export type ClusterStatusKind =
  | 'in-sync'
  | 'failing'
  | 'stale'
  | 'never-synced'
  | 'off';

export interface ClusterStatusView {
  kind: ClusterStatusKind;
  label: string;
  /** Why, when the status is anything but in sync. */
  detail?: string;
}

function lastSyncAge(cluster: ApiClusterEnforcement, now: Date) {
  return cluster.lastSync
    ? `the last sync was ${formatRelative(
        cluster.lastSync.syncedAt,
        now,
      )} (${formatDateTime(cluster.lastSync.syncedAt)})`
    : 'no sync has completed';
}

/**
 * A cluster's enforcement status. A cluster never synced, failing or stale says so with the reason; an answer this
 * view does not know is shown as unknown, never as in sync.
 */
export function clusterStatus(
  cluster: ApiClusterEnforcement,
  now: Date,
): ClusterStatusView {
  if (cluster.status === 'off') {
    return {
      kind: 'off',
      label: 'Off (GitOps)',
      detail:
        cluster.reason ??
        'Enforcement is off here: admission is left to GitOps',
    };
  }
  if (cluster.status === 'failed') {
    const reason =
      cluster.reason ?? cluster.lastSync?.reason ?? 'no reason was given';
    return {
      kind: 'failing',
      label: 'Failing',
      detail: `The last sync failed: ${reason}. The policies in place stay in force until a sync succeeds${
        cluster.stale ? `; ${lastSyncAge(cluster, now)}` : ''
      }.`,
    };
  }
  if (cluster.status === 'ok' && cluster.stale) {
    return {
      kind: 'stale',
      label: 'Stale',
      detail: `No recent sync: ${lastSyncAge(
        cluster,
        now,
      )}, more than three sync intervals ago, so the cluster may have changed since.`,
    };
  }
  if (cluster.status === 'ok') {
    return { kind: 'in-sync', label: 'In sync' };
  }
  return {
    kind: 'never-synced',
    label: 'Unknown',
    detail: `${
      cluster.reason ?? 'Not synced yet'
    }: what this cluster enforces is unknown until a sync succeeds.`,
  };
}

/** Whether an environment's pause is in force in a cluster, requested and waiting for a sync, or neither. */
export type PauseState =
  | 'active'
  | 'paused'
  | 'pause-pending'
  | 'resume-pending';

/**
 * An environment's pause as a cluster has it: the pause is stored at once, and a cluster applies it (bindings
 * audit only) at its next successful sync.
 */
export function pauseState(
  environment: ApiEnforcementEnvironment,
  cluster: ApiClusterEnforcement,
): PauseState {
  const bindings = cluster.enforced.filter(
    b => b.environment === environment.environment,
  );
  if (!environment.paused) {
    return bindings.some(b => b.paused) ? 'resume-pending' : 'active';
  }
  if (bindings.length > 0) {
    return bindings.every(b => b.paused) ? 'paused' : 'pause-pending';
  }
  // Nothing in force to pause: applied once a sync has succeeded since the pause.
  const sync = cluster.lastSync;
  const synced =
    sync?.result === 'ok' &&
    (!environment.pausedAt ||
      new Date(sync.syncedAt).getTime() >=
        new Date(environment.pausedAt).getTime());
  return synced ? 'paused' : 'pause-pending';
}

/** A section of the view: environments served by the same clusters, with those clusters. */
export interface EnvironmentGroup {
  key: string;
  environments: ApiEnforcementEnvironment[];
  clusters: ApiClusterEnforcement[];
}

/**
 * Clusters grouped by the environments they serve, in the order of the configured environments, so that each cluster
 * shows once; an environment without a cluster has a group of its own.
 */
export function environmentGroups(
  state: ApiEnforcementState,
): EnvironmentGroup[] {
  const known = new Map(state.environments.map(e => [e.environment, e]));
  const environmentOf = (
    name: string,
    cluster?: ApiClusterEnforcement,
  ): ApiEnforcementEnvironment =>
    known.get(name) ?? {
      environment: name,
      mode: cluster?.syncing.includes(name) ? 'sync' : 'off',
      paused: false,
    };
  const order = state.environments.map(e => e.environment);
  const rank = (name: string) =>
    order.includes(name) ? order.indexOf(name) : order.length;
  const groups = new Map<string, EnvironmentGroup>();
  for (const cluster of state.clusters) {
    const names = [...cluster.environments].sort((a, b) => rank(a) - rank(b));
    const key = names.join(',');
    const group = groups.get(key) ?? {
      key,
      environments: names.map(name => environmentOf(name, cluster)),
      clusters: [],
    };
    group.clusters.push(cluster);
    groups.set(key, group);
  }
  const served = new Set(state.clusters.flatMap(c => c.environments));
  for (const environment of state.environments) {
    if (!served.has(environment.environment)) {
      groups.set(environment.environment, {
        key: environment.environment,
        environments: [environment],
        clusters: [],
      });
    }
  }
  const first = (g: EnvironmentGroup) =>
    Math.min(...g.environments.map(e => rank(e.environment)));
  return [...groups.values()].sort((a, b) => first(a) - first(b));
}

/** `Warn, Audit`, or `none` for a binding without actions. */
export function formatActions(actions: ApiValidationActions | undefined) {
  return actions && actions.length > 0 ? actions.join(', ') : 'none';
}
