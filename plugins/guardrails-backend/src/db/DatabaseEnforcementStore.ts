import type { AdmissionObject } from '../enforcement/admissionObject';
import { Knex } from 'knex';
import { MAX_ROWS_PER_STATEMENT } from './chunks';
import type {
  ClusterSync,
  EnforcementStore,
  EnvironmentPause,
  LoggedEnforcementChange,
} from './EnforcementStore';
import { toTimestamp } from './timestamps';

const OBJECTS_TABLE = 'guardrail_enforcement_objects';
const SYNCS_TABLE = 'guardrail_enforcement_syncs';
const CHANGES_TABLE = 'guardrail_enforcement_changes';
const PAUSES_TABLE = 'guardrail_enforcement_pauses';
/** Changes kept per cluster in the log. */
const KEPT_CHANGES = 200;

interface ObjectRow {
  cluster: string;
  object_key: string;
  object_json: string;
  applied_at: string;
}

interface SyncRow {
  cluster: string;
  synced_at: string;
  result: 'ok' | 'failed';
  reason: string | null;
  changes_json: string;
  drift_json: string;
}

interface ChangeRow {
  cluster: string;
  changed_at: string;
  kind: string;
  name: string;
  guardrail: string | null;
  environment: string | null;
  change: LoggedEnforcementChange['change'];
  drift: LoggedEnforcementChange['drift'] | null;
  old_actions: string | null;
  new_actions: string | null;
}

interface PauseRow {
  environment: string;
  paused_at: string;
  paused_by: string;
  reason: string | null;
}

/**
 * Admission enforcement's tables on the plugin's database (the migrations are applied with the rest of the
 * store's). Each cluster's sync runs on one replica at a time, so its rows have one writer.
 */
export class DatabaseEnforcementStore implements EnforcementStore {
  constructor(private readonly db: Knex) {}

  async appliedObjects(cluster: string): Promise<Map<string, AdmissionObject>> {
    const rows = await this.db<ObjectRow>(OBJECTS_TABLE)
      .where({ cluster })
      .select();
    return new Map(
      rows.map(row => [row.object_key, JSON.parse(row.object_json)]),
    );
  }

  async allAppliedObjects(): Promise<Map<string, AdmissionObject[]>> {
    const rows = await this.db<ObjectRow>(OBJECTS_TABLE)
      .select()
      .orderBy(['cluster', 'object_key']);
    const byCluster = new Map<string, AdmissionObject[]>();
    for (const row of rows) {
      const objects = byCluster.get(row.cluster) ?? [];
      objects.push(JSON.parse(row.object_json));
      byCluster.set(row.cluster, objects);
    }
    return byCluster;
  }

  async recordApplied(
    cluster: string,
    objects: AdmissionObject[],
    appliedAt: Date,
  ): Promise<void> {
    const applied_at = toTimestamp(appliedAt, 'appliedAt');
    const rows: ObjectRow[] = objects.map(object => ({
      cluster,
      object_key: `${object.kind}/${object.metadata.name}`,
      object_json: JSON.stringify(object),
      applied_at,
    }));
    for (let i = 0; i < rows.length; i += MAX_ROWS_PER_STATEMENT) {
      await this.db(OBJECTS_TABLE)
        .insert(rows.slice(i, i + MAX_ROWS_PER_STATEMENT))
        .onConflict(['cluster', 'object_key'])
        .merge(['object_json', 'applied_at']);
    }
  }

