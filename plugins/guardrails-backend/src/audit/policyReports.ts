import {
  GUARDRAIL_SEVERITIES,
  GuardrailSeverity,
  ResourceRef,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  KubernetesManifest,
  KubernetesObject,
} from '@guardrails-dev/plugin-guardrails-engine';
import { StoredResult } from '../db';

interface ReportResult {
  policy?: string;
  rule?: string;
  result?: string;
  severity?: string;
  message?: string;
  source?: string;
  resources?: Array<{
    apiVersion?: string;
    kind?: string;
    name?: string;
    namespace?: string;
  }>;
}

interface ReportObject extends KubernetesManifest {
  scope?: {
    apiVersion?: string;
    kind?: string;
    name?: string;
    namespace?: string;
  };
  source?: string;
  results?: ReportResult[];
}

/** Where a normalised result lands. */
export interface ReportContext {
  cluster: string;
  environment: string;
  /** The entity owning a resource, from the same mapping as the audit's own results. */
  entityFor: (
    resource: ResourceRef,
  ) => { entityRef: string; owner?: string } | undefined;
}

/** The results taken from the reports, and how many results were ignored because their report may not speak for them. */
export interface NormalizedReports {
  results: StoredResult[];
  ignored: number;
}

/**
 * Normalises `wgpolicyk8s.io` PolicyReport/ClusterPolicyReport and `openreports.io` Report objects into the
 * suite's results, with the engine that wrote them as source (`policyreport:kyverno`). That engine, not the suite,
 * decides enforcement, so its failures show at level `warn` and its warnings at `observe`.
 *
 * Anyone who may write in a namespace may write a report there, so a namespaced report speaks only for objects of
 * its own namespace (and that Namespace itself); results naming others are ignored and counted. Cluster-scoped
 * reports need cluster-wide rights to write and speak for any object.
 */
export function normalizePolicyReports(
  reports: KubernetesObject[],
  context: ReportContext,
): NormalizedReports {
  const results: StoredResult[] = [];
  let ignored = 0;
  for (const report of reports as ReportObject[]) {
    const reportNamespace = report.metadata?.namespace || undefined;
    for (const entry of report.results ?? []) {
      const mapped = mapResult(entry.result);
      if (!mapped || !entry.policy) continue;
      const engine = (
        entry.source ??
        report.source ??
        'policyreport'
      ).toLowerCase();
      const guardrail = `${engine}/${entry.policy}${
        entry.rule ? `/${entry.rule}` : ''
      }`;
      const targets = entry.resources?.length
        ? entry.resources
        : [report.scope].filter(isDefined);
      for (const target of targets) {
        if (!target.kind || !target.name) continue;
        if (
          reportNamespace &&
          namespaceOf(target, reportNamespace) !== reportNamespace
        ) {
          ignored += 1;
          continue;
        }
        // A Namespace is cluster-scoped: it has no namespace of its own.
        const namespace =
          target.kind === 'Namespace'
            ? undefined
            : target.namespace ?? reportNamespace;
        const resource: ResourceRef & { cluster: string; environment: string } =
          {
            apiVersion: target.apiVersion ?? 'v1',
            kind: target.kind,
            ...(namespace ? { namespace } : {}),
            name: target.name,
            cluster: context.cluster,
            environment: context.environment,
          };
        const entity = context.entityFor(resource);
        results.push({
          guardrail,
          title: entry.rule ? `${entry.policy}: ${entry.rule}` : entry.policy,
          resource,
          result: mapped.result,
          level: mapped.level,
          message: entry.message ?? '',
          severity: toSeverity(entry.severity),
          category: 'detective',
          source: `policyreport:${engine}`,
          cluster: context.cluster,
          environment: context.environment,
          ...(entity
            ? { entityRef: entity.entityRef, owner: entity.owner }
            : {}),
        });
      }
    }
  }
  return { results, ignored };
}

/** The namespace a report's target is in; a Namespace counts as in itself. */
function namespaceOf(
  target: { kind?: string; name?: string; namespace?: string },
  reportNamespace: string,
) {
  if (target.kind === 'Namespace') return target.name;
  return target.namespace ?? reportNamespace;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function mapResult(
  result: string | undefined,
): Pick<StoredResult, 'result' | 'level'> | undefined {
  switch (result) {
    case 'fail':
      return { result: 'warn', level: 'warn' };
    case 'warn':
      return { result: 'warn', level: 'observe' };
    case 'error':
      return { result: 'error', level: 'observe' };
    case 'pass':
      return { result: 'pass', level: 'observe' };
    case 'skip':
      return { result: 'skip', level: 'observe' };
    default:
      return undefined;
  }
}

function toSeverity(severity: string | undefined): GuardrailSeverity {
  const lower = severity?.toLowerCase();
  return (GUARDRAIL_SEVERITIES as readonly string[]).includes(lower ?? '')
    ? (lower as GuardrailSeverity)
    : 'medium';
}
