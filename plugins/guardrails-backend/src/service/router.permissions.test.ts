import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
  permissionRules,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityReadPermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogServiceRef,
  CatalogServiceRequestOptions,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createPermissionIntegrationRouter,
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  guardrailsEntityReportReadPermission,
  guardrailsReportReadPermission,
} from '@guardrails-dev/plugin-guardrails-common';
import request from 'supertest';
import { guardrailsPlugin } from '../plugin';
import {
  component,
  deployment,
  namespace,
  startClusters,
} from '../__testUtils__/simulatedClusters';

jest.setTimeout(60_000);

/** Refs of the users, and the groups each belongs to as the catalog resolves them at sign-in. */
const PLATFORM_LEAD = 'user:default/platform-lead';
const ADA = 'user:default/ada';
/** May see only what the payments team owns, in the catalog as in guardrails. */
const CONTRACTOR = 'user:default/contractor';
const MEMBERSHIPS: Record<string, string[]> = {
  [PLATFORM_LEAD]: ['group:default/platform'],
  [ADA]: ['group:default/payments'],
  [CONTRACTOR]: ['group:default/payments'],
};

/** Components as the catalog serves them: processing has added the ownership relations conditions match. */
const owned = (entity: ReturnType<typeof component>): Entity => ({
  ...entity,
  relations: [{ type: 'ownedBy', targetRef: entity.spec.owner }],
});
const entities = [
  owned(
    component(
      'payments-api',
      { 'backstage.io/kubernetes-id': 'payments-api' },
      'group:default/payments',
    ),
  ),
  owned(
    component(
      'checkout',
      { 'backstage.io/kubernetes-id': 'checkout' },
      'group:default/storefront',
    ),
  ),
];

/**
 * A policy as an adopter would write it: the platform team sees everything; everyone else reads the reports
 * of the entities their groups own, and not the fleet-wide view; the contractor sees only owned entities in
 * the catalog.
 */
class TestPolicy implements PermissionPolicy {
  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.includes('group:default/platform')) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(query.permission, guardrailsEntityReportReadPermission)) {
      return createCatalogConditionalDecision(
        query.permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (
      isPermission(query.permission, catalogEntityReadPermission) &&
      user?.info.userEntityRef === CONTRACTOR
    ) {
      return createCatalogConditionalDecision(
        query.permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (isPermission(query.permission, guardrailsReportReadPermission)) {
      return { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

const testPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'test-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new TestPolicy());
      },
    });
  },
});

const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(MEMBERSHIPS[userEntityRef] ?? []),
        ],
      };
    },
  }),
});

/**
 * The catalog's side of the permission framework: the permission backend asks the plugin that owns the
 * resource type to apply a conditional decision to one entity, with the catalog's own rules. (The permission
 * registry's endpoint wants a real on-behalf-of token, which the mock auth service does not issue.)
 */
const catalogConditionsPlugin = createBackendPlugin({
  pluginId: 'catalog',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use(
          createPermissionIntegrationRouter({
            resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
            rules: Object.values(permissionRules),
            getResources: async refs =>
              refs.map(ref =>
                entities.find(e => stringifyEntityRef(e) === ref),
              ),
          }),
        );
      },
    });
  },
});

/** The catalog answers reads as the caller may see them: catalog.entity.read, decided by the policy. */
const visibleCatalog = createServiceFactory({
  service: catalogServiceRef,
  deps: { permissions: coreServices.permissions },
  factory({ permissions }) {
    const catalog = catalogServiceMock({ entities });
    const getEntityByRef = catalog.getEntityByRef.bind(catalog);
    catalog.getEntityByRef = async (ref, options) => {
      const entity = await getEntityByRef(ref, options);
      if (!entity) return undefined;
      const [decision] = await permissions.authorize(
        [
          {
            permission: catalogEntityReadPermission,
            resourceRef: stringifyEntityRef(entity),
          },
        ],
        { credentials: (options as CatalogServiceRequestOptions).credentials },
      );
      return decision.result === AuthorizeResult.ALLOW ? entity : undefined;
    };
    return catalog;
  },
});

