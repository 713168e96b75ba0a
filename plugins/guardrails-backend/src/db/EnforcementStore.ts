import type { components } from '../schema/openapi';
import type { AdmissionObject } from '../enforcement/admissionObject';

// The stored records are what the REST API shows, so they take their shape from its spec.
type Schemas = components['schemas'];

/** What a binding does with a failed validation. */
export type ValidationAction = Schemas['ValidationActions'][number];

/** A change an admission sync made to one object. */
export type EnforcementChange = Schemas['EnforcementChange'];

/** An object found edited or deleted by someone else. */
export type EnforcementDrift = Schemas['EnforcementDrift'];

/** The last admission sync of a cluster. */
export type ClusterSync = Schemas['EnforcementSync'] & { cluster: string };

/** A change from the log, with where and when. */
export type LoggedEnforcementChange = Schemas['LoggedEnforcementChange'] & {
  cluster: string;
};

export interface EnvironmentPause {
  environment: string;
  pausedAt: string;
  /** Entity ref of the user, or the service, that paused it. */
  pausedBy: string;
  reason?: string;
}

/** What admission enforcement keeps in the database: shared by every backend replica. */
export interface EnforcementStore {
  /** What the sync last applied to a cluster, by `<kind>/<name>`. */
  appliedObjects(cluster: string): Promise<Map<string, AdmissionObject>>;
  /** Every cluster's applied objects. */
  allAppliedObjects(): Promise<Map<string, AdmissionObject[]>>;
  /** Records objects as applied (replacing earlier records of the same objects). */
  recordApplied(
    cluster: string,
    objects: AdmissionObject[],
    appliedAt: Date,
  ): Promise<void>;
  /** Forgets objects that are gone from the cluster. */
  forgetApplied(cluster: string, keys: string[]): Promise<void>;

  /** Replaces the cluster's last sync and appends its changes to the log. */
  recordSync(sync: ClusterSync): Promise<void>;
  clusterSyncs(): Promise<Map<string, ClusterSync>>;
  /** The latest changes, newest first, at most `limit` per cluster. */
  recentChanges(limit: number): Promise<LoggedEnforcementChange[]>;

  pauses(): Promise<Map<string, EnvironmentPause>>;
  /** Pauses an environment; an environment already paused keeps its pause, which is returned. */
  pause(pause: EnvironmentPause): Promise<EnvironmentPause>;
  /** Resumes an environment; false when it was not paused. */
  resume(environment: string): Promise<boolean>;
}
