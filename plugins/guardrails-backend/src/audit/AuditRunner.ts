import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CompiledPack } from '@guardrails-dev/plugin-guardrails-engine';
import { ClusterAccess } from '@guardrails-dev/plugin-guardrails-node';
import { GuardrailsStore } from '../db';
import { auditCluster, ClusterAuditOutcome } from './auditCluster';
import { mapWithConcurrency } from './concurrency';
import { EntityIndex } from './EntityIndex';

/** Tuning of an audit; read from `guardrails.audit` config. */
export interface AuditSettings {
  pageSize: number;
  clusterConcurrency: number;
  kindConcurrency: number;
}

/** Outcome of one audit cycle. */
export interface AuditOutcome {
  startedAt: string;
  finishedAt: string;
  clusters: ClusterAuditOutcome[];
}

export interface AuditRunnerOptions {
  store: GuardrailsStore;
  clusterAccess: ClusterAccess;
  /** The compiled pack in force; compiled once when the backend starts. */
  pack: CompiledPack;
  /** Every entity that can own Kubernetes objects, read once per audit. */
  loadEntities: () => Promise<Entity[]>;
  auditor: AuditorService;
  logger: LoggerService;
  settings: AuditSettings;
  /**
   * Runs once the cycle's results are stored: the summary records what the audit found, and the catalog is asked to
   * refresh the entities whose status changed.
   */
  afterCycle?: () => Promise<void>;
  now?: () => Date;
}

/**
 * One audit cycle: every configured cluster in parallel (bounded), each audited on its own (`auditCluster`), then
 * the day's history and whatever runs after a cycle. One cycle at a time per backend instance.
 */
export class AuditRunner {
  private current?: Promise<AuditOutcome>;

  constructor(private readonly options: AuditRunnerOptions) {}

  /** Whether a cycle is in progress in this backend instance. */
  get running(): boolean {
    return this.current !== undefined;
  }

  /** Runs a cycle, or joins the one in progress. */
  run(): Promise<AuditOutcome> {
    if (!this.current) {
      this.current = this.cycle().finally(() => {
        this.current = undefined;
      });
    }
    return this.current;
  }

  private async cycle(): Promise<AuditOutcome> {
    const { clusterAccess, settings, store, logger } = this.options;
    const now = this.options.now ?? (() => new Date());
    const startedAt = now();
    const context = {
      clusterAccess,
      store,
      pack: this.options.pack,
      auditor: this.options.auditor,
      index: new EntityIndex(await this.options.loadEntities()),
      pageSize: settings.pageSize,
      kindConcurrency: settings.kindConcurrency,
    };
    const targets = clusterAccess
      .environments()
      .flatMap(environment =>
        environment.clusters.map(cluster => ({ cluster, environment })),
      );

    const clusters = await mapWithConcurrency(
      targets,
      settings.clusterConcurrency,
      async ({ cluster, environment }) => {
        const outcome = await auditCluster(
          cluster,
          environment,
          now(),
          context,
        );
        if (outcome.notServedKinds.length > 0) logger.warn(logLine(outcome));
        else logger.info(logLine(outcome));
        return outcome;
      },
    );
    await store.recordDailyHistory(now());
    try {
      await this.options.afterCycle?.();
    } catch (error) {
      // The results are stored: the audit stands, the summary falls back to the latest audit's times, and labels
      // wait for the catalog's processing pass.
      logger.warn(
        `Could not record what the audit found for the summary and the catalog: ${error}`,
      );
    }
    return {
      startedAt: startedAt.toISOString(),
      finishedAt: now().toISOString(),
      clusters,
    };
  }
}

function logLine(outcome: ClusterAuditOutcome): string {
  return outcome.ok
    ? `Audited cluster ${outcome.cluster} (${outcome.environment}): ${
        outcome.objects
      } objects, ${outcome.violations} violations, ${
        outcome.corrected
      } corrected${ignoredNote(outcome)}${notServedNote(outcome)}`
    : `Audit of cluster ${outcome.cluster} (${outcome.environment}) failed, keeping its last results: ${outcome.error}`;
}

/** Kinds guardrails match that the cluster does not serve: their guardrails have nothing to check there. */
function notServedNote(outcome: ClusterAuditOutcome): string {
  return outcome.notServedKinds.length > 0
    ? `; warning: the cluster does not serve ${outcome.notServedKinds.join(
        ', ',
      )}, which guardrails match (CRD not installed?)`
    : '';
}

/** PolicyReport results ignored in a cluster's audit, for its log line. */
function ignoredNote(outcome: ClusterAuditOutcome): string {
  return outcome.ignoredReportResults > 0
    ? `, ${outcome.ignoredReportResults} policy report results ignored (a namespaced report naming objects outside its namespace)`
    : '';
}
