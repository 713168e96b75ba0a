import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { insertInChunks, MAX_PARAMETERS_PER_STATEMENT } from './chunks';
import { parseClusterAudit, parseClusterFailure } from './clusterAuditInput';
import type { ClusterAuditStore } from './GuardrailsStore';
import { laterOf, planResultChanges } from './resultChanges';
import { namespaceChunks, ScopeFilter, scopeFilters } from './scopeFilters';
import { parseScopeReplacement } from './scopeInput';
import {
  CLUSTERS_TABLE,
  ClusterRow,
  compareText,
  fromNamespaceRow,
  PROVISIONED_NAMESPACES_TABLE,
  ProvisionedNamespaceRow,
  RESULTS_TABLE,
  ResultRow,
} from './rows';
import type {
  ClusterAuditStatus,
  MarkClusterFailedInput,
  ProvisionedNamespace,
  ReplaceClusterResultsInput,
  ReplaceClusterResultsOutcome,
  ReplaceScopeResultsInput,
} from './types';

/** The columns that identify a result within its cluster. */
const KEY_COLUMNS = [
  'source',
  'guardrail',
  'api_version',
  'kind',
  'namespace',
  'name',
] as const;
const MAX_KEYS_PER_DELETE = Math.floor(
  MAX_PARAMETERS_PER_STATEMENT / KEY_COLUMNS.length,
);

async function deleteResults(
  trx: Knex.Transaction,
  cluster: string,
  rows: ResultRow[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += MAX_KEYS_PER_DELETE) {
    const keys = rows
      .slice(start, start + MAX_KEYS_PER_DELETE)
      .map(row => KEY_COLUMNS.map(column => row[column]));
    await trx(RESULTS_TABLE)
      .where({ cluster })
      .whereIn([...KEY_COLUMNS], keys)
      .delete();
  }
}

/** The results, cluster audit and provisioned namespaces tables, written together by each cluster's audit. */
export class DatabaseClusterAuditStore implements ClusterAuditStore {
  constructor(
    private readonly db: Knex,
    private readonly logger?: LoggerService,
  ) {}

  async replaceClusterResults(
    input: ReplaceClusterResultsInput,
  ): Promise<ReplaceClusterResultsOutcome> {
    const audit = parseClusterAudit(input);
    const { cluster, environment, auditedAt, sources } = audit;

    const outcome = await this.db.transaction(async trx => {
      // Taking the cluster's row first serializes concurrent replacements of one cluster on PostgreSQL.
      const status = await this.lockCluster(trx, cluster, environment);

      let replaced = [...sources.exact];
      if (sources.hasFamilies) {
        const stored = await trx<ResultRow>(RESULTS_TABLE)
          .distinct('source')
          .where({ cluster });
        replaced = [
          ...new Set([
            ...replaced,
            ...stored.map(r => r.source).filter(s => sources.includes(s)),
          ]),
        ];
      }
      // Whole rows, so that unchanged results need no rewrite.
      const existing: ResultRow[] =
        replaced.length === 0
          ? []
          : await trx<ResultRow>(RESULTS_TABLE)
              .select()
              .where({ cluster })
              .whereIn('source', replaced);
      const changes = planResultChanges(existing, audit.incoming, audit);

      // Changed and resolved results go, every remaining (unchanged) one is seen now, new and changed ones come in.
      await deleteResults(trx, cluster, changes.toDelete);
      if (replaced.length > 0 && changes.kept > 0) {
        await trx(RESULTS_TABLE)
          .where({ cluster })
          .whereIn('source', replaced)
          .update({ last_seen: auditedAt });
      }
      await insertInChunks(trx, RESULTS_TABLE, changes.toInsert);
      if (audit.namespaceRows) {
        await trx(PROVISIONED_NAMESPACES_TABLE).where({ cluster }).delete();
        await insertInChunks(
          trx,
          PROVISIONED_NAMESPACES_TABLE,
          audit.namespaceRows,
        );
      }
      await trx<ClusterRow>(CLUSTERS_TABLE)
        .where({ cluster })
        .update({
          environment,
          last_success_at: laterOf(status.last_success_at, auditedAt),
        });

      const { added, kept, removed } = changes;
      return { added, kept, removed };
    });
    this.logger?.debug(
      `Stored results of cluster ${cluster} (${sources.describe()}) audited at ${auditedAt}: ` +
        `${outcome.added} added, ${outcome.kept} kept, ${outcome.removed} removed`,
    );
    return outcome;
  }

