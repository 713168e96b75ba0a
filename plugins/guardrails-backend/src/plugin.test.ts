import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { guardrailsPlugin } from './plugin';
import { startClusters } from './__testUtils__/simulatedClusters';

describe('guardrailsPlugin', () => {
  it('answers the health probe without credentials', async () => {
    const clusters = await startClusters({ dev: [] });
    try {
      const { server } = await startTestBackend({
        features: [
          guardrailsPlugin,
          mockServices.rootConfig.factory({ data: clusters.config }),
          catalogServiceMock.factory(),
        ],
      });
      const res = await request(server).get('/api/guardrails/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    } finally {
      await clusters.close();
    }
  });

  it('refuses to start with a pack that does not load, naming the problem', async () => {
    const clusters = await startClusters({ dev: [] });
    try {
      await expect(
        startTestBackend({
          features: [
            guardrailsPlugin,
            mockServices.rootConfig.factory({
              data: {
                ...clusters.config,
                guardrails: {
                  ...clusters.config.guardrails,
                  packs: ['/no/such/pack/dir'],
                },
              },
            }),
            catalogServiceMock.factory(),
          ],
        }),
      ).rejects.toThrow(/no\/such\/pack\/dir/);
    } finally {
      await clusters.close();
    }
  });
});
