import { apiVersionOf, ResourceType } from './resources';
import { ResourceRegistry } from './ResourceRegistry';

/** Verbs advertised for every type. */
const VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
/** Namespaces are deleted one by one only, as on a real cluster. */
const NAMESPACE_VERBS = VERBS.filter(v => v !== 'deletecollection');

/** The Kubernetes release the simulated API follows. */
export const KUBERNETES_VERSION = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.0',
};

export function versionInfo(clusterName: string): Record<string, unknown> {
  return {
    major: KUBERNETES_VERSION.major,
    minor: KUBERNETES_VERSION.minor,
    gitVersion: `${KUBERNETES_VERSION.gitVersion}+kube-simulator`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'n/a',
    compiler: 'kube-simulator',
    platform: `${process.platform}/${process.arch}`,
    // Not part of version.Info: clients ignore it; people reading /version see which cluster answers.
    clusterName,
  };
}

export function coreApiVersions(
  serverAddress: string,
): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(group: string, version: string) {
  const gv = { groupVersion: `${group}/${version}`, version };
  return { name: group, versions: [gv], preferredVersion: gv };
}

export function apiGroupList(types: ResourceRegistry): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: types
      .groupVersions()
      .filter(g => g.group !== '')
      .map(g => groupEntry(g.group, g.version)),
  };
}

/** `/apis/<group>`: the group and its versions, or undefined when not served. */
export function apiGroup(
  types: ResourceRegistry,
  group: string,
): Record<string, unknown> | undefined {
  const gv = types.groupVersions().find(g => g.group === group && group !== '');
  return gv
    ? {
        kind: 'APIGroup',
        apiVersion: 'v1',
        ...groupEntry(gv.group, gv.version),
      }
    : undefined;
}

function resourceEntry(rt: ResourceType) {
  return {
    name: rt.plural,
    singularName: rt.singular,
    namespaced: rt.namespaced,
    kind: rt.kind,
    verbs: rt.kind === 'Namespace' && rt.group === '' ? NAMESPACE_VERBS : VERBS,
    ...(rt.shortNames ? { shortNames: rt.shortNames } : {}),
    ...(rt.categories ? { categories: rt.categories } : {}),
  };
}

function statusEntry(rt: ResourceType) {
  return {
    name: `${rt.plural}/status`,
    singularName: '',
    namespaced: rt.namespaced,
    kind: rt.kind,
    verbs: ['get', 'patch', 'update'],
  };
}

/** `/api/v1` or `/apis/<group>/<version>`: an APIResourceList, or undefined when not served. */
export function apiResourceList(
  types: ResourceRegistry,
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const gv = types
    .groupVersions()
    .find(g => g.group === group && g.version === version);
  if (!gv) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(gv),
    resources: gv.resources.flatMap(rt =>
      rt.statusSubresource
        ? [resourceEntry(rt), statusEntry(rt)]
        : [resourceEntry(rt)],
    ),
  };
}
