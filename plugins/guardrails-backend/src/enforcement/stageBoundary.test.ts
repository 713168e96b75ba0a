import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  BLOCK_AT,
  bindingActions,
  PRIVILEGED_PROD_BINDING,
  SimulatedClusters,
  startEnforcementBackend,
  startEnforcementClusters,
} from './__testUtils__/enforcementBackend';

jest.setTimeout(60_000);

const user = mockCredentials.user.header();

async function until<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
) {
  for (let i = 0; i < 200; i++) {
    const value = await check();
    if (value) return value;
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function prodState(server: any) {
  const res = await request(server)
    .get('/api/guardrails/enforcement')
    .set('Authorization', user);
  return res.body.clusters.find((c: any) => c.cluster === 'prod');
}

describe('admission at a stage boundary', () => {
  let clusters: SimulatedClusters;
  afterEach(() => clusters?.close());

  it("changes the binding's actions when the clock reaches the stage's instant, without waiting for the cadence", async () => {
    clusters = await startEnforcementClusters();
    const { server, sync, clock, auditor } = await startEnforcementBackend({
      clusters,
    });
    await sync('prod');
    expect(bindingActions(clusters, 'prod', PRIVILEGED_PROD_BINDING)).toEqual([
      'Warn',
      'Audit',
    ]);
    const before = await prodState(server);
    expect(before.nextChange.at).toBe(BLOCK_AT.toISOString());
    expect(before.nextChange.stages).toContainEqual({
      guardrail: 'pod.no-privileged',
      environment: 'prod',
      from: 'warn',
      to: 'block',
      actions: ['Deny'],
    });
    // The sync wakes for the boundary, not before it.
    expect(clock.nextTimer()).toEqual(BLOCK_AT);

    clock.set(new Date(BLOCK_AT.getTime() - 1));
    expect(bindingActions(clusters, 'prod', PRIVILEGED_PROD_BINDING)).toEqual([
      'Warn',
      'Audit',
    ]);
    clock.set(BLOCK_AT);
    await until(
      () =>
        bindingActions(clusters, 'prod', PRIVILEGED_PROD_BINDING)?.[0] ===
        'Deny',
      'the prod binding to deny',
    );
    const binding = clusters.simulators.prod
      .listObjects(
        'admissionregistration.k8s.io/v1',
        'ValidatingAdmissionPolicyBinding',
      )
      .find((b: any) => b.metadata.name === PRIVILEGED_PROD_BINDING) as any;
    expect(binding.metadata.labels['guardrails.dev/enforcement-level']).toBe(
      'block',
    );
    const state = await until(async () => {
      const current = await prodState(server);
      return current.lastSync.syncedAt === BLOCK_AT.toISOString() && current;
    }, 'the sync to be recorded');
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'enforcement-change',
        severityLevel: 'high',
        meta: expect.objectContaining({
          cluster: 'prod',
          kind: 'ValidatingAdmissionPolicyBinding',
          name: PRIVILEGED_PROD_BINDING,
          change: 'update',
          oldActions: ['Warn', 'Audit'],
          newActions: ['Deny'],
        }),
      }),
    );
    expect(state.recentChanges).toContainEqual(
      expect.objectContaining({
        name: PRIVILEGED_PROD_BINDING,
        change: 'update',
        oldActions: ['Warn', 'Audit'],
        newActions: ['Deny'],
        changedAt: BLOCK_AT.toISOString(),
      }),
    );
    // The next wake-up is the following boundary.
    expect(clock.nextTimer()!.getTime()).toBeGreaterThan(BLOCK_AT.getTime());
  });
});
