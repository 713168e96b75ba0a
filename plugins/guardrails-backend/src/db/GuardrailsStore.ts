import {
  DatabaseService,
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  RESULT_STATUSES,
  ResultStatus,
} from '@guardrails-dev/plugin-guardrails-common';
import { Knex } from 'knex';
import { mostSerious } from './duplicates';
import {
  CLUSTERS_TABLE,
  ClusterRow,
  compareRows,
  compareText,
  DAILY_COUNTS_TABLE,
  DailyCountRow,
  ENTITY_STATUS_TIMES_TABLE,
  EntityStatusTimeRow,
  fromNamespaceRow,
  fromRow,
  normalizeRef,
  PROVISIONED_NAMESPACES_TABLE,
  ProvisionedNamespaceRow,
  RESULTS_TABLE,
  resultKey,
  ResultRow,
  toNamespaceRow,
  toRow,
} from './rows';
import { SourceSelection } from './sources';
import { toDay, toTimestamp } from './timestamps';
import type {
  ClusterAuditStatus,
  DistributionRow,
  EntityStatusTime,
  EntitySummaryRow,
  HistoryRow,
  MarkClusterFailedInput,
  ProvisionedNamespace,
  ReplaceClusterResultsInput,
  ReplaceClusterResultsOutcome,
  StoredResult,
} from './types';

/** Every status except `pass`: what the views list unless asked for passing results too. */
const NOT_PASSING = RESULT_STATUSES.filter(status => status !== 'pass');

/**
 * Limits of one multi-row insert. PostgreSQL allows 65,535 bound parameters and SQLite (3.32 and later) 32,766;
 * knex writes SQLite's multi-row inserts as a compound SELECT, which SQLite limits to 500 terms.
 */
const MAX_PARAMETERS_PER_STATEMENT = 10_000;
const MAX_ROWS_PER_STATEMENT = 400;

