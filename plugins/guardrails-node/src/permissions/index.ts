export {
  guardrailsEnvironmentResourceRef,
  type GuardrailsEnvironmentResource,
  type GuardrailsEnvironmentQuery,
} from './environmentResource';
export {
  isEnvironment,
  isOwnerMember,
  guardrailsEnvironmentPermissionRules,
} from './environmentRules';
export {
  guardrailsEnvironmentConditions,
  createGuardrailsEnvironmentConditionalDecision,
  createGuardrailsEnvironmentAuthorizer,
} from './environmentConditions';
