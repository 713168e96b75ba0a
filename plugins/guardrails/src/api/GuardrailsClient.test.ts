import { ResponseError } from '@backstage/errors';
import { GuardrailsClient } from './GuardrailsClient';

function clientReturning(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const getBaseUrl = jest.fn(
    async (_pluginId: string) => 'http://backend/api/guardrails',
  );
  const client = new GuardrailsClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch } as any,
  });
  return { client, fetch, getBaseUrl };
}

const errorBody = (message: string, statusCode: number) => ({
  error: { name: 'Error', message },
  response: { statusCode },
});

describe('GuardrailsClient', () => {
  const ref = { kind: 'Component', namespace: 'default', name: 'payments-api' };

  it('asks the guardrails backend for the entity report by lower-cased ref', async () => {
    const { client, fetch, getBaseUrl } = clientReturning(200, {
      entityRef: 'component:default/payments-api',
      environments: [],
    });
    const report = await client.getEntityReport(ref);
    expect(getBaseUrl).toHaveBeenCalledWith('guardrails');
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/guardrails/entities/component/default/payments-api/report',
    );
    expect(report?.entityRef).toBe('component:default/payments-api');
  });

  it('encodes every part of the entity ref', async () => {
    const { client, fetch } = clientReturning(200, {
      from: '',
      to: '',
      points: [],
    });
    await client.getEntityHistory(
      { kind: 'Resource', namespace: 'team a', name: 'ns/prod?x' },
      { days: 7 },
    );
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/guardrails/entities/resource/team%20a/ns%2Fprod%3Fx/history?days=7',
    );
  });

  it('treats 404 on the report as no results yet', async () => {
    const { client } = clientReturning(404, errorBody('no results', 404));
    await expect(client.getEntityReport(ref)).resolves.toBeUndefined();
  });

  it('calls each read endpoint at its path', async () => {
    const { client, fetch } = clientReturning(200, {});
    await client.getGuardrails();
    await client.getHistory();
    await client.getHistory({ days: 90 });
    await client.getEntityHistory(ref);
    await client.getDistribution();
    await client.getSummary();
    await client.getExemptions();
    await client.getEnvironments();
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      'http://backend/api/guardrails/guardrails',
      'http://backend/api/guardrails/history',
      'http://backend/api/guardrails/history?days=90',
      'http://backend/api/guardrails/entities/component/default/payments-api/history',
      'http://backend/api/guardrails/distribution',
      'http://backend/api/guardrails/summary',
      'http://backend/api/guardrails/exemptions',
      'http://backend/api/guardrails/environments',
    ]);
  });

  it('puts the what-if question in the query string, encoded', async () => {
    const { client, fetch } = clientReturning(200, { affected: [] });
    await client.getImpact({
      guardrail: 'pod.no-privileged',
      environment: 'prod & eu',
      level: 'auto-correct',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/guardrails/impact?guardrail=pod.no-privileged&environment=prod+%26+eu&level=auto-correct',
    );
  });

  it('refuses a malformed what-if or history request before calling the backend', async () => {
    const { client, fetch } = clientReturning(200, {});
    await expect(
      client.getImpact({
        guardrail: 'pod.no-privileged',
        environment: 'prod',
        level: 'deny' as any,
      }),
    ).rejects.toThrow(
      'What-if level must be one of observe, warn, block, auto-correct, got "deny"',
    );
    await expect(
      client.getImpact({ guardrail: '', environment: 'prod', level: 'block' }),
    ).rejects.toThrow('What-if needs a guardrail');
    await expect(client.getHistory({ days: 0 })).rejects.toThrow(
      'History days must be a whole number from 1 to 366, got 0',
    );
    await expect(client.getHistory({ days: 2.5 })).rejects.toThrow(/got 2.5/);
    await expect(client.getEntityReport({ ...ref, name: '' })).rejects.toThrow(
      'Entity reference has no name',
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('starts an audit with a POST', async () => {
    const { client, fetch } = clientReturning(202, { status: 'started' });
    await expect(client.runAudit()).resolves.toEqual({ status: 'started' });
    expect(fetch).toHaveBeenCalledWith('http://backend/api/guardrails/audit', {
      method: 'POST',
    });
  });

  it('raises backend failures as ResponseError with status and message', async () => {
    const { client } = clientReturning(
      403,
      errorBody('not allowed to run audits', 403),
    );
    const error = await client.runAudit().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.cause.message).toBe('not allowed to run audits');
  });

  it('raises a failure on the report other than 404', async () => {
    const { client } = clientReturning(
      500,
      errorBody('store unavailable', 500),
    );
    const error = await client.getEntityReport(ref).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(500);
    expect(error.cause.message).toBe('store unavailable');
  });

  it('raises a failure whose body is not JSON', async () => {
    const fetch = jest.fn(
      async () =>
        new Response('<html>Bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
        }),
    );
    const client = new GuardrailsClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/guardrails' },
      fetchApi: { fetch } as any,
    });
    const error = await client.getSummary().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
  });
});
