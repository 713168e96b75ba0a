import { summarize } from '../evaluation/summarize';
import {
  GuardrailResult,
  GUARDRAILS_MANAGED_BY_VALUE,
  MANAGED_BY_LABEL,
} from '@guardrails-dev/plugin-guardrails-common';
import { KubernetesManifest } from '../manifests/kubernetesObject';

/** @public */
export interface PolicyReportOptions {
  /** Namespace of the PolicyReport; without it a ClusterPolicyReport is made. */
  namespace?: string;
  /** `source` of every report result. Default `guardrails`. */
  source?: string;
  /** Report name. Default `guardrails`. */
  name?: string;
  /** Timestamp of results without `lastSeen`. Default: the current time. */
  at?: Date;
}

/** The API version of exported reports. @public */
export const POLICY_REPORT_API_VERSION = 'wgpolicyk8s.io/v1alpha2';

function timestampOf(result: GuardrailResult, at: Date) {
  const instant = result.lastSeen ? new Date(result.lastSeen) : at;
  const millis = Number.isNaN(instant.getTime())
    ? at.getTime()
    : instant.getTime();
  return {
    seconds: Math.floor(millis / 1000),
    nanos: (millis % 1000) * 1_000_000,
  };
}

function reportResult(result: GuardrailResult, source: string, at: Date) {
  const { resource } = result;
  const properties: Record<string, string> = {
    level: result.level,
    title: result.title,
  };
  if (resource.environment) properties.environment = resource.environment;
  if (resource.cluster) properties.cluster = resource.cluster;
  if (result.exemption) {
    properties.exemption = result.exemption.name;
    properties.exemptionStatus = result.exemption.status;
    properties.exemptionExpiresAt = result.exemption.expiresAt;
  }
  if (result.firstSeen) properties.firstSeen = result.firstSeen;
  return {
    source,
    policy: result.guardrail,
    rule: result.guardrail,
    category: result.category,
    severity: result.severity,
    result: result.result,
    scored: true,
    message: result.message,
    timestamp: timestampOf(result, at),
    resources: [
      {
        apiVersion: resource.apiVersion,
        kind: resource.kind,
        name: resource.name,
        ...(resource.namespace ? { namespace: resource.namespace } : {}),
      },
    ],
    properties,
  };
}

/**
 * One `wgpolicyk8s.io/v1alpha2` report: a PolicyReport when `namespace` is
 * given (every result must be in it), otherwise a ClusterPolicyReport (every
 * result must be cluster-scoped). Results keep their status; the summary
 * counts them.
 * @public
 */
export function toPolicyReport(
  results: ReadonlyArray<GuardrailResult>,
  options: PolicyReportOptions = {},
): KubernetesManifest {
  const misplaced = results.find(
    r => (r.resource.namespace ?? undefined) !== options.namespace,
  );
  if (misplaced) {
    const where = misplaced.resource.namespace
      ? `namespace ${misplaced.resource.namespace}`
      : 'no namespace';
    throw new Error(
      `${
        options.namespace
          ? `PolicyReport for namespace ${options.namespace}`
          : 'ClusterPolicyReport'
      } cannot hold ${misplaced.resource.kind} ${
        misplaced.resource.name
      } in ${where}; use toPolicyReports to group results`,
    );
  }
  const source = options.source ?? 'guardrails';
  const at = options.at ?? new Date();
  return {
    apiVersion: POLICY_REPORT_API_VERSION,
    kind: options.namespace ? 'PolicyReport' : 'ClusterPolicyReport',
    metadata: {
      name: options.name ?? 'guardrails',
      ...(options.namespace ? { namespace: options.namespace } : {}),
      labels: { [MANAGED_BY_LABEL]: GUARDRAILS_MANAGED_BY_VALUE },
    },
    summary: summarize(results),
    results: results.map(result => reportResult(result, source, at)),
  };
}

/**
 * Groups results into one PolicyReport per namespace (in order of first
 * appearance) and a ClusterPolicyReport for cluster-scoped objects, if any.
 * @public
 */
export function toPolicyReports(
  results: ReadonlyArray<GuardrailResult>,
  options: Omit<PolicyReportOptions, 'namespace'> = {},
): KubernetesManifest[] {
  const groups = new Map<string | undefined, GuardrailResult[]>();
  for (const result of results) {
    const key = result.resource.namespace || undefined;
    const group = groups.get(key);
    if (group) group.push(result);
    else groups.set(key, [result]);
  }
  const reports = [...groups.entries()]
    .filter(([namespace]) => namespace !== undefined)
    .map(([namespace, group]) =>
      toPolicyReport(group, { ...options, namespace }),
    );
  const clusterScoped = groups.get(undefined);
  return clusterScoped
    ? [...reports, toPolicyReport(clusterScoped, options)]
    : reports;
}
