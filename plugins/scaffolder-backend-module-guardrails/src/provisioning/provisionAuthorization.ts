import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { guardrailsNamespaceProvisionPermission } from '@guardrails-dev/plugin-guardrails-common';
import {
  createGuardrailsEnvironmentAuthorizer,
  GuardrailsEnvironmentResource,
} from '@guardrails-dev/plugin-guardrails-node';

/** Says whether the initiator may provision for an owner in an environment. */
export type ProvisionAuthorization = (
  resource: GuardrailsEnvironmentResource,
) => boolean;

const authorizer = createGuardrailsEnvironmentAuthorizer();

/**
 * Asks the permission policy once about `guardrails.namespace.provision` and returns a check that
 * evaluates the answer for any environment and owner: a conditional decision is evaluated here,
 * against the environment and owner of the request, with the environment rules.
 */
export async function loadProvisionAuthorization(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<ProvisionAuthorization> {
  const [decision] = await permissions.authorizeConditional(
    [{ permission: guardrailsNamespaceProvisionPermission }],
    { credentials },
  );
  return resource => authorizer(decision, resource);
}
