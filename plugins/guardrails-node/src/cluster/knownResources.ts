/** Where a kind lives in the API: its plural resource name and whether it is namespaced. */
export interface ResourceInfo {
  plural: string;
  namespaced: boolean;
}

type Table = Record<string, Record<string, ResourceInfo>>;

const ns = (plural: string): ResourceInfo => ({ plural, namespaced: true });
const cluster = (plural: string): ResourceInfo => ({
  plural,
  namespaced: false,
});

/**
 * Kinds the suite works with, by apiVersion. Saves a discovery round trip for every cluster;
 * other kinds are discovered from the cluster.
 */
const KNOWN: Table = {
  v1: {
    Namespace: cluster('namespaces'),
    Pod: ns('pods'),
    Service: ns('services'),
    ServiceAccount: ns('serviceaccounts'),
    ConfigMap: ns('configmaps'),
    Secret: ns('secrets'),
    ResourceQuota: ns('resourcequotas'),
    LimitRange: ns('limitranges'),
  },
  'apps/v1': {
    Deployment: ns('deployments'),
    StatefulSet: ns('statefulsets'),
    DaemonSet: ns('daemonsets'),
    ReplicaSet: ns('replicasets'),
  },
  'batch/v1': {
    Job: ns('jobs'),
    CronJob: ns('cronjobs'),
  },
  'networking.k8s.io/v1': {
    NetworkPolicy: ns('networkpolicies'),
  },
  'rbac.authorization.k8s.io/v1': {
    Role: ns('roles'),
    RoleBinding: ns('rolebindings'),
    ClusterRole: cluster('clusterroles'),
    ClusterRoleBinding: cluster('clusterrolebindings'),
  },
  'policy/v1': {
    PodDisruptionBudget: ns('poddisruptionbudgets'),
  },
  'admissionregistration.k8s.io/v1': {
    ValidatingAdmissionPolicy: cluster('validatingadmissionpolicies'),
    ValidatingAdmissionPolicyBinding: cluster(
      'validatingadmissionpolicybindings',
    ),
  },
  'wgpolicyk8s.io/v1alpha2': {
    PolicyReport: ns('policyreports'),
    ClusterPolicyReport: cluster('clusterpolicyreports'),
  },
  'openreports.io/v1alpha1': {
    Report: ns('reports'),
    ClusterReport: cluster('clusterreports'),
  },
};

/** The group of an apiVersion: `""` for the core group (`v1`). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** A kind of the table by API group, with the apiVersion the suite uses for it. */
export function knownKind(
  group: string,
  kind: string,
): (ResourceInfo & { apiVersion: string }) | undefined {
  for (const [apiVersion, kinds] of Object.entries(KNOWN)) {
    if (groupOf(apiVersion) === group && Object.hasOwn(kinds, kind)) {
      return { apiVersion, ...kinds[kind] };
    }
  }
  return undefined;
}

export function knownResource(
  apiVersion: string,
  kind: string,
): ResourceInfo | undefined {
  return KNOWN[apiVersion]?.[kind];
}
