import { Entity } from '@backstage/catalog-model';

/**
 * What provisioning did to an object (`created`, `updated`, `unchanged`) or, in a dry run, would
 * do (`would-create`, `would-change`, `unchanged`).
 * @public
 */
export type ProvisionOutcome =
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'would-create'
  | 'would-change';

/** One object of a guarded namespace on one cluster. @public */
export interface ProvisionedObject {
  cluster: string;
  apiVersion: string;
  kind: string;
  name: string;
  /** Absent for the Namespace itself. */
  namespace?: string;
  outcome: ProvisionOutcome;
}

/** What to provision: the inputs of `guardrails:namespace:provision`. @public */
export interface NamespaceRequest {
  /** Owner entity ref (group or user), e.g. `group:default/payments`. */
  owner: string;
  /** Entity ref of the component the namespace is for, e.g. `component:default/payments-api`. */
  component: string;
  /** Namespace name. */
  namespace: string;
  /** Configured environment, e.g. `prod`. */
  environment: string;
  /** Size profile of the environment; the environment's first size when absent. */
  size?: string;
  costCenter: string;
  /** Extra namespace labels; keys under `guardrails.dev/` and `pod-security.kubernetes.io/` are reserved. */
  extraLabels?: Record<string, string>;
}

/** The result of provisioning one namespace in one environment (on each of its clusters). @public */
export interface NamespaceProvisionResult {
  environment: string;
  namespace: string;
  clusters: string[];
  dryRun: boolean;
  objects: ProvisionedObject[];
  /** Catalog `Resource` entity describing the namespace, ready for `catalog:write`. */
  entity: Entity;
}
