import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Resource type of permissions scoped to an environment: callers pass the
 * environment name (`dev`, `prod`, ...) as the resource ref, so policies can
 * allow provisioning in some environments only.
 * @public
 */
export const GUARDRAILS_ENVIRONMENT_RESOURCE_TYPE = 'guardrails-environment';

/**
 * Read the fleet-wide view: every entity's status (`/summary`), history of everything, distributions and
 * what-if impact. Service callers (such as the catalog module) are allowed by the permission framework.
 * @public
 */
export const guardrailsReportReadPermission = createPermission({
  name: 'guardrails.report.read',
  attributes: { action: 'read' },
});

/**
 * Read one catalog entity's report and history. A resource permission on catalog entities (the resource ref
 * is the entity ref), so a policy can answer with the catalog's conditions (`isEntityOwner`, ...); the backend
 * also answers only for entities the caller can see in the catalog.
 * @public
 */
export const guardrailsEntityReportReadPermission = createPermission({
  name: 'guardrails.entity.report.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
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

/**
 * Pause and resume admission enforcement of an environment: while paused, the environment's bindings audit only.
 * Kept apart from reading and auditing, since it switches off what denies requests in a cluster.
 * @public
 */
export const guardrailsEnforcementPausePermission = createPermission({
  name: 'guardrails.enforcement.pause',
  attributes: { action: 'update' },
});

/** Every permission of the suite, for the permission integration router. @public */
export const guardrailsPermissions = [
  guardrailsReportReadPermission,
  guardrailsEntityReportReadPermission,
  guardrailsPackReadPermission,
  guardrailsAuditRunPermission,
  guardrailsNamespaceProvisionPermission,
  guardrailsExemptionReadPermission,
  guardrailsEnforcementPausePermission,
];
