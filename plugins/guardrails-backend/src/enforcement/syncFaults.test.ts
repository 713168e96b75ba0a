import { SimulatorFaults } from '@guardrails-dev/kube-simulator';
import {
  BLOCK_AT,
  Enforcement,
  startEnforcement,
  until,
} from './__testUtils__/enforcementBackend';

jest.setTimeout(60_000);

/** Each policy's and binding's spec in the prod cluster. */
const prodAdmission = (env: Enforcement) =>
  (
    ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'] as const
  ).map(
    kind =>
      new Map(
        [...env.objects('prod', kind).values()].map(o => [
          o.metadata.name,
          o.spec,
        ]),
      ),
  );

describe('admission sync against a failing cluster', () => {
  let env: Enforcement | undefined;
  afterEach(() => env?.clusters.close());

  it.each<[string, SimulatorFaults, RegExp]>([
    [
      'answers 503',
      { statusCodes: [{ status: 503, method: 'PATCH' }] },
      /^Cluster 'prod': apply ValidatingAdmissionPolicy(Binding)? guardrails\.\S+ failed: 503 ServiceUnavailable/,
    ],
    [
      'answers 409',
      { statusCodes: [{ status: 409, method: 'PATCH' }] },
      /^Cluster 'prod': apply ValidatingAdmissionPolicy(Binding)? guardrails\.\S+ failed: 409 Conflict/,
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
      const before = prodAdmission(env);
      expect(env.actions('prod')).toEqual(['Warn', 'Audit']);

      env.clusters.simulators.prod.setFaults(faults);
      // The boundary wakes the sync, which meets the faults.
      env.clock.set(BLOCK_AT);
      const failed = await until(async () => {
        const prod = await env!.clusterState('prod');
        return prod.lastSync?.syncedAt === BLOCK_AT.toISOString() && prod;
      }, 'the failed sync');
      expect(prodAdmission(env)).toEqual(before);
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
