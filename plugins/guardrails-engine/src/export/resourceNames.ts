import { Guardrail } from '@guardrails-dev/plugin-guardrails-common';

/**
 * Resource names (plural, lowercase) of built-in kinds, as admission rules
 * need them. Kinds not listed here need `resourceNames` in the export options.
 */
export const BUILT_IN_RESOURCE_NAMES: Readonly<Record<string, string>> = {
  Binding: 'bindings',
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  ConfigMap: 'configmaps',
  CronJob: 'cronjobs',
  DaemonSet: 'daemonsets',
  Deployment: 'deployments',
  Endpoints: 'endpoints',
  HorizontalPodAutoscaler: 'horizontalpodautoscalers',
  Ingress: 'ingresses',
  IngressClass: 'ingressclasses',
  Job: 'jobs',
  LimitRange: 'limitranges',
  Namespace: 'namespaces',
  NetworkPolicy: 'networkpolicies',
  Node: 'nodes',
  PersistentVolume: 'persistentvolumes',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  Pod: 'pods',
  PodDisruptionBudget: 'poddisruptionbudgets',
  PriorityClass: 'priorityclasses',
  ReplicaSet: 'replicasets',
  ReplicationController: 'replicationcontrollers',
  ResourceQuota: 'resourcequotas',
  Role: 'roles',
  RoleBinding: 'rolebindings',
  Secret: 'secrets',
  Service: 'services',
  ServiceAccount: 'serviceaccounts',
  StatefulSet: 'statefulsets',
  StorageClass: 'storageclasses',
};

/**
 * The resource name of a kind in an API group: `resourceNames` keyed
 * `Kind.group` (as kubectl names a kind, e.g. `DatabaseClaim.platform.example.org`;
 * `Kind` alone for the core group), then keyed `Kind` in any group, then the
 * built-in table. Undefined when none names it.
 */
export function resourceNameOf(
  group: string,
  kind: string,
  resourceNames: Readonly<Record<string, string>>,
): string | undefined {
  const qualified = group === '' || group === '*' ? kind : `${kind}.${group}`;
  for (const key of [qualified, kind]) {
    if (Object.hasOwn(resourceNames, key)) return resourceNames[key];
  }
  return Object.hasOwn(BUILT_IN_RESOURCE_NAMES, kind)
    ? BUILT_IN_RESOURCE_NAMES[kind]
    : undefined;
}

/** A kind in an API group, as a guardrail's match names it. @public */
export interface GroupKind {
  /** `""` for the core group. */
  group: string;
  kind: string;
}

/**
 * The kinds a guardrail matches whose resource name is not known: neither
 * built in nor in `resourceNames`. Wildcards need no name. Resolve these
 * (from a cluster's discovery) to export the guardrail to admission.
 * @public
 */
export function kindsWithoutResourceNames(
  guardrail: Guardrail,
  resourceNames: Readonly<Record<string, string>> = {},
): GroupKind[] {
  const missing = new Map<string, GroupKind>();
  for (const rule of guardrail.match.resources) {
    for (const group of rule.apiGroups) {
      for (const kind of rule.kinds) {
        if (kind === '*' || resourceNameOf(group, kind, resourceNames))
          continue;
        missing.set(`${kind}.${group}`, { group, kind });
      }
    }
  }
  return [...missing.values()];
}
