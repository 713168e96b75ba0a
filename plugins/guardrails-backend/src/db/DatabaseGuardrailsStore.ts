import {
  DatabaseService,
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DatabaseClusterAuditStore } from './DatabaseClusterAuditStore';
import { DatabaseHistoryStore } from './DatabaseHistoryStore';
import { DatabaseQuotaUsageStore } from './DatabaseQuotaUsageStore';
import { DatabaseResultStore } from './DatabaseResultStore';
import { DatabaseStatusTimeStore } from './DatabaseStatusTimeStore';
import type { GuardrailsStore as Store } from './GuardrailsStore';

/**
 * The compliance store on the plugin's database (SQLite or PostgreSQL): one object over the tables, each kept by
 * the part named for it.
 * @public
 */
export class DatabaseGuardrailsStore implements Store {
  /** Connects to the plugin's database and applies the migrations shipped in the package, unless skipped. */
  static async create(options: {
    database: DatabaseService;
    logger?: LoggerService;
  }): Promise<DatabaseGuardrailsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({
        directory: resolvePackagePath(
          '@guardrails-dev/plugin-guardrails-backend',
          'migrations',
        ),
      });
    }
    return new DatabaseGuardrailsStore(client, options.logger);
  }

  private readonly clusterAudits: DatabaseClusterAuditStore;
  private readonly results: DatabaseResultStore;
  private readonly daily: DatabaseHistoryStore;
  private readonly statusTimes: DatabaseStatusTimeStore;
  private readonly usage: DatabaseQuotaUsageStore;

  private constructor(db: Knex, logger?: LoggerService) {
    this.clusterAudits = new DatabaseClusterAuditStore(db, logger);
    this.results = new DatabaseResultStore(db);
    this.daily = new DatabaseHistoryStore(db);
    this.statusTimes = new DatabaseStatusTimeStore(db);
    this.usage = new DatabaseQuotaUsageStore(db);
  }

  // Each call goes to the part that keeps its table; the signatures and their documentation are GuardrailsStore's.
  readonly replaceClusterResults: Store['replaceClusterResults'] = input =>
    this.clusterAudits.replaceClusterResults(input);
  readonly replaceScopeResults: Store['replaceScopeResults'] = input =>
    this.clusterAudits.replaceScopeResults(input);
  readonly markClusterFailed: Store['markClusterFailed'] = input =>
    this.clusterAudits.markClusterFailed(input);
  readonly clusterStatuses: Store['clusterStatuses'] = () =>
    this.clusterAudits.clusterStatuses();
  readonly provisionedNamespaces: Store['provisionedNamespaces'] = () =>
    this.clusterAudits.provisionedNamespaces();

  readonly resultsForEntity: Store['resultsForEntity'] = (entityRef, options) =>
    this.results.resultsForEntity(entityRef, options);
  readonly resultsForGuardrail: Store['resultsForGuardrail'] = (
    guardrail,
    options,
  ) => this.results.resultsForGuardrail(guardrail, options);
  readonly unownedResults: Store['unownedResults'] = options =>
    this.results.unownedResults(options);
  readonly entitySummaries: Store['entitySummaries'] = () =>
    this.results.entitySummaries();
  readonly distribution: Store['distribution'] = () =>
    this.results.distribution();

  readonly recordDailyHistory: Store['recordDailyHistory'] = day =>
    this.daily.recordDailyHistory(day);
  readonly history: Store['history'] = options => this.daily.history(options);

  readonly entityStatusTimes: Store['entityStatusTimes'] = () =>
    this.statusTimes.entityStatusTimes();
  readonly recordEntityStatusTimes: Store['recordEntityStatusTimes'] =
    statuses => this.statusTimes.recordEntityStatusTimes(statuses);

  readonly replaceQuotaUsage: Store['replaceQuotaUsage'] = input =>
    this.usage.replaceQuotaUsage(input);
  readonly quotaNamespaces: Store['quotaNamespaces'] = options =>
    this.usage.quotaNamespaces(options);
  readonly quotaUsage: Store['quotaUsage'] = options =>
    this.usage.quotaUsage(options);
  readonly dailyReserved: Store['dailyReserved'] = options =>
    this.usage.dailyReserved(options);
  readonly dailyQuotaUsage: Store['dailyQuotaUsage'] = options =>
    this.usage.dailyQuotaUsage(options);
}
