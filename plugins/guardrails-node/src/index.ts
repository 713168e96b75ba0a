/**
 * Node library of Guardrails for Backstage: what backend plugins and modules share — cluster
 * access from `kubernetes.clusterLocatorMethods`, the environment map and namespace profiles,
 * server-side apply, and the configured pack (loaded from disk once, as a service).
 *
 * @packageDocumentation
 */

export { readGuardrailsConfig } from './config/readGuardrailsConfig';
export { quotaToHard } from './config/quotaToHard';
export { toBaselineSize } from './config/toBaselineSize';
export type {
  ClusterDefinition,
  ClusterRequestSettings,
  EnvironmentDefinition,
  GuardrailsConfig,
  NamespaceProfile,
  NetworkPolicyMode,
  PodSecurityLevel,
  ResourcePair,
  SizeProfile,
} from './config/types';
export { ClusterAccess, createClusterClients } from './cluster/ClusterAccess';
export type { ClusterAccessOptions } from './cluster/ClusterAccess';
export {
  ClusterConflictError,
  ClusterRequestError,
} from './cluster/ClusterRequestError';
export type {
  ClusterRequestFailure,
  ClusterRequestTarget,
  ClusterVerb,
} from './cluster/ClusterRequestError';
export { FIELD_MANAGER } from './cluster/KubeClusterClient';
export { redactAddresses } from './cluster/redactAddresses';
export type { BackoffSettings } from './cluster/retryPolicy';
export type {
  ApplyOptions,
  ApplyOutcome,
  ApplyResult,
  ClusterClient,
  KubernetesObject,
  ListOptions,
  ListPage,
  ServedKind,
  WatchEvent,
  WatchHandle,
  WatchOptions,
} from './cluster/types';
export { clusterAccessServiceRef } from './service/clusterAccessServiceRef';
export {
  guardrailsPackServiceRef,
  loadGuardrailsPack,
} from './service/guardrailsPackServiceRef';
export type { GuardrailsPack } from './service/guardrailsPackServiceRef';
export { defaultPackDir } from './packs/defaultPackDir';
export { loadPackFromDirectories } from './packs/loadPackFromDirectories';
export { loadConfiguredPack } from './packs/loadConfiguredPack';
export * from './permissions';
export { namespaceResourceName } from './catalog/namespaceResourceName';
