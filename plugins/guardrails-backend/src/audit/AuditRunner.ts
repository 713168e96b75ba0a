import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  GuardrailResult,
  KubernetesObject,
  ResourceRef,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  CompiledPack,
  evaluateObjectsAsync,
} from '@guardrails-dev/plugin-guardrails-engine';
import {
  ClusterAccess,
  ClusterClient,
  EnvironmentDefinition,
  redactAddresses,
} from '@guardrails-dev/plugin-guardrails-node';
import { GuardrailsStore, StoredResult } from '../db';
import { mapWithConcurrency } from './concurrency';
import { Drift, detectDrift, driftLevel } from './drift';
import { EntityIndex, EntityMatch } from './EntityIndex';
import { normalizePolicyReports } from './policyReports';
import { provisionedNamespaces } from './provisionedNamespaces';
import { readCluster } from './readCluster';

/** The sources one audit of a cluster replaces in the store. */
export const AUDIT_SOURCES = [
  'audit',
  'drift',
  'auto-correct',
  'policyreport:*',
];

/** Tuning of an audit; read from `guardrails.audit` config. */
export interface AuditSettings {
  pageSize: number;
  clusterConcurrency: number;
  kindConcurrency: number;
}

/** Outcome of one cluster's audit. */
export interface ClusterAuditOutcome {
  cluster: string;
  environment: string;
  ok: boolean;
  error?: string;
  objects: number;
  results: number;
  violations: number;
  corrected: number;
  /** PolicyReport results ignored because their report may not speak for the object they name. */
  ignoredReportResults: number;
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
  /** Runs once the cycle's results are stored: the summary records what the audit found. */
  afterCycle?: () => Promise<void>;
  now?: () => Date;
}

