import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { GUARDRAILS_ENVIRONMENT_RESOURCE_TYPE } from '@guardrails-dev/plugin-guardrails-common';

/**
 * What a permission on resource type `guardrails-environment` is decided against: the environment
 * a namespace is provisioned in and the entity that will own it.
 * @public
 */
export interface GuardrailsEnvironmentResource {
  /** Environment name, for example `prod`. */
  environment: string;
  /** Owner entity ref, for example `group:default/payments`. */
  owner: string;
}

/**
 * Filter form of the environment rules. Environments live in configuration, not in a database,
 * so nothing translates it into a query; it exists because every permission rule needs one.
 * @public
 */
export interface GuardrailsEnvironmentQuery {
  property: 'environment' | 'owner';
  values: string[];
}

/**
 * Resource ref of the `guardrails-environment` resource type, for rules and condition exports.
 * @public
 */
export const guardrailsEnvironmentResourceRef = createPermissionResourceRef<
  GuardrailsEnvironmentResource,
  GuardrailsEnvironmentQuery
>().with({
  pluginId: 'guardrails',
  resourceType: GUARDRAILS_ENVIRONMENT_RESOURCE_TYPE,
});
