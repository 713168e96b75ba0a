import { GuardrailsClient } from './GuardrailsClient';

function clientReturning(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_url: string) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new GuardrailsClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/guardrails' },
    fetchApi: { fetch } as any,
  });
  return { client, fetch };
}

describe('GuardrailsClient', () => {
  const ref = { kind: 'Component', namespace: 'default', name: 'payments-api' };

  it('asks the backend for the entity report by lower-cased ref', async () => {
    const { client, fetch } = clientReturning(200, { entityRef: 'component:default/payments-api', environments: [] });
    const report = await client.getEntityReport(ref);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/guardrails/entities/component/default/payments-api/report',
    );
    expect(report?.entityRef).toBe('component:default/payments-api');
  });

  it('treats 404 as no results yet', async () => {
    const { client } = clientReturning(404, { error: { name: 'NotFoundError', message: 'no results' } });
    await expect(client.getEntityReport(ref)).resolves.toBeUndefined();
  });

  it('raises other failures with the backend message', async () => {
    const { client } = clientReturning(500, {
      error: { name: 'Error', message: 'store unavailable' },
      response: { statusCode: 500 },
    });
    await expect(client.getEntityReport(ref)).rejects.toThrow(/store unavailable|500/);
  });
});
