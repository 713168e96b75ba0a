import { SimulatorFaults } from '@guardrails-dev/kube-simulator';
import {
  BLOCK_AT,
  Enforcement,
  startEnforcement,
  until,
} from './__testUtils__/enforcementBackend';

jest.setTimeout(60_000);

/** Each binding's actions in the prod cluster. */
const prodBindings = (env: Enforcement) =>
  new Map(
    [...env.objects('prod', 'ValidatingAdmissionPolicyBinding').values()].map(
      b => [b.metadata.name, b.spec.validationActions],
    ),
  );

describe('admission sync against a failing cluster', () => {
  let env: Enforcement | undefined;
  afterEach(() => env?.clusters.close());

  it.each<[string, SimulatorFaults, RegExp]>([
    [
      'answers 503',
      { statusCodes: [{ status: 503, method: 'PATCH' }] },
      /^Cluster 'prod': apply ValidatingAdmissionPolicyBinding guardrails\.[a-z.-]+\.prod failed: 503/,
    ],
    [
      'answers 409',
      { statusCodes: [{ status: 409, method: 'PATCH' }] },
      /^Cluster 'prod': apply ValidatingAdmissionPolicyBinding guardrails\.[a-z.-]+\.prod failed: 409/,
    ],
    [
      'times out',
      { latencyMs: 2_500 },
      /^Cluster 'prod': list ValidatingAdmissionPolic(y|yBinding) in all namespaces failed: Timeout/,
    ],
  ])(
    'keeps the policies as they were when the cluster %s, says so, and converges on the next sync',
    async (_what, faults, reason) => {
      env = await startEnforcement();
      await env.sync('prod');
      const before = prodBindings(env);
      expect(env.actions('prod')).toEqual(['Warn', 'Audit']);

      env.clusters.simulators.prod.setFaults(faults);
      // The boundary wakes the sync, which meets the faults.
      env.clock.set(BLOCK_AT);
      const failed = await until(async () => {
        const prod = await env!.clusterState('prod');
        return prod.lastSync?.syncedAt === BLOCK_AT.toISOString() && prod;
      }, 'the failed sync');
      expect(prodBindings(env)).toEqual(before);
      expect(failed).toMatchObject({
        status: 'failed',
        lastSync: { result: 'failed', changes: [] },
      });
      expect(failed.reason).toMatch(reason);
      const address = new URL(env.clusters.simulators.prod.url).host;
      expect(JSON.stringify(failed)).not.toContain(address);
      // What is enforced is what the cluster still holds.
      expect(failed.enforced).toContainEqual(
        expect.objectContaining({
          binding: 'guardrails.pod.no-privileged.prod',
          actions: ['Warn', 'Audit'],
        }),
      );

      env.clusters.simulators.prod.setFaults(undefined);
      await env.sync('prod');
      expect(env.actions('prod')).toEqual(['Deny']);
      expect((await env.clusterState('prod')).status).toBe('ok');
    },
  );
});