async function insertInChunks<T extends object>(
  trx: Knex.Transaction,
  table: string,
  rows: T[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const columns = Object.keys(rows[0]).length;
  const chunkSize = Math.max(
    1,
    Math.min(
      MAX_ROWS_PER_STATEMENT,
      Math.floor(MAX_PARAMETERS_PER_STATEMENT / columns),
    ),
  );
  for (let start = 0; start < rows.length; start += chunkSize) {
    await trx(table).insert(rows.slice(start, start + chunkSize));
  }
}

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

async function deleteInChunks(
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

/** Whether a stored row already says what a new result says, times apart. */
function sameContent(
  stored: ResultRow,
  incoming: Omit<ResultRow, 'first_seen' | 'last_seen'>,
): boolean {
  for (const column of Object.keys(incoming) as Array<keyof typeof incoming>) {
    if (stored[column] !== incoming[column]) {
      return false;
    }
  }
  return true;
}

function requireName(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InputError(`${what} must be a non-empty string`);
  }
  return value;
}

/** The given provisioned namespaces as rows, one per namespace name; undefined when none were given. */
function namespacesToRows(
  input: ReplaceClusterResultsInput,
  cluster: string,
  auditedAt: string,
): ProvisionedNamespaceRow[] | undefined {
  const given = input.provisionedNamespaces;
  if (given === undefined) {
    return undefined;
  }
  if (!Array.isArray(given)) {
    throw new InputError('provisionedNamespaces must be a list');
  }
  const byName = new Map<string, ProvisionedNamespaceRow>();
  given.forEach((namespace, index) => {
    const row = toNamespaceRow(namespace, index, cluster, auditedAt);
    const previous = byName.get(row.namespace);
    if (previous && previous.entity_ref !== row.entity_ref) {
      throw new InputError(
        `provisionedNamespaces[${index}]: namespace '${row.namespace}' is given for both ${previous.entity_ref} and ${row.entity_ref}`,
      );
    }
    byName.set(row.namespace, row);
  });
  return [...byName.values()];
}

function laterOf(a: string | null, b: string): string {
  return a !== null && a > b ? a : b;
}

/**
 * The compliance store: the current result of each guardrail on each object per cluster and source, the audit
 * state of each cluster, and daily counts for trends. SQLite and PostgreSQL.
 * @public
 */
export class GuardrailsStore {
  /** Connects to the plugin's database and applies the migrations shipped in the package, unless skipped. */
  static async create(options: {
    database: DatabaseService;
    logger?: LoggerService;
  }): Promise<GuardrailsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({
        directory: resolvePackagePath(
          '@guardrails-dev/plugin-guardrails-backend',
          'migrations',
        ),
      });
    }
    return new GuardrailsStore(client, options.logger);
  }

  private constructor(
    private readonly db: Knex,
    private readonly logger?: LoggerService,
  ) {}

  /**
   * Atomically replaces the current results of one cluster, for the given sources, with those of a newer
   * successful audit: results whose key (guardrail, cluster, apiVersion, kind, namespace, name, source) persists
   * keep their `firstSeen`; every given result gets `lastSeen = auditedAt`; results no longer present are
   * deleted; the cluster is marked audited at `auditedAt`. Several results with the same key are merged into the
   * most serious one. When `provisionedNamespaces` is given, the cluster's recorded provisioned namespaces are
   * replaced in the same transaction. Rejects results of another cluster, environment or source, and audits older
   * than the results they would replace.
   */
  async replaceClusterResults(
    input: ReplaceClusterResultsInput,
  ): Promise<ReplaceClusterResultsOutcome> {
    const cluster = requireName(input.cluster, 'cluster');
    const environment = requireName(input.environment, 'environment');
    const auditedAt = toTimestamp(input.auditedAt, 'auditedAt');
    const sources = SourceSelection.parse(input.sources);
    if (!Array.isArray(input.results)) {
      throw new InputError('results must be a list');
    }
    const rows = input.results.map((result, index) => {
      const row = toRow(result, index);
      if (row.cluster !== cluster) {
        throw new InputError(
          `results[${index}].cluster is '${row.cluster}', but this audit is of cluster '${cluster}'`,
        );
      }
      if (row.environment !== environment) {
        throw new InputError(
          `results[${index}].environment is '${row.environment}', but cluster '${cluster}' is in environment '${environment}'`,
        );
      }
      if (!sources.includes(row.source)) {
        throw new InputError(
          `results[${index}].source is '${
            row.source
          }', which this audit does not replace (sources: ${sources.describe()})`,
        );
      }
      return row;
    });
    const incoming = mostSerious(rows, resultKey);
    const namespaceRows = namespacesToRows(input, cluster, auditedAt);

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
      // Whole rows, so that unchanged results need no rewrite: in a steady state most of a cluster's results are.
      const existing: ResultRow[] =
        replaced.length === 0
          ? []
          : await trx<ResultRow>(RESULTS_TABLE)
              .select()
              .where({ cluster })
              .whereIn('source', replaced);

      const stored = new Map<string, ResultRow>();
      let newestStored = '';
      for (const row of existing) {
        stored.set(resultKey(row), row);
        newestStored = laterOf(newestStored, row.last_seen);
      }
      if (newestStored > auditedAt) {
        throw new ConflictError(
          `Results of cluster '${cluster}' seen at ${newestStored} are newer than this audit at ${auditedAt}; not replacing them`,
        );
      }

      let kept = 0;
      const toInsert: ResultRow[] = [];
      const toDelete: ResultRow[] = [];
      for (const [key, row] of incoming) {
        const previous = stored.get(key);
        if (previous === undefined) {
          toInsert.push({ ...row, first_seen: auditedAt, last_seen: auditedAt });
          continue;
        }
        kept += 1;
        stored.delete(key);
        if (!sameContent(previous, row)) {
          toDelete.push(previous);
          toInsert.push({
            ...row,
            first_seen: previous.first_seen,
            last_seen: auditedAt,
          });
        }
      }
      // What is left was not seen by this audit.
      const removed = stored.size;
      toDelete.push(...stored.values());

      // Changed and resolved results go, every remaining (unchanged) one is seen now, new and changed ones come in.
      await deleteInChunks(trx, cluster, toDelete);
      if (replaced.length > 0 && kept > 0) {
        await trx(RESULTS_TABLE)
          .where({ cluster })
          .whereIn('source', replaced)
          .update({ last_seen: auditedAt });
      }
      await insertInChunks(trx, RESULTS_TABLE, toInsert);
      if (namespaceRows) {
        await trx(PROVISIONED_NAMESPACES_TABLE).where({ cluster }).delete();
        await insertInChunks(trx, PROVISIONED_NAMESPACES_TABLE, namespaceRows);
      }
      await trx<ClusterRow>(CLUSTERS_TABLE)
        .where({ cluster })
        .update({
          environment,
          last_success_at: laterOf(status.last_success_at, auditedAt),
        });

      return { added: incoming.size - kept, kept, removed };
    });
    this.logger?.debug(
      `Stored results of cluster ${cluster} (${sources.describe()}) audited at ${auditedAt}: ` +
        `${outcome.added} added, ${outcome.kept} kept, ${outcome.removed} removed`,
    );
    return outcome;
  }

  /** Records a failed audit: the cluster's results stay as they are and it reads as stale until a later success. */
  async markClusterFailed(input: MarkClusterFailedInput): Promise<void> {
    const cluster = requireName(input.cluster, 'cluster');
    const environment = requireName(input.environment, 'environment');
    const failedAt = toTimestamp(input.failedAt, 'failedAt');
    if (typeof input.error !== 'string') {
      throw new InputError('error must be a string describing the failure');
    }
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
          last_error: input.error || 'unknown error',
        });
    });
  }

  /** Every cluster audited so far, by name. */
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

  /** The results of the objects an entity owns, in every environment; without passing results unless asked. */
  async resultsForEntity(
    entityRef: string,
    options?: { includePassing?: boolean },
  ): Promise<StoredResult[]> {
    const ref = normalizeRef(requireName(entityRef, 'entityRef'));
    const query = this.db<ResultRow>(RESULTS_TABLE).where('entity_ref', ref);
    return this.list(query, options?.includePassing);
  }

  /** The results of one guardrail, optionally in one environment; without passing results unless asked. */
  async resultsForGuardrail(
    guardrail: string,
    options?: { environment?: string; includePassing?: boolean },
  ): Promise<StoredResult[]> {
    const query = this.db<ResultRow>(RESULTS_TABLE).where(
      'guardrail',
      requireName(guardrail, 'guardrail'),
    );
    if (options?.environment !== undefined) {
      query.where('environment', options.environment);
    }
    return this.list(query, options?.includePassing);
  }

  /** Results of objects no component owns; without passing results unless asked. */
  async unownedResults(options?: {
    includePassing?: boolean;
  }): Promise<StoredResult[]> {
    const query = this.db<ResultRow>(RESULTS_TABLE).whereNull('entity_ref');
    return this.list(query, options?.includePassing);
  }

  /** Per owned entity and environment: counts by level and result, and the latest time a result was seen. */
  async entitySummaries(): Promise<EntitySummaryRow[]> {
    const rows: Array<{
      entity_ref: string;
      environment: string;
      level: EntitySummaryRow['level'];
      result: ResultStatus;
      count: number | string;
      last_seen: string;
    }> = await this.db(RESULTS_TABLE)
      .select('entity_ref', 'environment', 'level', 'result')
      .count({ count: '*' })
      .max({ last_seen: 'last_seen' })
      .whereNotNull('entity_ref')
      .groupBy('entity_ref', 'environment', 'level', 'result');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      environment: row.environment,
      level: row.level,
      result: row.result,
      count: Number(row.count),
      lastSeen: row.last_seen,
    }));
  }

  /**
   * The namespaces the suite provisioned, as each cluster's last successful audit found them, ordered by entity,
   * cluster and namespace.
   */
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

  /** When each entity's current summary status was first found, by entity ref. */
  async entityStatusTimes(): Promise<Map<string, EntityStatusTime>> {
    const rows = await this.db<EntityStatusTimeRow>(
      ENTITY_STATUS_TIMES_TABLE,
    ).select();
    return new Map(
      rows.map(row => [
        row.entity_ref,
        {
          entityRef: row.entity_ref,
          key: row.status_key,
          evaluatedAt: row.evaluated_at,
        },
      ]),
    );
  }

  /**
   * Records the statuses an audit found: an entity whose status key is unchanged keeps the time it has, one with a
   * new or changed key gets the given time, and entities not given are forgotten. Returns the times now recorded.
   */
  async recordEntityStatusTimes(
    statuses: EntityStatusTime[],
  ): Promise<Map<string, EntityStatusTime>> {
    const incoming = new Map(
      statuses.map(status => {
        const entityRef = normalizeRef(status.entityRef);
        return [
          entityRef,
          {
            entityRef,
            key: status.key,
            evaluatedAt: toTimestamp(
              new Date(status.evaluatedAt),
              'evaluatedAt',
            ),
          },
        ];
      }),
    );
    return this.db.transaction(async trx => {
      const stored = new Map(
        (
          await trx<EntityStatusTimeRow>(ENTITY_STATUS_TIMES_TABLE).select()
        ).map(row => [row.entity_ref, row]),
      );
      const recorded = new Map<string, EntityStatusTime>();
      const toDelete: string[] = [];
      const toInsert: EntityStatusTimeRow[] = [];
      for (const [entityRef, status] of incoming) {
        const previous = stored.get(entityRef);
        stored.delete(entityRef);
        if (previous?.status_key === status.key) {
          recorded.set(entityRef, { ...status, evaluatedAt: previous.evaluated_at });
          continue;
        }
        if (previous) toDelete.push(entityRef);
        toInsert.push({
          entity_ref: entityRef,
          status_key: status.key,
          evaluated_at: status.evaluatedAt,
        });
        recorded.set(entityRef, status);
      }
      toDelete.push(...stored.keys());
      for (let i = 0; i < toDelete.length; i += MAX_ROWS_PER_STATEMENT) {
        await trx(ENTITY_STATUS_TIMES_TABLE)
          .whereIn('entity_ref', toDelete.slice(i, i + MAX_ROWS_PER_STATEMENT))
          .delete();
      }
      await insertInChunks(trx, ENTITY_STATUS_TIMES_TABLE, toInsert);
      return recorded;
    });
  }

  /** Counts of results by guardrail, environment and result over every object, owned or not. */
  async distribution(): Promise<DistributionRow[]> {
    const rows: Array<{
      guardrail: string;
      environment: string;
      result: ResultStatus;
      count: number | string;
    }> = await this.db(RESULTS_TABLE)
      .select('guardrail', 'environment', 'result')
      .count({ count: '*' })
      .groupBy('guardrail', 'environment', 'result');
    return rows.map(row => ({ ...row, count: Number(row.count) }));
  }

  /**
   * Records the day's violation counts per entity ('' for unowned objects), environment and guardrail from the
   * current results. Recording a day again replaces that day's counts, so it is idempotent and always reflects the
   * latest results; groups without violations are not written (a missing row means zero).
   */
  async recordDailyHistory(day: Date): Promise<void> {
    const date = toDay(day, 'day');
    await this.db.transaction(async trx => {
      const groups: Array<{
        entity_ref: string | null;
        environment: string;
        guardrail: string;
        failing: number | string;
        warning: number | string;
        errors: number | string;
      }> = await trx(RESULTS_TABLE)
        .select(
          'entity_ref',
          'environment',
          'guardrail',
          trx.raw(
            "sum(case when result = 'fail' then 1 else 0 end) as failing",
          ),
          trx.raw(
            "sum(case when result = 'warn' then 1 else 0 end) as warning",
          ),
          trx.raw(
            "sum(case when result = 'error' then 1 else 0 end) as errors",
          ),
        )
        .whereIn('result', ['fail', 'warn', 'error'])
        .groupBy('entity_ref', 'environment', 'guardrail');
      await trx(DAILY_COUNTS_TABLE).where({ date }).delete();
      await insertInChunks<DailyCountRow>(
        trx,
        DAILY_COUNTS_TABLE,
        groups.map(group => ({
          date,
          entity_ref: group.entity_ref ?? '',
          environment: group.environment,
          guardrail: group.guardrail,
          failing: Number(group.failing),
          warning: Number(group.warning),
          errors: Number(group.errors),
        })),
      );
    });
  }

  /**
   * Daily counts per environment and guardrail between two days (inclusive, UTC), for one entity ('' for unowned
   * objects) or summed over all.
   */
  async history(options: {
    entityRef?: string;
    from: Date;
    to: Date;
  }): Promise<HistoryRow[]> {
    const from = toDay(options.from, 'from');
    const to = toDay(options.to, 'to');
    if (from > to) {
      throw new InputError(`from (${from}) must not be after to (${to})`);
    }
    const query = this.db(DAILY_COUNTS_TABLE)
      .select('date', 'environment', 'guardrail')
      .sum({ failing: 'failing', warning: 'warning', errors: 'errors' })
      .whereBetween('date', [from, to])
      .groupBy('date', 'environment', 'guardrail');
    if (options.entityRef !== undefined) {
      query.where('entity_ref', normalizeRef(options.entityRef));
    }
    // Sums come back as strings from PostgreSQL (bigint) and as numbers from SQLite.
    const rows = (await query) as Array<{
      date: string;
      environment: string;
      guardrail: string;
      failing: number | string;
      warning: number | string;
      errors: number | string;
    }>;
    return rows
      .map(row => ({
        date: row.date,
        environment: row.environment,
        guardrail: row.guardrail,
        failing: Number(row.failing),
        warning: Number(row.warning),
        errors: Number(row.errors),
      }))
      .sort(
        (a, b) =>
          compareText(a.date, b.date) ||
          compareText(a.environment, b.environment) ||
          compareText(a.guardrail, b.guardrail),
      );
  }

  private async list(
    query: Knex.QueryBuilder<ResultRow, ResultRow[]>,
    includePassing: boolean | undefined,
  ): Promise<StoredResult[]> {
    if (!includePassing) {
      query.whereIn('result', NOT_PASSING);
    }
    const rows: ResultRow[] = await query.select();
    return rows.sort(compareRows).map(fromRow);
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
