import { PolicyDecision } from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionExports,
  PermissionRule,
} from '@backstage/plugin-permission-node';
import {
  GuardrailsEnvironmentResource,
  guardrailsEnvironmentResourceRef,
} from './environmentResource';
import { guardrailsEnvironmentPermissionRules } from './environmentRules';

const conditionExports = createConditionExports({
  resourceRef: guardrailsEnvironmentResourceRef,
  rules: guardrailsEnvironmentPermissionRules,
});

/**
 * Conditions for permission policies, for example
 * `guardrailsEnvironmentConditions.isEnvironment({ environments: ['dev'] })` or
 * `guardrailsEnvironmentConditions.isOwnerMember({ claims: userInfo.ownershipEntityRefs })`.
 * @public
 */
export const guardrailsEnvironmentConditions = conditionExports.conditions;

/**
 * Wraps conditions into the conditional decision a permission policy returns for a
 * `guardrails-environment` permission such as `guardrails.namespace.provision`.
 * @public
 */
export const createGuardrailsEnvironmentConditionalDecision =
  conditionExports.createConditionalDecision;

/**
 * Decides a policy decision for one environment and owner: ALLOW and DENY as they are, and the
 * conditions of a CONDITIONAL decision evaluated with the environment rules. A condition naming a
 * rule these rules do not have throws.
 * @public
 */
export function createGuardrailsEnvironmentAuthorizer(): (
  decision: PolicyDecision,
  resource: GuardrailsEnvironmentResource,
) => boolean {
  const rules = new Map<
    string,
    PermissionRule<GuardrailsEnvironmentResource, unknown, string>
  >(
    Object.values(guardrailsEnvironmentPermissionRules).map(rule => [
      rule.name,
      rule,
    ]),
  );
  return createConditionAuthorizer<GuardrailsEnvironmentResource>({
    getRuleByName(name) {
      const rule = rules.get(name);
      if (!rule) {
        throw new Error(
          `Unknown permission rule '${name}' for resource type '${guardrailsEnvironmentResourceRef.resourceType}'`,
        );
      }
      return rule;
    },
  });
}
