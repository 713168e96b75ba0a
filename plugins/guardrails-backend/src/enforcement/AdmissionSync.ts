import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { UnresolvedExemption } from '@guardrails-dev/plugin-guardrails-engine';
import {
  ClusterAccess,
  ClusterClient,
  redactAddresses,
} from '@guardrails-dev/plugin-guardrails-node';
import type {
  ClusterSync,
  EnforcementChange,
  EnforcementStore,
} from '../db/EnforcementStore';
import { AdmissionExports } from './admissionExports';
import { AdmissionObject, admissionObjects } from './admissionObject';
import { EnforcementClock } from './clock';
import { ClusterTarget } from './clusterTargets';
import {
  ADMISSION_API_VERSION,
  BINDING_KIND,
  desiredObjects,
  environmentOf,
  POLICY_KIND,
} from './desiredObjects';
import { recordChangeEvent } from './changeEvents';
import {
  isManaged,
  objectKey,
  PlannedChange,
  planSync,
  SyncPlan,
} from './planSync';

/** The client's object type: enforcement's objects are plain JSON it accepts as they are. */
type Applied = Parameters<ClusterClient['apply']>[0];

export interface AdmissionSyncOptions {
  exports: AdmissionExports;
  clusterAccess: Pick<ClusterAccess, 'forCluster'>;
  store: EnforcementStore;
  auditor: AuditorService;
  logger: LoggerService;
  clock: EnforcementClock;
}

/** What a cluster should change, read from the cluster without writing to it. */
export interface ClusterPlan {
  at: Date;
  plan: SyncPlan;
  /** Every managed object the cluster holds, by `<kind>/<name>`. */
  managed: Set<string>;
  /** What the suite last applied, by `<kind>/<name>`. */
  applied: ReadonlyMap<string, AdmissionObject>;
  /** Active exemptions that admission does not honour in this cluster, and why. */
  unresolvedExemptions: UnresolvedExemption[];
}

/**
 * Keeps one cluster's ValidatingAdmissionPolicies and bindings as the pack's rollout says they should be now: two
 * lists, then a server-side apply or delete for each object that differs, nothing when nothing does.
 */
export class AdmissionSync {
  /** The unresolved exemptions last logged per cluster, so each set is logged once, not at every sync. */
  private readonly logged = new Map<string, string>();

  constructor(private readonly options: AdmissionSyncOptions) {}

  /** Reads the cluster and compares it with what it should hold; throws when the cluster cannot be read. */
  async plan(target: ClusterTarget): Promise<ClusterPlan> {
    const { store, clock, exports } = this.options;
    const at = clock.now();
    const [pauses, exported] = await Promise.all([
      store.pauses(),
      exports.export(target.cluster, target.syncing, at),
    ]);
    const desired = desiredObjects(
      exported,
      new Set(target.syncing.filter(e => pauses.has(e))),
    );
    const client = this.options.clusterAccess.forCluster(target.cluster);
    const [policies, bindings, applied] = await Promise.all([
      client.listAll(ADMISSION_API_VERSION, POLICY_KIND),
      client.listAll(ADMISSION_API_VERSION, BINDING_KIND),
      store.appliedObjects(target.cluster),
    ]);
    const actual = admissionObjects([...policies, ...bindings]);
    const someOff = target.syncing.length < target.environments.length;
    const plan = planSync({
      desired,
      actual,
      applied,
      // Environments left to GitOps may hold the CLI's export, labelled like the suite's own objects.
      keep: object =>
        object.kind === POLICY_KIND
          ? someOff
          : target.environments.includes(environmentOf(object) ?? '') &&
            !target.syncing.includes(environmentOf(object) ?? ''),
    });
    const managed = new Set(
      actual
        .filter(isManaged)
        .map(o => objectKey({ kind: o.kind, name: o.metadata.name })),
    );
    return {
      at,
      plan,
      managed,
      applied,
      unresolvedExemptions: exported.unresolvedExemptions,
    };
  }