  async forgetApplied(cluster: string, keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += MAX_ROWS_PER_STATEMENT) {
      await this.db(OBJECTS_TABLE)
        .where({ cluster })
        .whereIn('object_key', keys.slice(i, i + MAX_ROWS_PER_STATEMENT))
        .delete();
    }
  }

  async recordSync(sync: ClusterSync): Promise<void> {
    const syncedAt = toTimestamp(new Date(sync.syncedAt), 'syncedAt');
    const row: SyncRow = {
      cluster: sync.cluster,
      synced_at: syncedAt,
      result: sync.result,
      reason: sync.reason ?? null,
      changes_json: JSON.stringify(sync.changes),
      drift_json: JSON.stringify(sync.drift),
    };
    const changes: ChangeRow[] = sync.changes.map(change => ({
      cluster: sync.cluster,
      changed_at: syncedAt,
      kind: change.kind,
      name: change.name,
      guardrail: change.guardrail ?? null,
      environment: change.environment ?? null,
      change: change.change,
      drift: change.drift ?? null,
      old_actions: change.oldActions ? JSON.stringify(change.oldActions) : null,
      new_actions: change.newActions ? JSON.stringify(change.newActions) : null,
    }));
    await this.db.transaction(async trx => {
      await trx(SYNCS_TABLE).insert(row).onConflict('cluster').merge();
      if (changes.length === 0) return;
      for (let i = 0; i < changes.length; i += MAX_ROWS_PER_STATEMENT) {
        await trx(CHANGES_TABLE).insert(
          changes.slice(i, i + MAX_ROWS_PER_STATEMENT),
        );
      }
      const kept = trx(CHANGES_TABLE)
        .where({ cluster: sync.cluster })
        .orderBy('id', 'desc')
        .limit(KEPT_CHANGES)
        .select('id');
      // A derived table: both databases refuse a LIMIT subquery directly under NOT IN on the table being deleted from.
      await trx(CHANGES_TABLE)
        .where({ cluster: sync.cluster })
        .whereNotIn('id', trx.select('id').from(kept.as('kept')))
        .delete();
    });
  }

  async clusterSyncs(): Promise<Map<string, ClusterSync>> {
    const rows = await this.db<SyncRow>(SYNCS_TABLE).select();
    return new Map(rows.map(row => [row.cluster, fromSyncRow(row)]));
  }

  async recentChanges(limit: number): Promise<LoggedEnforcementChange[]> {
    const rows = await this.db<ChangeRow & { id: number }>(CHANGES_TABLE)
      .select()
      .orderBy('id', 'desc');
    const perCluster = new Map<string, number>();
    return rows
      .filter(row => {
        const seen = perCluster.get(row.cluster) ?? 0;
        perCluster.set(row.cluster, seen + 1);
        return seen < limit;
      })
      .map(row => ({
        cluster: row.cluster,
        changedAt: row.changed_at,
        kind: row.kind,
        name: row.name,
        ...(row.guardrail ? { guardrail: row.guardrail } : {}),
        ...(row.environment ? { environment: row.environment } : {}),
        change: row.change,
        ...(row.drift ? { drift: row.drift } : {}),
        ...(row.old_actions ? { oldActions: JSON.parse(row.old_actions) } : {}),
        ...(row.new_actions ? { newActions: JSON.parse(row.new_actions) } : {}),
      }));
  }

  async pauses(): Promise<Map<string, EnvironmentPause>> {
    const rows = await this.db<PauseRow>(PAUSES_TABLE).select();
    return new Map(rows.map(row => [row.environment, fromPauseRow(row)]));
  }

  async pause(pause: EnvironmentPause): Promise<EnvironmentPause> {
    // Ignoring a conflict keeps the first pause when two replicas or two people pause at once.
    await this.db<PauseRow>(PAUSES_TABLE)
      .insert({
        environment: pause.environment,
        paused_at: toTimestamp(new Date(pause.pausedAt), 'pausedAt'),
        paused_by: pause.pausedBy,
        reason: pause.reason ?? null,
      })
      .onConflict('environment')
      .ignore();
    const [row] = await this.db<PauseRow>(PAUSES_TABLE)
      .where({ environment: pause.environment })
      .select();
    return fromPauseRow(row);
  }

  async resume(environment: string): Promise<boolean> {
    const deleted = await this.db(PAUSES_TABLE).where({ environment }).delete();
    return deleted > 0;
  }
}

function fromPauseRow(row: PauseRow): EnvironmentPause {
  return {
    environment: row.environment,
    pausedAt: row.paused_at,
    pausedBy: row.paused_by,
    ...(row.reason ? { reason: row.reason } : {}),
  };
}

function fromSyncRow(row: SyncRow): ClusterSync {
  return {
    cluster: row.cluster,
    syncedAt: row.synced_at,
    result: row.result,
    ...(row.reason ? { reason: row.reason } : {}),
    changes: JSON.parse(row.changes_json),
    drift: JSON.parse(row.drift_json),
  };
}
