import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  Enforcement,
  PRIVILEGED_PROD_BINDING,
  startEnforcement,
} from './__testUtils__/enforcementBackend';
import { specErrors } from './__testUtils__/specCheck';

jest.setTimeout(60_000);

const user = mockCredentials.user.header();
const DEV_OFF = {
  enforcement: { mode: 'sync', environments: { dev: { mode: 'off' } } },
};
const PAUSE = '/enforcement/environments/{environment}/pause';
const RESUME = '/enforcement/environments/{environment}/resume';

/** Calls the API and checks the answer against the spec's documentation of the route and status. */
async function call(
  server: any,
  method: 'get' | 'post',
  template: string,
  environment = 'prod',
  body?: object,
) {
  const url = `/api/guardrails${template.replace(
    '{environment}',
    environment,
  )}`;
  const req = request(server)[method](url).set('Authorization', user);
  const res = await (body ? req.send(body) : req);
  expect({
    url,
    errors: specErrors(method, template, res.status, res.body),
  }).toEqual({ url, errors: [] });
  return res;
}

describe('enforcement API', () => {
  let env: Enforcement | undefined;
  afterEach(() => env?.clusters.close());

  it('answers a dry run of the next sync as a diff, reading the clusters without writing', async () => {
    env = await startEnforcement(DEV_OFF);
    let res = await call(env.server, 'get', '/enforcement/dry-run');
    const [dev, prod] = res.body.clusters;
    expect(dev).toEqual({
      cluster: 'dev',
      status: 'off',
      changes: [],
      unmanaged: [],
    });
    expect(prod.status).toBe('ok');
    expect(prod.changes).toContainEqual({
      kind: 'ValidatingAdmissionPolicyBinding',
      name: PRIVILEGED_PROD_BINDING,
      guardrail: 'pod.no-privileged',
      environment: 'prod',
      change: 'create',
      fields: [],
      newActions: ['Warn', 'Audit'],
    });
    expect(env.requests('prod')).toEqual({ lists: 2, writes: 0 });

    await env.sync('prod');
    res = await call(env.server, 'get', '/enforcement/dry-run');
    expect(res.body.clusters[1]).toEqual({
      cluster: 'prod',
      status: 'ok',
      changes: [],
      unmanaged: [],
    });
  });

  it('pauses an environment to audit only at its next sync, shows it as paused, audits it, and resumes', async () => {
    env = await startEnforcement();
    const { server } = env;
    await env.sync('prod');
    await env.sync('dev');

    let res = await call(server, 'post', PAUSE, 'prod', {
      reason: 'INC-4711: a bad rollout blocks deploys',
    });
    expect(res.body).toEqual({
      environment: 'prod',
      mode: 'sync',
      paused: true,
      pausedAt: expect.any(String),
      pausedBy: 'user:default/mock',
      reason: 'INC-4711: a bad rollout blocks deploys',
    });
    // The pause starts the environment's syncs: every prod binding audits only.
    expect(env.actions('prod')).toEqual(['Audit']);
    let state = (await call(server, 'get', '/enforcement')).body;
    expect(state.environments).toContainEqual(
      expect.objectContaining({ environment: 'prod', paused: true }),
    );
    const prod = state.clusters.find((c: any) => c.cluster === 'prod');
    expect(prod.enforced.every((b: any) => b.paused)).toBe(true);
    expect(prod.enforced).toContainEqual(
      expect.objectContaining({
        binding: PRIVILEGED_PROD_BINDING,
        level: 'warn',
        actions: ['Audit'],
        paused: true,
      }),
    );
    // dev is not paused.
    expect(env.actions('dev', 'guardrails.pod.no-privileged.dev')).toEqual([
      'Warn',
      'Audit',
    ]);
    expect(env.auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'enforcement-pause',
        severityLevel: 'high',
        meta: {
          environment: 'prod',
          action: 'pause',
          reason: 'INC-4711: a bad rollout blocks deploys',
        },
      }),
    );

    // Pausing again keeps the first pause.
    res = await call(server, 'post', PAUSE, 'prod');
    expect(res.body.reason).toBe('INC-4711: a bad rollout blocks deploys');

    res = await call(server, 'post', RESUME, 'prod');
    expect(res.body).toEqual({
      environment: 'prod',
      mode: 'sync',
      paused: false,
    });
    expect(env.actions('prod')).toEqual(['Warn', 'Audit']);
    state = (await call(server, 'get', '/enforcement')).body;
    expect(
      state.clusters
        .find((c: any) => c.cluster === 'prod')
        .enforced.some((b: any) => b.paused),
    ).toBe(false);
  });

  it('refuses to pause without the pause permission, an unknown environment, and one left to GitOps', async () => {
    env = await startEnforcement({
      ...DEV_OFF,
      allow: permission => permission !== 'guardrails.enforcement.pause',
    });
    await env.sync('prod');
    let res = await call(env.server, 'post', PAUSE, 'prod');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Not allowed: guardrails.enforcement.pause',
    );
    res = await call(env.server, 'post', RESUME, 'prod');
    expect(res.status).toBe(403);
    const state = (await call(env.server, 'get', '/enforcement')).body;
    expect(state.environments).toContainEqual({
      environment: 'prod',
      mode: 'sync',
      paused: false,
    });
    expect(env.actions('prod')).toEqual(['Warn', 'Audit']);

    const { server } = await startEnforcement({
      ...DEV_OFF,
      clusters: env.clusters,
    });
    res = await call(server, 'post', PAUSE, 'qa');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "Unknown environment 'qa'; configured environments: dev, prod",
    );
    res = await call(server, 'post', PAUSE, 'prod$');
    expect(res.status).toBe(400);
    res = await call(server, 'post', PAUSE, 'prod', { reason: 7 });
    expect(res.status).toBe(400);
    res = await call(server, 'post', PAUSE, 'dev');
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(
      "Enforcement of environment 'dev' is off (guardrails.enforcement)",
    );
  });

  it('lets read routes follow the report permission', async () => {
    env = await startEnforcement({
      allow: permission => permission !== 'guardrails.report.read',
    });
    for (const path of ['/enforcement', '/enforcement/dry-run']) {
      const res = await call(env.server, 'get', path);
      expect(res.status).toBe(403);
    }
    expect(env.requests('prod')).toEqual({ lists: 0, writes: 0 });
  });

  it('stops the startup on a wrong enforcement config, naming the key and the fix', async () => {
    await expect(
      startEnforcement({ enforcement: { mode: 'enforce' } }),
    ).rejects.toThrow(
      "guardrails.enforcement.mode is 'enforce'; set it to 'sync' (the backend applies the admission policies) or 'off' (admission is left to GitOps)",
    );
  });
});
