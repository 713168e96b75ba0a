import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  createPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  guardrailsEntityReportReadPermission,
  guardrailsNamespaceProvisionPermission,
  guardrailsReportReadPermission,
} from '@guardrails-dev/plugin-guardrails-common';
import { createGuardrailsEnvironmentAuthorizer } from '@guardrails-dev/plugin-guardrails-node';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

describe('PortalPermissionPolicy', () => {
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      const groups: Record<string, string> = {
        'user:default/ada': 'group:default/payments',
        'user:default/guest': 'group:default/platform',
      };
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, groups[ref] ?? 'group:default/storefront'],
      };
    },
  });
  const policy = new PortalPermissionPolicy(userInfo);
  const authorize = createGuardrailsEnvironmentAuthorizer();

  const decisionFor = (
    userEntityRef: string,
    permission: Permission = guardrailsNamespaceProvisionPermission,
  ): Promise<PolicyDecision> => {
    const credentials = mockCredentials.user(userEntityRef);
    return policy.handle(
      { permission },
      {
        credentials,
        info: { userEntityRef, ownershipEntityRefs: [] },
      },
    );
  };

  /** Applies a decision to an entity the way the catalog does, with its own rules. */
  const allowsEntity = createConditionAuthorizer(
    Object.values(permissionRules),
  );
  const ownedBy = (owner: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', namespace: 'default' },
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  });

  it('lets the platform team read every result, fleet-wide and per entity', async () => {
    for (const permission of [
      guardrailsReportReadPermission,
      guardrailsEntityReportReadPermission,
    ]) {
      await expect(
        decisionFor('user:default/guest', permission),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('lets other users read the reports of the entities their groups own, and not the fleet-wide view', async () => {
    await expect(
      decisionFor('user:default/ada', guardrailsReportReadPermission),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });

    const decision = await decisionFor(
      'user:default/ada',
      guardrailsEntityReportReadPermission,
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
    });
    expect(allowsEntity(decision, ownedBy('group:default/payments'))).toBe(
      true,
    );
    expect(allowsEntity(decision, ownedBy('group:default/storefront'))).toBe(
      false,
    );
  });

  it('gives no results without a signed-in user', async () => {
    await expect(
      policy.handle({ permission: guardrailsReportReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    const decision = await policy.handle({
      permission: guardrailsEntityReportReadPermission,
    });
    expect(allowsEntity(decision, ownedBy('group:default/payments'))).toBe(
      false,
    );
  });

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
