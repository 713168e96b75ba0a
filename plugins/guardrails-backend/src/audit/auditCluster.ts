import { AuditorService } from '@backstage/backend-plugin-api';
import {
  CompiledPack,
  KubernetesManifest,
} from '@guardrails-dev/plugin-guardrails-engine';
import {
  ClusterAccess,
  EnvironmentDefinition,
  redactAddresses,
} from '@guardrails-dev/plugin-guardrails-node';
import { GuardrailsStore, StoredResult } from '../db';
import { clusterEntities } from './clusterEntities';
import { clusterResults } from './clusterResults';
import { EntityIndex } from './EntityIndex';
import { describeGroupKind, packKinds } from './packKinds';
import { normalizePolicyReports } from './policyReports';
import { provisionedNamespaces } from './provisionedNamespaces';
import { quotaUsage } from './quotaUsage';
import { readCluster } from './readCluster';

/** The sources one audit of a cluster replaces in the store. */
export const AUDIT_SOURCES = [
  'audit',
  'drift',
  'auto-correct',
  'policyreport:*',
];

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
  /** Kinds the pack's guardrails match that the cluster does not serve (`DatabaseClaim.platform.example.org`). */
  notServedKinds: string[];
}

/** What one cluster's audit uses. */
export interface ClusterAuditContext {
  clusterAccess: ClusterAccess;
  store: GuardrailsStore;
  pack: CompiledPack;
  auditor: AuditorService;
  /** Every entity that can own Kubernetes objects, read once per cycle. */
  index: EntityIndex;
  pageSize: number;
  kindConcurrency: number;
}

/**
 * One cluster's audit: every kind listed page by page, the pack evaluated at the environment's current rollout
 * stage, policy reports and namespace drift added, and the results stored in place of the cluster's last ones. A
 * cluster that cannot be audited keeps its last results, marked stale.
 */
export async function auditCluster(
  cluster: string,
  environment: EnvironmentDefinition,
  at: Date,
  context: ClusterAuditContext,
): Promise<ClusterAuditOutcome> {
  const base = {
    cluster,
    environment: environment.name,
    objects: 0,
    results: 0,
    violations: 0,
    corrected: 0,
    ignoredReportResults: 0,
    notServedKinds: [],
  };
  try {
    const client = context.clusterAccess.forCluster(cluster);
    const snapshot = await readCluster(client, {
      pageSize: context.pageSize,
      concurrency: context.kindConcurrency,
      packKinds: packKinds(context.pack),
    });
    const objects = snapshot.objects as KubernetesManifest[];
    const { namespaces, entityFor } = clusterEntities(objects, context.index);
    const reports = normalizePolicyReports(snapshot.reports, {
      cluster,
      environment: environment.name,
      entityFor,
    });
    const results: StoredResult[] = [
      ...(await clusterResults(objects, {
        client,
        pack: context.pack,
        auditor: context.auditor,
        environment,
        at,
        index: context.index,
        namespaces,
        entityFor,
      })),
      ...reports.results,
    ];
    // Before the results: should this fail, the cluster reads as stale with its last quota use and results alike.
    await context.store.replaceQuotaUsage({
      cluster,
      observedAt: at,
      ...quotaUsage(objects, namespaces, cluster, environment.name),
    });
    await context.store.replaceClusterResults({
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
      notServedKinds: snapshot.notServed.map(describeGroupKind),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The stored error is shown to people: the cluster's name, not its address (the log line has it all).
    await context.store.markClusterFailed({
      cluster,
      environment: environment.name,
      failedAt: at,
      error: redactAddresses(message),
    });
    return { ...base, ok: false, error: message };
  }
}
