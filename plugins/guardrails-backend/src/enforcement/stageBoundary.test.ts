import {
  BLOCK_AT,
  Enforcement,
  PRIVILEGED_PROD_BINDING,
  startEnforcement,
  until,
} from './__testUtils__/enforcementBackend';

jest.setTimeout(60_000);

describe('admission at a stage boundary', () => {
  let env: Enforcement | undefined;
  afterEach(() => env?.clusters.close());

  it("changes the binding's actions when the clock reaches the stage's instant, without waiting for the cadence", async () => {
    env = await startEnforcement();
    const { clock } = env;
    await env.sync('prod');
    expect(env.actions('prod')).toEqual(['Warn', 'Audit']);
    const before = await env.clusterState('prod');
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
    expect(env.actions('prod')).toEqual(['Warn', 'Audit']);

    clock.set(BLOCK_AT);
    await until(() => env!.actions('prod')?.[0] === 'Deny', 'Deny in prod');
    const binding = env
      .objects('prod', 'ValidatingAdmissionPolicyBinding')
      .get(PRIVILEGED_PROD_BINDING);
    expect(binding.metadata.labels['guardrails.dev/enforcement-level']).toBe(
      'block',
    );
    const state = await until(async () => {
      const prod = await env!.clusterState('prod');
      return prod.lastSync.syncedAt === BLOCK_AT.toISOString() && prod;
    }, 'the sync to be recorded');
    expect(state.recentChanges).toContainEqual(
      expect.objectContaining({
        name: PRIVILEGED_PROD_BINDING,
        change: 'update',
        oldActions: ['Warn', 'Audit'],
        newActions: ['Deny'],
        changedAt: BLOCK_AT.toISOString(),
      }),
    );
    expect(env.auditor.createEvent).toHaveBeenCalledWith(
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
    // The next wake-up is the following boundary.
    const next = await until(() => clock.nextTimer(), 'the next wake-up');
    expect(next.getTime()).toBeGreaterThan(BLOCK_AT.getTime());
  });
});
