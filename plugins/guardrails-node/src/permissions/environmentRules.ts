import { createPermissionRule } from '@backstage/plugin-permission-node';
import { normalizeEntityRef } from '@guardrails-dev/plugin-guardrails-common';
import { guardrailsEnvironmentResourceRef } from './environmentResource';
import { stringListParams } from './stringListParams';

/**
 * Matches when the resource's environment is one of `environments`.
 * @public
 */
export const isEnvironment = createPermissionRule<
  typeof guardrailsEnvironmentResourceRef,
  { environments: string[] }
>({
  name: 'IS_ENVIRONMENT',
  description: 'Allow when the environment is one of the listed environments',
  resourceRef: guardrailsEnvironmentResourceRef,
  paramsSchema: stringListParams(
    'environments',
    'Environment names, for example dev',
  ),
  apply: (resource, { environments }) =>
    environments.includes(resource.environment),
  toQuery: ({ environments }) => ({
    property: 'environment' as const,
    values: environments,
  }),
});

/**
 * Matches when the resource's owner is one of `claims`, the ownership entity refs of the user (the
 * user and the groups the user belongs to). Refs compare case-insensitively, `kind:name` meaning
 * namespace `default`.
 * @public
 */
export const isOwnerMember = createPermissionRule<
  typeof guardrailsEnvironmentResourceRef,
  { claims: string[] }
>({
  name: 'IS_OWNER_MEMBER',
  description:
    "Allow when the owner is one of the user's ownership entity refs (the user or one of the user's groups)",
  resourceRef: guardrailsEnvironmentResourceRef,
  paramsSchema: stringListParams(
    'claims',
    "The user's ownership entity refs, for example group:default/payments",
  ),
  apply: (resource, { claims }) => {
    const owner = normalizeEntityRef(resource.owner);
    return (
      owner !== undefined &&
      claims.some(claim => normalizeEntityRef(claim) === owner)
    );
  },
  toQuery: ({ claims }) => ({ property: 'owner' as const, values: claims }),
});

/**
 * The rules of the `guardrails-environment` resource type, by condition name.
 * @public
 */
export const guardrailsEnvironmentPermissionRules = {
  isEnvironment,
  isOwnerMember,
};
