import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { guardrailsNamespaceProvisionPermission } from '@guardrails-dev/plugin-guardrails-common';
import { createGuardrailsEnvironmentAuthorizer } from '@guardrails-dev/plugin-guardrails-node';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

describe('PortalPermissionPolicy', () => {
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs:
          ref === 'user:default/ada'
            ? [ref, 'group:default/payments']
            : [ref, 'group:default/storefront'],
      };
    },
  });
  const policy = new PortalPermissionPolicy(userInfo);
  const authorize = createGuardrailsEnvironmentAuthorizer();

  const decisionFor = (userEntityRef: string): Promise<PolicyDecision> => {
    const credentials = mockCredentials.user(userEntityRef);
    return policy.handle(
      { permission: guardrailsNamespaceProvisionPermission },
      {
        credentials,
        info: { userEntityRef, ownershipEntityRefs: [] },
      },
    );
  };

  it('lets anyone provision in dev', async () => {
    const decision = await decisionFor('user:default/grace');
    expect(
      authorize(decision, {
        environment: 'dev',
        owner: 'group:default/payments',
      }),
    ).toBe(true);
  });

  it('lets members of the owning group provision in staging and prod', async () => {
    const decision = await decisionFor('user:default/ada');
    for (const environment of ['staging', 'prod']) {
      expect(
        authorize(decision, { environment, owner: 'group:default/payments' }),
      ).toBe(true);
    }
  });

  it('denies staging and prod to everyone else', async () => {
    const decision = await decisionFor('user:default/grace');
    for (const environment of ['staging', 'prod']) {
      expect(
        authorize(decision, { environment, owner: 'group:default/payments' }),
      ).toBe(false);
    }
  });

  it('allows only dev without a signed-in user', async () => {
    const decision = await policy.handle({
      permission: guardrailsNamespaceProvisionPermission,
    });
    expect(
      authorize(decision, { environment: 'dev', owner: 'group:default/x' }),
    ).toBe(true);
    expect(
      authorize(decision, { environment: 'prod', owner: 'group:default/x' }),
    ).toBe(false);
  });

  it('allows every other permission', async () => {
    await expect(
      policy.handle({
        permission: createPermission({
          name: 'catalog.entity.read',
          attributes: { action: 'read' },
        }),
      }),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
