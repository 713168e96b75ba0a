// One table of every served resource with its names and rules, as discovery serves them; kept whole so the
// simulator's API surface reads in one place.
/** How names of a resource are validated, as the real API server does per type. */
export type NameRule =
  | 'dns1123-subdomain'
  | 'dns1123-label'
  | 'dns1035-label'
  | 'path-segment';

/** One resource type the simulator serves. */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  /** Custom resources carry apiVersion and kind on list items; built-in types do not. */
  custom: boolean;
  /** Status is owned by the `/status` subresource: writes to the main resource leave it unchanged. */
  statusSubresource: boolean;
  nameRule: NameRule;
  /** Categories (`all`, …) of a custom resource, from its CustomResourceDefinition. */
  categories?: string[];
  /** The CustomResourceDefinition version that defines a custom resource: schema, printer columns. */
  definition?: CustomVersion;
}

/** What a CustomResourceDefinition says about the version the simulator serves. */
export interface CustomVersion {
  /** `schema.openAPIV3Schema` of the version, when it has one. */
  schema?: Record<string, unknown>;
  /** `additionalPrinterColumns` of the version. */
  printerColumns: Array<{
    name: string;
    type: string;
    format?: string;
    description?: string;
    priority?: number;
    jsonPath: string;
  }>;
}

type Def = Omit<ResourceType, 'group' | 'version' | 'custom'> & {
  custom?: boolean;
};

function groupOf(group: string, version: string, defs: Def[]): ResourceType[] {
  return defs.map(d => ({ custom: false, ...d, group, version }));
}

const sub = 'dns1123-subdomain' as const;