async function startBackend() {
  const clusters = await startClusters({
    prod: [
      namespace('payments', { 'backstage.io/kubernetes-id': 'payments-api' }),
      deployment('payments', 'api', {
        container: { securityContext: { privileged: true } },
      }),
      namespace('checkout', { 'backstage.io/kubernetes-id': 'checkout' }),
      deployment('checkout', 'web', {
        container: { securityContext: { privileged: true } },
      }),
    ],
  });
  const { server } = await startTestBackend({
    features: [
      guardrailsPlugin,
      permissionBackend,
      testPolicy,
      catalogConditionsPlugin,
      visibleCatalog,
      userInfo,
      mockServices.rootConfig.factory({
        data: { ...clusters.config, permission: { enabled: true } },
      }),
    ],
  });
  const as = (userEntityRef: string) =>
    mockCredentials.user.header(userEntityRef);
  // Platform members see everything: they run the audit and wait for both components' results.
  const lead = as(PLATFORM_LEAD);
  expect(
    (
      await request(server)
        .post('/api/guardrails/audit')
        .set('Authorization', lead)
    ).status,
  ).toBe(202);
  for (let i = 0; ; i++) {
    const summary = await request(server)
      .get('/api/guardrails/summary')
      .set('Authorization', lead);
    const stored = summary.body.entities ?? {};
    if (
      stored['component:default/payments-api'] &&
      stored['component:default/checkout']
    )
      break;
    if (i === 100) throw new Error('audit did not store results');
    await new Promise(r => setTimeout(r, 100));
  }
  return { server, as, clusters };
}

describe('guardrails REST API under a permission policy', () => {
  it('serves an entity report and history to those whose policy allows that entity, 403 to those it does not', async () => {
    const { server, as, clusters } = await startBackend();
    try {
      const get = (path: string, user: string) =>
        request(server)
          .get(`/api/guardrails${path}`)
          .set('Authorization', as(user));

      const own = await get(
        '/entities/component/default/payments-api/report',
        ADA,
      );
      expect(own.status).toBe(200);
      expect(own.body.entityRef).toBe('component:default/payments-api');
      expect(
        (await get('/entities/component/default/payments-api/history', ADA))
          .status,
      ).toBe(200);

      // Ada sees checkout in the catalog, but the condition (owned by her groups) does not hold for it.
      for (const path of [
        '/entities/component/default/checkout/report',
        '/entities/component/default/checkout/history',
        '/entities/component/default/checkout/usage',
      ]) {
        const res = await get(path, ADA);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(
          /guardrails\.entity\.report\.read/,
        );
      }

      expect(
        (
          await get(
            '/entities/component/default/checkout/report',
            PLATFORM_LEAD,
          )
        ).status,
      ).toBe(200);
    } finally {
      await clusters.close();
    }
  });

  it('answers 404 for an entity the caller cannot see in the catalog, as for one that does not exist', async () => {
    const { server, as, clusters } = await startBackend();
    try {
      const get = (path: string) =>
        request(server)
          .get(`/api/guardrails${path}`)
          .set('Authorization', as(CONTRACTOR));

      expect(
        (await get('/entities/component/default/payments-api/report')).status,
      ).toBe(200);

      const hidden = await get('/entities/component/default/checkout/report');
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(
        'No entity component:default/checkout in the catalog',
      );
      expect(
        (await get('/entities/component/default/checkout/history')).status,
      ).toBe(404);
      expect(
        (await get('/entities/component/default/checkout/usage')).status,
      ).toBe(404);

      const missing = await get('/entities/component/default/nowhere/report');
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe(
        'No entity component:default/nowhere in the catalog',
      );
    } finally {
      await clusters.close();
    }
  });

  it('serves the fleet-wide view to the catalog module and platform members, 403 to other users', async () => {
    const { server, as, clusters } = await startBackend();
    try {
      // The catalog module's processor reads /summary with the catalog plugin's own service credentials.
      const catalogModule = mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('plugin:catalog'),
        targetPluginId: 'guardrails',
      });
      const summary = await request(server)
        .get('/api/guardrails/summary')
        .set('Authorization', catalogModule);
      expect(summary.status).toBe(200);
      expect(Object.keys(summary.body.entities).sort()).toEqual([
        'component:default/checkout',
        'component:default/payments-api',
      ]);

      const fleetWide = [
        '/summary',
        '/distribution',
        '/history',
        '/impact?guardrail=pod.no-privileged&environment=prod&level=block',
        '/costs',
      ];
      for (const path of fleetWide) {
        const lead = await request(server)
          .get(`/api/guardrails${path}`)
          .set('Authorization', as(PLATFORM_LEAD));
        expect([path, lead.status]).toEqual([path, 200]);
        const ada = await request(server)
          .get(`/api/guardrails${path}`)
          .set('Authorization', as(ADA));
        expect([path, ada.status]).toEqual([path, 403]);
        expect(ada.body.error.message).toMatch(/guardrails\.report\.read/);
      }
    } finally {
      await clusters.close();
    }
  });
});
