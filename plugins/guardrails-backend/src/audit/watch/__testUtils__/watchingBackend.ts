import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { guardrailsPlugin } from '../../../plugin';
import { startClusters } from '../../../__testUtils__/simulatedClusters';

/**
 * One backend replica as Backstage runs it, with the watching audit on (its defaults, changes gathered for 50 ms),
 * on a database other replicas may share, and Backstage's own scheduler on it.
 */
export async function startWatchingBackend(options: {
  knex: Knex;
  clusters: Awaited<ReturnType<typeof startClusters>>;
}) {
  const base = options.clusters.config;
  const backend = await startTestBackend({
    features: [
      guardrailsPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...base,
          guardrails: {
            ...base.guardrails,
            audit: {
              enabled: true,
              pageSize: 100,
              initialDelay: { milliseconds: 100 },
              watch: { debounceMs: 50 },
            },
          },
        },
      }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.database.factory({ knex: options.knex }),
      schedulerServiceFactory,
    ],
  });
  return {
    backend,
    post: async (route: string) =>
      request(backend.server)
        .post(`/api/guardrails${route}`)
        .set('Authorization', mockCredentials.user.header()),
    get: async (route: string) => {
      const res = await request(backend.server)
        .get(`/api/guardrails${route}`)
        .set('Authorization', mockCredentials.user.header());
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      return res.body;
    },
  };
}
