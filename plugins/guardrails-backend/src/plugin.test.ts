import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { guardrailsPlugin } from './plugin';

describe('guardrailsPlugin', () => {
  it('answers the health probe without credentials', async () => {
    const { server } = await startTestBackend({
      features: [guardrailsPlugin, mockServices.rootConfig.factory({ data: {} })],
    });

    const res = await request(server).get('/api/guardrails/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('does not serve unknown routes', async () => {
    const { server } = await startTestBackend({ features: [guardrailsPlugin] });
    const res = await request(server)
      .get('/api/guardrails/no-such-route')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
  });
});
