import { mockServices } from '@backstage/backend-test-utils';
import { SummarySnapshot } from './SummarySnapshot';

const summary = {
  generatedAt: '2026-11-22T10:00:00.000Z',
  entities: {
    'component:default/payments-api': {
      compliance: 'violating',
      enforcementLevel: 'warn',
      violations: 0,
      warnings: 2,
      errors: 0,
      namespaces: [
        'resource:default/payments-api-dev',
        'resource:default/shared-prod',
      ],
    },
    'component:default/ledger-worker': {
      compliance: 'compliant',
      enforcementLevel: 'none',
      violations: 0,
      warnings: 0,
      errors: 0,
      namespaces: ['resource:default/shared-prod'],
    },
  },
};

function setup(responses: Array<() => Response>) {
  let clock = 0;
  const fetch = jest.fn(async (_request: Request) => responses.shift()!());
  const snapshot = new SummarySnapshot({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => 'http://backend/api/guardrails',
    }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    refreshIntervalMs: 60_000,
    fetch: fetch as any,
    now: () => clock,
  });
  return { snapshot, fetch, advance: (ms: number) => (clock += ms) };
}

const ok = () =>
  new Response(JSON.stringify(summary), {
    status: 200,
    headers: { ETag: '"v1"' },
  });

describe('SummarySnapshot', () => {
  it('answers every entity from one request per interval', async () => {
    const { snapshot, fetch } = setup([ok]);
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        snapshot.get(
          i === 0
            ? 'component:default/payments-api'
            : `component:default/c${i}`,
        ),
      ),
    );
    expect(fetch).toHaveBeenCalledTimes(1);
    const [request] = fetch.mock.calls[0];
    expect(request.url).toBe('http://backend/api/guardrails/summary');
    expect(request.headers.get('Authorization')).toMatch(/^Bearer /);
    expect(request.headers.get('If-None-Match')).toBeNull();
    expect(answers[0]?.compliance).toBe('violating');
    expect(answers[1]).toBeUndefined();
  });

  it('asks again after the interval with the ETag, and keeps the data on 304', async () => {
    const { snapshot, fetch, advance } = setup([
      ok,
      () => new Response(null, { status: 304 }),
    ]);
    await snapshot.get('component:default/payments-api');
    advance(61_000);
    const again = await snapshot.get('Component:default/Payments-API');
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1][0].headers.get('If-None-Match')).toBe('"v1"');
    expect(again?.warnings).toBe(2);
  });

  it('keeps the last summary when the backend fails, and does not retry on every entity', async () => {
    const { snapshot, fetch, advance } = setup([
      ok,
      () => new Response('boom', { status: 503 }),
    ]);
    await snapshot.get('component:default/payments-api');
    advance(61_000);
    expect(
      (await snapshot.get('component:default/payments-api'))?.compliance,
    ).toBe('violating');
    await snapshot.get('component:default/payments-api');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('knows nothing before the first successful summary', async () => {
    const { snapshot } = setup([() => new Response('down', { status: 503 })]);
    expect(
      await snapshot.get('component:default/payments-api'),
    ).toBeUndefined();
  });

  it('answers which components a namespace Resource was provisioned for, from the same request', async () => {
    const { snapshot, fetch } = setup([ok]);
    expect(
      await snapshot.provisionedFor('resource:default/shared-prod'),
    ).toEqual([
      'component:default/payments-api',
      'component:default/ledger-worker',
    ]);
    expect(
      await snapshot.provisionedFor('Resource:default/Payments-API-dev'),
    ).toEqual(['component:default/payments-api']);
    expect(
      await snapshot.provisionedFor('resource:default/unrelated-dev'),
    ).toEqual([]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