/** Every resource type served, in discovery order. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  ...groupOf('', 'v1', [
    {
      kind: 'ConfigMap',
      plural: 'configmaps',
      singular: 'configmap',
      namespaced: true,
      shortNames: ['cm'],
      statusSubresource: false,
      nameRule: sub,
    },
    {
      kind: 'LimitRange',
      plural: 'limitranges',
      singular: 'limitrange',
      namespaced: true,
      shortNames: ['limits'],
      statusSubresource: false,
      nameRule: sub,
    },
    {
      kind: 'Namespace',
      plural: 'namespaces',
      singular: 'namespace',
      namespaced: false,
      shortNames: ['ns'],
      statusSubresource: true,
      nameRule: 'dns1123-label',
    },
    {
      kind: 'Pod',
      plural: 'pods',
      singular: 'pod',
      namespaced: true,
      shortNames: ['po'],
      statusSubresource: true,
      nameRule: sub,
    },
    {
      kind: 'ResourceQuota',
      plural: 'resourcequotas',
      singular: 'resourcequota',
      namespaced: true,
      shortNames: ['quota'],
      statusSubresource: true,
      nameRule: sub,
    },
    {
      kind: 'Secret',
      plural: 'secrets',
      singular: 'secret',
      namespaced: true,
      statusSubresource: false,
      nameRule: sub,
    },
    {
      kind: 'ServiceAccount',
      plural: 'serviceaccounts',
      singular: 'serviceaccount',
      namespaced: true,
      shortNames: ['sa'],
      statusSubresource: false,
      nameRule: sub,
    },
    {
      kind: 'Service',
      plural: 'services',
      singular: 'service',
      namespaced: true,
      shortNames: ['svc'],
      statusSubresource: true,
      nameRule: 'dns1035-label',
    },
  ]),
  ...groupOf('apps', 'v1', [
    {
      kind: 'DaemonSet',
      plural: 'daemonsets',
      singular: 'daemonset',
      namespaced: true,
      shortNames: ['ds'],
      statusSubresource: true,
      nameRule: sub,
    },
    {
      kind: 'Deployment',
      plural: 'deployments',
      singular: 'deployment',
      namespaced: true,
      shortNames: ['deploy'],
      statusSubresource: true,
      nameRule: sub,
    },
    {
      kind: 'ReplicaSet',
      plural: 'replicasets',
      singular: 'replicaset',
      namespaced: true,
      shortNames: ['rs'],
      statusSubresource: true,
      nameRule: sub,
    },
    {
      kind: 'StatefulSet',
      plural: 'statefulsets',
      singular: 'statefulset',
      namespaced: true,
      shortNames: ['sts'],
      statusSubresource: true,
      nameRule: sub,
    },
  ]),
  ...groupOf('batch', 'v1', [
    {
      kind: 'CronJob',
      plural: 'cronjobs',
      singular: 'cronjob',
      namespaced: true,
      shortNames: ['cj'],
      statusSubresource: true,
      nameRule: sub,
    },
    {
      kind: 'Job',
      plural: 'jobs',
      singular: 'job',
      namespaced: true,
      statusSubresource: true,
      nameRule: sub,
    },
  ]),
  ...groupOf('networking.k8s.io', 'v1', [
    {
      kind: 'NetworkPolicy',
      plural: 'networkpolicies',
      singular: 'networkpolicy',
      namespaced: true,
      shortNames: ['netpol'],
      statusSubresource: false,
      nameRule: sub,
    },
  ]),
  ...groupOf('rbac.authorization.k8s.io', 'v1', [
    {
      kind: 'ClusterRoleBinding',
      plural: 'clusterrolebindings',
      singular: 'clusterrolebinding',
      namespaced: false,
      statusSubresource: false,
      nameRule: 'path-segment',
    },
    {
      kind: 'ClusterRole',
      plural: 'clusterroles',
      singular: 'clusterrole',
      namespaced: false,
      statusSubresource: false,
      nameRule: 'path-segment',
    },
    {
      kind: 'RoleBinding',
      plural: 'rolebindings',
      singular: 'rolebinding',
      namespaced: true,
      statusSubresource: false,
      nameRule: 'path-segment',
    },
    {
      kind: 'Role',
      plural: 'roles',
      singular: 'role',
      namespaced: true,
      statusSubresource: false,
      nameRule: 'path-segment',
    },
  ]),
  ...groupOf('policy', 'v1', [
    {
      kind: 'PodDisruptionBudget',
      plural: 'poddisruptionbudgets',
      singular: 'poddisruptionbudget',
      namespaced: true,
      shortNames: ['pdb'],
      statusSubresource: true,
      nameRule: sub,
    },
  ]),
  ...groupOf('admissionregistration.k8s.io', 'v1', [
    {
      kind: 'ValidatingAdmissionPolicy',
      plural: 'validatingadmissionpolicies',
      singular: 'validatingadmissionpolicy',
      namespaced: false,
      statusSubresource: true,
      nameRule: sub,
    },
    {
      kind: 'ValidatingAdmissionPolicyBinding',
      plural: 'validatingadmissionpolicybindings',
      singular: 'validatingadmissionpolicybinding',
      namespaced: false,
      statusSubresource: false,
      nameRule: sub,
    },
  ]),
  ...groupOf('apiextensions.k8s.io', 'v1', [
    {
      kind: 'CustomResourceDefinition',
      plural: 'customresourcedefinitions',
      singular: 'customresourcedefinition',
      namespaced: false,
      shortNames: ['crd', 'crds'],
      statusSubresource: true,
      nameRule: sub,
    },
  ]),
  ...groupOf('wgpolicyk8s.io', 'v1alpha2', [
    {
      kind: 'ClusterPolicyReport',
      plural: 'clusterpolicyreports',
      singular: 'clusterpolicyreport',
      namespaced: false,
      shortNames: ['cpolr'],
      custom: true,
      statusSubresource: false,
      nameRule: sub,
    },
    {
      kind: 'PolicyReport',
      plural: 'policyreports',
      singular: 'policyreport',
      namespaced: true,
      shortNames: ['polr'],
      custom: true,
      statusSubresource: false,
      nameRule: sub,
    },
  ]),
  ...groupOf('openreports.io', 'v1alpha1', [
    {
      kind: 'Report',
      plural: 'reports',
      singular: 'report',
      namespaced: true,
      custom: true,
      statusSubresource: false,
      nameRule: sub,
    },
  ]),
];

/** `apiVersion` as written in objects: `v1` for the core group, `<group>/<version>` otherwise. */
export function apiVersionOf(rt: { group: string; version: string }): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

/** Resource name qualified by group, as the API server writes it in messages: `deployments.apps`. */
export function qualifiedResource(rt: ResourceType): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

/** Finds a type by the URL parts `/api|apis/<group>/<version>/<plural>`. */
export function findByPlural(
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    r => r.group === group && r.version === version && r.plural === plural,
  );
}

/** Finds a type by an object's `apiVersion` and `kind`. */
export function findByKind(
  apiVersion: string,
  kind: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    r => apiVersionOf(r) === apiVersion && r.kind === kind,
  );
}

/** Group versions served, in order, with their resource types. */
export function groupVersions(
  types: readonly ResourceType[] = RESOURCE_TYPES,
): Array<{
  group: string;
  version: string;
  resources: ResourceType[];
}> {
  const out: Array<{
    group: string;
    version: string;
    resources: ResourceType[];
  }> = [];
  for (const r of types) {
    let gv = out.find(g => g.group === r.group && g.version === r.version);
    if (!gv) {
      gv = { group: r.group, version: r.version, resources: [] };
      out.push(gv);
    }
    gv.resources.push(r);
  }
  return out;
}