  /** Syncs a cluster and records the outcome; never throws for the cluster's failures. */
  async sync(target: ClusterTarget): Promise<ClusterSync> {
    const { logger, clock } = this.options;
    let planned: ClusterPlan;
    try {
      planned = await this.plan(target);
    } catch (error) {
      logger.warn(
        `Admission sync of cluster '${target.cluster}' failed: ${error}`,
      );
      return this.record(target, clock.now(), [], [], reasonOf(error));
    }
    const { plan, at } = planned;
    this.logUnresolved(target.cluster, planned.unresolvedExemptions);
    const made: EnforcementChange[] = [];
    let failure: string | undefined;
    for (const change of plan.changes) {
      try {
        await this.execute(target.cluster, change, at);
      } catch (error) {
        await recordChangeEvent(
          this.options.auditor,
          target.cluster,
          change,
          error,
        );
        logger.warn(
          `Admission sync of cluster '${target.cluster}' failed: ${error}`,
        );
        // The rest waits for the next sync: what is in place stays in force, and nothing more is deleted.
        failure = reasonOf(error);
        break;
      }
      made.push(summarize(change));
      await recordChangeEvent(this.options.auditor, target.cluster, change);
    }
    await this.recordInPlace(target.cluster, planned);
    if (!failure && plan.unmanaged.length > 0) {
      failure = plan.unmanaged
        .map(
          u =>
            `${u.kind} ${u.name} exists without the label app.kubernetes.io/managed-by=backstage-guardrails and is left alone; delete or rename it so the suite can apply its own`,
        )
        .join('; ');
    }
    const drift = plan.changes
      .filter(c => c.drift)
      .map(c => ({
        kind: c.kind,
        name: c.name,
        drift: c.drift!,
        fields: c.fields,
      }));
    return this.record(target, at, made, drift, failure);
  }

  private logUnresolved(cluster: string, unresolved: UnresolvedExemption[]) {
    const key = JSON.stringify(unresolved);
    if (this.logged.get(cluster) === key) return;
    this.logged.set(cluster, key);
    for (const { exemption, reason } of unresolved) {
      this.options.logger.warn(
        `Admission in cluster '${cluster}' does not honour exemption '${exemption}': ${reason}`,
      );
    }
  }

  private async execute(cluster: string, change: PlannedChange, at: Date) {
    const client = this.options.clusterAccess.forCluster(cluster);
    if (change.change === 'delete') {
      await client.delete(ADMISSION_API_VERSION, change.kind, change.name);
      await this.options.store.forgetApplied(cluster, [objectKey(change)]);
      return;
    }
    // Force: the objects are the suite's (managed-by label), so a hand edit's field ownership does not stop the restore.
    await client.apply(change.desired as unknown as Applied, {
      force: true,
      current: change.current as unknown as Applied | null,
    });
    await this.options.store.recordApplied(cluster, [change.desired!], at);
  }

  /** Keeps the record of what is applied in step with objects that needed no write, and drops records of objects gone. */
  private async recordInPlace(
    cluster: string,
    { plan, at, managed, applied }: ClusterPlan,
  ) {
    const { store } = this.options;
    const stale = plan.inPlace.filter(object => {
      const last = applied.get(
        objectKey({ kind: object.kind, name: object.metadata.name }),
      );
      return !last || JSON.stringify(last) !== JSON.stringify(object);
    });
    if (stale.length > 0) await store.recordApplied(cluster, stale, at);
    const gone = [...applied.keys()].filter(
      key => !managed.has(key) && !plan.changes.some(c => objectKey(c) === key),
    );
    if (gone.length > 0) await store.forgetApplied(cluster, gone);
  }

  private async record(
    target: ClusterTarget,
    at: Date,
    changes: EnforcementChange[],
    drift: ClusterSync['drift'],
    failure?: string,
  ): Promise<ClusterSync> {
    const sync: ClusterSync = {
      cluster: target.cluster,
      syncedAt: at.toISOString(),
      result: failure ? 'failed' : 'ok',
      ...(failure ? { reason: failure } : {}),
      changes,
      drift,
    };
    await this.options.store.recordSync(sync);
    return sync;
  }
}

function summarize(change: PlannedChange): EnforcementChange {
  const {
    desired: _desired,
    current: _current,
    fields: _fields,
    ...rest
  } = change;
  return rest;
}

/** The failure as people may see it: the cluster's name, never its address. */
export function reasonOf(error: unknown): string {
  return redactAddresses(
    error instanceof Error ? error.message : String(error),
  );
}
