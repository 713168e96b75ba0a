/**
 * Scaffolder actions of Guardrails for Backstage: guarded namespaces, environments, pre-flight
 * validation and applying checked manifests into guarded namespaces.
 *
 * @packageDocumentation
 */
export { scaffolderModuleGuardrails as default } from './module';
export { createGuardrailsActions } from './actions';
export type { GuardrailsActionsOptions } from './actions';
export {
  createNamespaceProvisionAction,
  type ProvisionActionOptions,
} from './actions/namespaceProvision';
export {
  createEnvironmentProvisionAction,
  type EnvironmentProvisionOutcome,
} from './actions/environmentProvision';
export {
  createValidateAction,
  GuardrailViolationError,
  type ValidateActionOptions,
} from './actions/validate';
export {
  createManifestsApplyAction,
  type ManifestsApplyActionOptions,
} from './actions/manifestsApply';
export { MANIFESTS_APPLY_AUDIT_EVENT } from './applying/applyAudit';
export { ClusterProvisionError } from './provisioning/ClusterProvisionError';
export { NAMESPACE_PROVISION_AUDIT_EVENT } from './provisioning/provisionAudit';
// Defined in -common with the suite's other annotations; exported here too, where they were first.
export {
  GUARDRAILS_CLUSTERS_ANNOTATION,
  KUBERNETES_NAMESPACE_RESOURCE_TYPE,
} from '@guardrails-dev/plugin-guardrails-common';
export type {
  NamespaceProvisionResult,
  NamespaceRequest,
  ProvisionedObject,
  ProvisionOutcome,
} from './provisioning/types';
export type { EntityOutput } from './actions/outputSchemas';
