import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  guardrailsEntityReportReadPermission,
  guardrailsNamespaceProvisionPermission,
  guardrailsReportReadPermission,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  createGuardrailsEnvironmentConditionalDecision,
  guardrailsEnvironmentConditions,
} from '@guardrails-dev/plugin-guardrails-node';

/** Environments where anyone signed in may provision namespaces. */
export const OPEN_ENVIRONMENTS = ['dev'];

/** The team that runs the platform: it sees every guardrail result. */
export const PLATFORM_GROUP = 'group:default/platform';

/**
 * The dev portal's policy: anyone may provision namespaces in dev; elsewhere (staging, prod) only
 * members of the group that will own the namespace. The platform team reads every result; other
 * users read the reports of the entities their groups own (the catalog applies the condition) and
 * not the fleet-wide view. Everything else is allowed, as in a portal without a policy.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, guardrailsReportReadPermission)) {
      const claims = await this.claimsOf(user?.credentials);
      return {
        result: claims.includes(PLATFORM_GROUP)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (
      isPermission(request.permission, guardrailsEntityReportReadPermission)
    ) {
      const claims = await this.claimsOf(user?.credentials);
      if (claims.includes(PLATFORM_GROUP)) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (
      isPermission(request.permission, guardrailsNamespaceProvisionPermission)
    ) {
      return createGuardrailsEnvironmentConditionalDecision(
        request.permission,
        {
          anyOf: [
            guardrailsEnvironmentConditions.isEnvironment({
              environments: OPEN_ENVIRONMENTS,
            }),
            guardrailsEnvironmentConditions.isOwnerMember({
              claims: await this.claimsOf(user?.credentials),
            }),
          ],
        },
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }

  /** The user and the groups the user belongs to, as the catalog resolved them at sign-in. */
  private async claimsOf(
    credentials: BackstageCredentials | undefined,
  ): Promise<string[]> {
    if (!credentials) {
      return [];
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      credentials,
    );
    return ownershipEntityRefs;
  }
}