  async replaceScopeResults(
    input: ReplaceScopeResultsInput,
  ): Promise<ReplaceClusterResultsOutcome> {
    const scope = parseScopeReplacement(input);
    const { cluster, environment, evaluatedAt, sources } = scope;
    if (scope.namespaces.length === 0 && scope.clusterObjects.length === 0) {
      return { added: 0, kept: 0, removed: 0 };
    }
    // Each statement also binds the cluster, the sources and the new last_seen.
    const filters = scopeFilters(scope, sources.length + 2);
    const inScope = (trx: Knex.Transaction, filter: ScopeFilter) =>
      trx<ResultRow>(RESULTS_TABLE)
        .where({ cluster })
        .whereIn('source', sources)
        .where(filter);

    const outcome = await this.db.transaction(async trx => {
      // The same lock as a whole-cluster replacement, so the two never interleave on one cluster.
      const status = await this.lockCluster(trx, cluster, environment);

      const existing: ResultRow[] = [];
      for (const filter of filters) {
        existing.push(...(await inScope(trx, filter).select()));
      }
      const changes = planResultChanges(existing, scope.incoming, {
        cluster,
        auditedAt: evaluatedAt,
      });

      await deleteResults(trx, cluster, changes.toDelete);
      if (changes.kept > 0) {
        // Before the inserts, so that only the kept rows in scope are rewritten.
        for (const filter of filters) {
          await inScope(trx, filter).update({ last_seen: evaluatedAt });
        }
      }
      await insertInChunks(trx, RESULTS_TABLE, changes.toInsert);

      for (const names of namespaceChunks(scope.namespaces, 1)) {
        await trx(PROVISIONED_NAMESPACES_TABLE)
          .where({ cluster })
          .whereIn('namespace', names)
          .delete();
      }
      await insertInChunks(
        trx,
        PROVISIONED_NAMESPACES_TABLE,
        scope.namespaceRows,
      );

      await trx<ClusterRow>(CLUSTERS_TABLE)
        .where({ cluster })
        .update({
          environment,
          last_success_at: laterOf(status.last_success_at, evaluatedAt),
        });

      const { added, kept, removed } = changes;
      return { added, kept, removed };
    });
    const scopes = `${scope.namespaces.length} namespaces and ${scope.clusterObjects.length} cluster objects`;
    const replaced = sources.join(', ');
    this.logger?.debug(
      `Stored results of ${scopes} of cluster ${cluster} (${replaced}) evaluated at ${evaluatedAt}: ` +
        `${outcome.added} added, ${outcome.kept} kept, ${outcome.removed} removed`,
    );
    return outcome;
  }

  async markClusterFailed(input: MarkClusterFailedInput): Promise<void> {
    const { cluster, environment, failedAt, error } =
      parseClusterFailure(input);
    await this.db.transaction(async trx => {
      const status = await this.lockCluster(trx, cluster, environment);
      // A failure reported out of order must not hide a more recent one.
      if (
        status.last_failure_at !== null &&
        status.last_failure_at > failedAt
      ) {
        return;
      }
      await trx<ClusterRow>(CLUSTERS_TABLE)
        .where({ cluster })
        .update({
          environment,
          last_failure_at: failedAt,
          last_error: error || 'unknown error',
        });
    });
  }

  async clusterStatuses(): Promise<ClusterAuditStatus[]> {
    const rows = await this.db<ClusterRow>(CLUSTERS_TABLE).select();
    return rows
      .sort((a, b) => compareText(a.cluster, b.cluster))
      .map(row => ({
        cluster: row.cluster,
        environment: row.environment,
        ...(row.last_success_at ? { lastSuccessAt: row.last_success_at } : {}),
        ...(row.last_failure_at ? { lastFailureAt: row.last_failure_at } : {}),
        ...(row.last_error !== null ? { lastError: row.last_error } : {}),
        // A failure at the same instant as a success counts: stale is the safe reading.
        stale:
          row.last_success_at === null ||
          (row.last_failure_at !== null &&
            row.last_failure_at >= row.last_success_at),
      }));
  }

  async provisionedNamespaces(): Promise<ProvisionedNamespace[]> {
    const rows = await this.db<ProvisionedNamespaceRow>(
      PROVISIONED_NAMESPACES_TABLE,
    ).select();
    return rows
      .sort(
        (a, b) =>
          compareText(a.entity_ref, b.entity_ref) ||
          compareText(a.cluster, b.cluster) ||
          compareText(a.namespace, b.namespace),
      )
      .map(fromNamespaceRow);
  }

  /** Creates the cluster's row if needed and returns it, holding its lock for the rest of the transaction. */
  private async lockCluster(
    trx: Knex.Transaction,
    cluster: string,
    environment: string,
  ): Promise<ClusterRow> {
    await trx<ClusterRow>(CLUSTERS_TABLE)
      .insert({
        cluster,
        environment,
        last_success_at: null,
        last_failure_at: null,
        last_error: null,
      })
      .onConflict('cluster')
      .merge(['environment']);
    const row = await trx<ClusterRow>(CLUSTERS_TABLE)
      .where({ cluster })
      .first();
    if (!row) {
      throw new Error(`Cluster '${cluster}' vanished while being updated`);
    }
    return row;
  }
}