/**
 * One audit cycle: every configured cluster in parallel (bounded), each kind listed page by page, the pack
 * evaluated at each environment's current rollout stage, results mapped to catalog entities and stored. A cluster
 * that fails keeps its last results, marked stale.
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
    const index = new EntityIndex(await this.options.loadEntities());
    const targets = clusterAccess
      .environments()
      .flatMap(environment =>
        environment.clusters.map(cluster => ({ cluster, environment })),
      );

    const clusters = await mapWithConcurrency(
      targets,
      settings.clusterConcurrency,
      async target => {
        const outcome = await this.auditCluster(
          target.cluster,
          target.environment,
          index,
          now(),
        );
        logger.info(
          outcome.ok
            ? `Audited cluster ${outcome.cluster} (${outcome.environment}): ${
                outcome.objects
              } objects, ${outcome.violations} violations, ${
                outcome.corrected
              } corrected${ignoredNote(outcome)}`
            : `Audit of cluster ${outcome.cluster} (${outcome.environment}) failed, keeping its last results: ${outcome.error}`,
        );
        return outcome;
      },
    );
    await store.recordDailyHistory(now());
    try {
      await this.options.afterCycle?.();
    } catch (error) {
      // The results are stored: the audit stands, and the summary falls back to the latest audit's times.
      logger.warn(
        `Could not record what the audit found for the summary: ${error}`,
      );
    }
    return {
      startedAt: startedAt.toISOString(),
      finishedAt: now().toISOString(),
      clusters,
    };
  }

  private async auditCluster(
    cluster: string,
    environment: EnvironmentDefinition,
    index: EntityIndex,
    at: Date,
  ): Promise<ClusterAuditOutcome> {
    const { clusterAccess, settings, store } = this.options;
    const base = {
      cluster,
      environment: environment.name,
      objects: 0,
      results: 0,
      violations: 0,
      corrected: 0,
      ignoredReportResults: 0,
    };
    try {
      const client = clusterAccess.forCluster(cluster);
      const snapshot = await readCluster(client, {
        pageSize: settings.pageSize,
        concurrency: settings.kindConcurrency,
      });
      const objects = snapshot.objects as KubernetesObject[];
      const namespaces = new Map(
        objects
          .filter(o => o.kind === 'Namespace')
          .map(o => [o.metadata!.name!, o] as const),
      );
      const byResource = new Map(
        objects.map(o => [resourceKey(o), o] as const),
      );
      const entityFor = (resource: ResourceRef): EntityMatch | undefined => {
        const object = byResource.get(resourceKey(resource)) ?? {
          apiVersion: resource.apiVersion,
          kind: resource.kind,
          metadata: { name: resource.name, namespace: resource.namespace },
        };
        return index.match(object, namespaces);
      };

      // In slices, so a large cluster does not hold up the backend's requests while it is evaluated.
      const evaluated = await evaluateObjectsAsync(this.options.pack, objects, {
        environment: environment.name,
        cluster,
        at,
        namespaces,
        entityRefFor: object => index.match(object, namespaces)?.entityRef,
        source: 'audit',
      });
      const reports = normalizePolicyReports(snapshot.reports, {
        cluster,
        environment: environment.name,
        entityFor,
      });
      const drifts = await this.handleDrift(
        client,
        objects,
        environment,
        at,
        entityFor,
      );
      const drifted = new Set(
        drifts.map(d => `${d.guardrail}|${d.resource.name}`),
      );
      const results: StoredResult[] = [
        ...evaluated
          // A namespace guardrail reported as drift is not reported twice.
          .filter(
            r =>
              !(
                r.resource.kind === 'Namespace' &&
                drifted.has(`${r.guardrail}|${r.resource.name}`)
              ),
          )
          .map(r => toStored(r, cluster, environment.name, 'audit', entityFor)),
        ...drifts,
        ...reports.results,
      ];
      await store.replaceClusterResults({
        cluster,
        environment: environment.name,
        auditedAt: at,
        results,
        sources: AUDIT_SOURCES,
        provisionedNamespaces: provisionedNamespaces(
          namespaces.values(),
          environment.name,
        ),
      });
      return {
        ...base,
        ok: true,
        objects: objects.length,
        results: results.length,
        violations: results.filter(
          r => r.result === 'fail' || r.result === 'warn',
        ).length,
        corrected: results.filter(r => r.source === 'auto-correct').length,
        ignoredReportResults: reports.ignored,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The stored error is shown to people: the cluster's name, not its address (the log line has it all).
      await store.markClusterFailed({
        cluster,
        environment: environment.name,
        failedAt: at,
        error: redactAddresses(message),
      });
      return { ...base, ok: false, error: message };
    }
  }

  /**
   * Drift of suite-provisioned namespaces: reported at the drifted guardrail's level, and restored with
   * server-side apply where that level is auto-correct. Every restore is an auditor event.
   */
  private async handleDrift(
    client: ClusterClient,
    objects: KubernetesObject[],
    environment: EnvironmentDefinition,
    at: Date,
    entityFor: (resource: ResourceRef) => EntityMatch | undefined,
  ): Promise<StoredResult[]> {
    const results: StoredResult[] = [];
    for (const drift of detectDrift(objects, environment)) {
      const stage = driftLevel(
        this.options.pack.pack.guardrails,
        drift,
        environment.name,
        at,
      );
      if (!stage) continue;
      const resource: ResourceRef = {
        apiVersion: 'v1',
        kind: 'Namespace',
        name: drift.namespace,
        cluster: client.cluster,
        environment: environment.name,
      };
      const entity = entityFor(resource);
      const result: StoredResult = {
        guardrail: drift.guardrail,
        title: stage.guardrail.title,
        resource,
        result: stage.enforcing ? 'fail' : 'warn',
        level: stage.level,
        message: drift.message,
        severity: stage.guardrail.severity,
        category: stage.guardrail.category,
        cluster: client.cluster,
        environment: environment.name,
        source: 'drift',
        ...(entity ? { entityRef: entity.entityRef, owner: entity.owner } : {}),
      };
      if (stage.level === 'auto-correct') {
        results.push(await this.restore(client, drift, result));
      } else {
        results.push(result);
      }
    }
    return results;
  }

  private async restore(
    client: ClusterClient,
    drift: Drift,
    result: StoredResult,
  ): Promise<StoredResult> {
    const event = await this.options.auditor.createEvent({
      eventId: 'auto-correct',
      severityLevel: 'high',
      meta: {
        cluster: client.cluster,
        environment: result.environment,
        namespace: drift.namespace,
        guardrail: drift.guardrail,
        drift: drift.message,
        objects: drift.restore.map(o => `${o.kind}/${o.metadata?.name}`),
      },
    });
    try {
      // Force: the suite owns its baseline fields, even when someone edited them with another field manager.
      for (const object of drift.restore) {
        await client.apply(object as any, { force: true });
      }
      await event.success();
      return {
        ...result,
        source: 'auto-correct',
        message: `${drift.message}; restored by auto-correct`,
      };
    } catch (error) {
      await event.fail({ error: error as Error });
      return {
        ...result,
        result: 'error',
        source: 'auto-correct',
        message: `${drift.message}; auto-correct failed: ${
          (error as Error).message
        }`,
      };
    }
  }
}

/** PolicyReport results ignored in a cluster's audit, for its log line. */
function ignoredNote(outcome: ClusterAuditOutcome): string {
  return outcome.ignoredReportResults > 0
    ? `, ${outcome.ignoredReportResults} policy report results ignored (a namespaced report naming objects outside its namespace)`
    : '';
}

function resourceKey(o: {
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
  metadata?: any;
}) {
  const name = o.metadata?.name ?? o.name;
  const namespace = o.metadata?.namespace ?? o.namespace ?? '';
  return `${o.apiVersion}|${o.kind}|${namespace}|${name}`;
}

function toStored(
  result: GuardrailResult,
  cluster: string,
  environment: string,
  source: string,
  entityFor: (resource: ResourceRef) => EntityMatch | undefined,
): StoredResult {
  const entity = entityFor(result.resource);
  return {
    ...result,
    cluster,
    environment,
    source,
    ...(entity ? { entityRef: entity.entityRef, owner: entity.owner } : {}),
  };
}
