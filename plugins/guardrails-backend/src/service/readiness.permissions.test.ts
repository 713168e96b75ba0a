import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { guardrailsReportReadPermission } from '@guardrails-dev/plugin-guardrails-common';
import request from 'supertest';
import { CapturingNotifications } from '../notifications/__testUtils__/CapturingNotifications';
import { guardrailsPlugin } from '../plugin';

jest.setTimeout(60_000);

/** The backend under a policy that allows everything but, when `deny` is set, guardrails.report.read. */
async function startBackend(deny: boolean) {
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          deny && isPermission(r.permission, guardrailsReportReadPermission)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
  return startTestBackend({
    features: [
      guardrailsPlugin,
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [{ name: 'prod', url: 'http://127.0.0.1:9' }],
              },
            ],
          },
          guardrails: {
            environments: { prod: { clusters: ['prod'] } },
            audit: { enabled: false },
            notifications: { enabled: false },
          },
        },
      }),
      catalogServiceMock.factory({ entities: [] }),
      new CapturingNotifications().factory(),
      permissions.factory,
    ],
  });
}

describe('GET /readiness and the permission policy', () => {
  it('answers those the policy allows guardrails.report.read, as the other fleet-wide views', async () => {
    const backend = await startBackend(false);
    try {
      const res = await request(backend.server).get(
        '/api/guardrails/readiness',
      );
      expect(res.status).toBe(200);
      expect(res.body.horizonDays).toBe(60);
    } finally {
      await backend.stop();
    }
  });

  it('answers 403 naming the permission to those it denies', async () => {
    const backend = await startBackend(true);
    try {
      const res = await request(backend.server).get(
        '/api/guardrails/readiness',
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/guardrails\.report\.read/);
    } finally {
      await backend.stop();
    }
  });
});
