import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Resource type of permissions scoped to an environment: callers pass the
 * environment name (`dev`, `prod`, ...) as the resource ref, so policies can
 * allow provisioning in some environments only.
 * @public
 */
export const GUARDRAILS_ENVIRONMENT_RESOURCE_TYPE = 'guardrails-environment';

/** Read guardrail results and reports. @public */
export const guardrailsReportReadPermission = createPermission({
  name: 'guardrails.report.read',
  attributes: { action: 'read' },
});

/** Read the guardrail pack (definitions, rationale, rollout plans). @public */
export const guardrailsPackReadPermission = createPermission({
  name: 'guardrails.pack.read',
  attributes: { action: 'read' },
});

/** Start an audit run against the clusters. @public */
export const guardrailsAuditRunPermission = createPermission({
  name: 'guardrails.audit.run',
  attributes: { action: 'update' },
});

/** Provision a guarded namespace in an environment (the resource ref is the environment name). @public */
export const guardrailsNamespaceProvisionPermission = createPermission({
  name: 'guardrails.namespace.provision',
  attributes: { action: 'create' },
  resourceType: GUARDRAILS_ENVIRONMENT_RESOURCE_TYPE,
});

/** Read exemptions, including their justification and approver. @public */
export const guardrailsExemptionReadPermission = createPermission({
  name: 'guardrails.exemption.read',
  attributes: { action: 'read' },
});

/** Every permission of the suite, for the permission integration router. @public */
export const guardrailsPermissions = [
  guardrailsReportReadPermission,
  guardrailsPackReadPermission,
  guardrailsAuditRunPermission,
  guardrailsNamespaceProvisionPermission,
  guardrailsExemptionReadPermission,
];
