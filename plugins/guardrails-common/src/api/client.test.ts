import { ResponseError } from '@backstage/errors';
import { createGuardrailsRestClient } from './client';

function clientAnswering(response: () => Response) {
  const fetch = jest.fn(async (_request: Request) => response());
  const client = createGuardrailsRestClient({
    baseUrl: 'http://backend/api/guardrails',
    fetch,
  });
  return { client, fetch };
}

describe('createGuardrailsRestClient', () => {
  it('sends the typed path, query and header parameters and gives the parsed answer', async () => {
    const { client, fetch } = clientAnswering(() =>
      Response.json({ from: '2026-11-01', to: '2026-11-07', points: [] }),
    );
    const { data } = await client.get(
      '/entities/{kind}/{namespace}/{name}/history',
      {
        params: {
          path: { kind: 'component', namespace: 'default', name: 'a/b' },
          query: { days: 7 },
        },
      },
    );
    expect(data).toEqual({ from: '2026-11-01', to: '2026-11-07', points: [] });
    expect(fetch.mock.calls[0][0].url).toBe(
      'http://backend/api/guardrails/entities/component/default/a%2Fb/history?days=7',
    );

    await client.get('/summary', {
      params: { header: { 'If-None-Match': '"v1"' } },
    });
    expect(fetch.mock.calls[1][0].headers.get('If-None-Match')).toBe('"v1"');
  });

  it('returns a 304 as it came, for conditional requests', async () => {
    const { client } = clientAnswering(
      () => new Response(null, { status: 304 }),
    );
    const { data, response } = await client.get('/summary');
    expect(response.status).toBe(304);
    expect(data).toBeUndefined();
  });

  it("raises any other failure as ResponseError with the backend's error body", async () => {
    const { client } = clientAnswering(() =>
      Response.json(
        {
          error: {
            name: 'InputError',
            message: 'request/query/days must be >= 1',
          },
          request: { method: 'GET', url: '/history?days=0' },
          response: { statusCode: 400 },
        },
        { status: 400 },
      ),
    );
    const error = await client
      .get('/history', { params: { query: { days: 0 } } })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.cause).toMatchObject({
      name: 'InputError',
      message: 'request/query/days must be >= 1',
    });
  });
});
