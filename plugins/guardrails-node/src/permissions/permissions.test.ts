import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { guardrailsNamespaceProvisionPermission } from '@guardrails-dev/plugin-guardrails-common';
import {
  createGuardrailsEnvironmentAuthorizer,
  createGuardrailsEnvironmentConditionalDecision,
  guardrailsEnvironmentConditions,
  guardrailsEnvironmentPermissionRules,
} from '..';

const { isEnvironment, isOwnerMember } = guardrailsEnvironmentConditions;

describe('guardrails-environment permission conditions', () => {
  const authorize = createGuardrailsEnvironmentAuthorizer();
  const devOrOwner = createGuardrailsEnvironmentConditionalDecision(
    guardrailsNamespaceProvisionPermission,
    {
      anyOf: [
        isEnvironment({ environments: ['dev'] }),
        isOwnerMember({
          claims: ['user:default/ada', 'group:default/payments'],
        }),
      ],
    },
  );

  it('builds a conditional decision for the guardrails-environment resource type', () => {
    expect(devOrOwner).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'guardrails',
      resourceType: 'guardrails-environment',
      conditions: {
        anyOf: [
          {
            rule: 'IS_ENVIRONMENT',
            resourceType: 'guardrails-environment',
            params: { environments: ['dev'] },
          },
          {
            rule: 'IS_OWNER_MEMBER',
            resourceType: 'guardrails-environment',
            params: { claims: ['user:default/ada', 'group:default/payments'] },
          },
        ],
      },
    });
  });

  it('allows anyone in dev and members of the owner elsewhere', () => {
    expect(
      authorize(devOrOwner, {
        environment: 'dev',
        owner: 'group:default/storefront',
      }),
    ).toBe(true);
    expect(
      authorize(devOrOwner, {
        environment: 'prod',
        owner: 'group:default/payments',
      }),
    ).toBe(true);
    expect(
      authorize(devOrOwner, {
        environment: 'prod',
        owner: 'group:default/storefront',
      }),
    ).toBe(false);
    expect(
      authorize(devOrOwner, {
        environment: 'staging',
        owner: 'group:default/storefront',
      }),
    ).toBe(false);
  });

  it('compares owner refs case-insensitively and with the default namespace implied', () => {
    expect(
      authorize(devOrOwner, { environment: 'prod', owner: 'Group:Payments' }),
    ).toBe(true);
    expect(
      authorize(devOrOwner, { environment: 'prod', owner: 'not a ref' }),
    ).toBe(false);
  });

  it('passes definitive decisions through', () => {
    const resource = { environment: 'prod', owner: 'group:default/payments' };
    expect(authorize({ result: AuthorizeResult.ALLOW }, resource)).toBe(true);
    expect(authorize({ result: AuthorizeResult.DENY }, resource)).toBe(false);
  });

  it('supports not and allOf criteria', () => {
    const notProd = createGuardrailsEnvironmentConditionalDecision(
      guardrailsNamespaceProvisionPermission,
      {
        allOf: [
          { not: isEnvironment({ environments: ['prod'] }) },
          isOwnerMember({ claims: ['group:default/payments'] }),
        ],
      },
    );
    expect(
      authorize(notProd, {
        environment: 'staging',
        owner: 'group:default/payments',
      }),
    ).toBe(true);
    expect(
      authorize(notProd, {
        environment: 'prod',
        owner: 'group:default/payments',
      }),
    ).toBe(false);
  });

  it('throws on a condition naming a rule of another resource', () => {
    const foreign: PolicyDecision = {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'guardrails-environment',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'guardrails-environment',
        params: { claims: [] },
      },
    };
    expect(() =>
      authorize(foreign, { environment: 'dev', owner: 'group:default/x' }),
    ).toThrow(/Unknown permission rule 'IS_ENTITY_OWNER'/);
  });

  it('describes and validates rule parameters', () => {
    const schema = guardrailsEnvironmentPermissionRules.isOwnerMember
      .paramsSchema as any;
    expect(
      schema['~standard'].jsonSchema.input({ target: 'draft-07' }),
    ).toEqual({
      type: 'object',
      properties: {
        claims: {
          type: 'array',
          items: { type: 'string' },
          description: expect.stringContaining('ownership entity refs'),
        },
      },
      required: ['claims'],
      additionalProperties: false,
    });
    expect(
      schema['~standard'].validate({ claims: ['group:default/a'] }),
    ).toEqual({
      value: { claims: ['group:default/a'] },
    });
    expect(
      schema['~standard'].validate({ claims: 'group:default/a' }).issues,
    ).toEqual([
      { message: 'claims must be a list of strings', path: ['claims'] },
    ]);
  });
});
