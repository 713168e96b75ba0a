/** A kind the audit lists in every cluster. */
export interface AuditedKind {
  apiVersion: string;
  kind: string;
  /** Report kinds are optional CRDs: a cluster without them has no reports, not a failed audit. */
  optional?: boolean;
}

/**
 * What the audit reads whatever the pack: the objects pod guardrails reach (pods and the workloads whose templates
 * make them, so violations are reported on the owning workload), namespaces and the namespace objects namespace
 * guardrails look at (`namespaceResources`), and RBAC. The kinds the pack's guardrails match are added per cluster
 * (`packKinds`). One paginated list per kind per cluster, so requests per audit depend on clusters, kinds and pages
 * only.
 */
export const SUITE_KINDS: AuditedKind[] = [
  { apiVersion: 'v1', kind: 'Namespace' },
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'v1', kind: 'ResourceQuota' },
  { apiVersion: 'v1', kind: 'LimitRange' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  { apiVersion: 'batch/v1', kind: 'Job' },
  { apiVersion: 'batch/v1', kind: 'CronJob' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' },
];

/** Policy reports written by other engines (Kyverno, Trivy, …), ingested as a second source of results. */
export const REPORT_KINDS: AuditedKind[] = [
  {
    apiVersion: 'wgpolicyk8s.io/v1alpha2',
    kind: 'PolicyReport',
    optional: true,
  },
  {
    apiVersion: 'wgpolicyk8s.io/v1alpha2',
    kind: 'ClusterPolicyReport',
    optional: true,
  },
  { apiVersion: 'openreports.io/v1alpha1', kind: 'Report', optional: true },
];
