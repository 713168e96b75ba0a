import { ResponseError } from '@backstage/errors';
import { GuardrailsClient } from './GuardrailsClient';

function clientReturning(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_request: Request) =>
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
  /** What was sent, as method and URL. */
  const sent = () =>
    fetch.mock.calls.map(([request]) => `${request.method} ${request.url}`);
  return { client, fetch, getBaseUrl, sent };
}

const errorBody = (message: string, statusCode: number) => ({
  error: { name: 'Error', message },
  request: { method: 'GET', url: '/' },
  response: { statusCode },
});

describe('GuardrailsClient', () => {
  const ref = { kind: 'Component', namespace: 'default', name: 'payments-api' };

  it('asks the guardrails backend for the entity report by lower-cased ref, through fetchApi', async () => {
    const { client, getBaseUrl, sent } = clientReturning(200, {
      entityRef: 'component:default/payments-api',
      environments: [],
    });
    const report = await client.getEntityReport(ref);
    expect(getBaseUrl).toHaveBeenCalledWith('guardrails');
    expect(sent()).toEqual([
      'GET http://backend/api/guardrails/entities/component/default/payments-api/report',
    ]);
    expect(report?.entityRef).toBe('component:default/payments-api');
  });

  it('encodes every part of the entity ref', async () => {
    const { client, sent } = clientReturning(200, {
      from: '',
      to: '',
      points: [],
    });
    await client.getEntityHistory(
      { kind: 'Resource', namespace: 'team a', name: 'ns/prod?x' },
      { days: 7 },
    );
    expect(sent()).toEqual([
      'GET http://backend/api/guardrails/entities/resource/team%20a/ns%2Fprod%3Fx/history?days=7',
    ]);
  });

  it('treats 404 on the report as no results yet', async () => {
    const { client } = clientReturning(404, errorBody('no results', 404));
    await expect(client.getEntityReport(ref)).resolves.toBeUndefined();
  });

  it('calls each read endpoint at its path', async () => {
    const { client, sent } = clientReturning(200, {});
    await client.getGuardrails();
    await client.getHistory();
    await client.getHistory({ days: 90 });
    await client.getEntityHistory(ref);
    await client.getDistribution();
    await client.getSummary();
    await client.getExemptions();
    await client.getEnvironments();
    await client.getReadiness();
    expect(sent()).toEqual([
      'GET http://backend/api/guardrails/guardrails',
      'GET http://backend/api/guardrails/history',
      'GET http://backend/api/guardrails/history?days=90',
      'GET http://backend/api/guardrails/entities/component/default/payments-api/history',
      'GET http://backend/api/guardrails/distribution',
      'GET http://backend/api/guardrails/summary',
      'GET http://backend/api/guardrails/exemptions',
      'GET http://backend/api/guardrails/environments',
      'GET http://backend/api/guardrails/readiness',
    ]);
  });

  it('puts the what-if question in the query string, encoded', async () => {
    const { client, sent } = clientReturning(200, { affected: [] });
    await client.getImpact({
      guardrail: 'pod.no-privileged',
      environment: 'prod & eu',
      level: 'auto-correct',
    });
    const [request] = sent();
    const url = new URL(request.replace(/^GET /, ''));
    expect(url.pathname).toBe('/api/guardrails/impact');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      guardrail: 'pod.no-privileged',
      environment: 'prod & eu',
      level: 'auto-correct',
    });
  });

  it('refuses an entity ref with an empty part before calling the backend, which would be another path', async () => {
    const { client, fetch } = clientReturning(200, {});
    await expect(client.getEntityReport({ ...ref, name: '' })).rejects.toThrow(
      'Entity reference has no name',
    );
    await expect(
      client.getEntityHistory({ ...ref, namespace: '' }),
    ).rejects.toThrow('Entity reference has no namespace');
    expect(fetch).not.toHaveBeenCalled();
  });

  it("raises the backend's 400 for a parameter outside the spec with its reason", async () => {
    const { client } = clientReturning(
      400,
      errorBody('request/query/days must be <= 365', 400),
    );
    const error = await client.getHistory({ days: 366 }).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.cause.message).toBe('request/query/days must be <= 365');
  });

  it('starts an audit with a POST', async () => {
    const { client, sent } = clientReturning(202, { status: 'started' });
    await expect(client.runAudit()).resolves.toEqual({ status: 'started' });
    expect(sent()).toEqual(['POST http://backend/api/guardrails/audit']);
  });

  it('reads the enforcement state and the next sync as a dry run', async () => {
    const { client, sent } = clientReturning(200, { clusters: [] });
    await client.getEnforcementState();
    await client.getEnforcementDryRun();
    expect(sent()).toEqual([
      'GET http://backend/api/guardrails/enforcement',
      'GET http://backend/api/guardrails/enforcement/dry-run',
    ]);
  });

  it('pauses an environment with the reason, and resumes it, by encoded name', async () => {
    const { client, fetch, sent } = clientReturning(200, {
      environment: 'prod eu',
      mode: 'sync',
      paused: true,
    });
    await client.pauseEnforcement('prod eu', { reason: ' INC-4711 ' });
    await client.pauseEnforcement('prod eu');
    await client.resumeEnforcement('prod eu');
    expect(sent()).toEqual([
      'POST http://backend/api/guardrails/enforcement/environments/prod%20eu/pause',
      'POST http://backend/api/guardrails/enforcement/environments/prod%20eu/pause',
      'POST http://backend/api/guardrails/enforcement/environments/prod%20eu/resume',
    ]);
    const bodies = await Promise.all(
      fetch.mock.calls.map(([request]) => request.text()),
    );
    expect(bodies.slice(0, 2).map(b => JSON.parse(b))).toEqual([
      { reason: 'INC-4711' },
      {},
    ]);
  });

  it("reads an entity's quota use and the cost report with its period", async () => {
    const { client, sent } = clientReturning(200, { environments: [] });
    await client.getEntityUsage(ref);
    await client.getCosts();
    await client.getCosts({ days: 7 });
    expect(sent()).toEqual([
      'GET http://backend/api/guardrails/entities/component/default/payments-api/usage',
      'GET http://backend/api/guardrails/costs',
      'GET http://backend/api/guardrails/costs?days=7',
    ]);
  });

  it('raises a failure on the usage, 404 included (the entity is not visible)', async () => {
    const { client } = clientReturning(404, errorBody('no such entity', 404));
    const error = await client.getEntityUsage(ref).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
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
