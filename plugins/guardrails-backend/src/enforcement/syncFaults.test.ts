import { mockCredentials } from '@backstage/backend-test-utils';
import { SimulatorFaults } from '@guardrails-dev/kube-simulator';
import request from 'supertest';
import {
  admissionObjects,
  BLOCK_AT,
  bindingActions,
  PRIVILEGED_PROD_BINDING,
  SimulatedClusters,
  startEnforcementBackend,
  startEnforcementClusters,
} from './__testUtils__/enforcementBackend';

jest.setTimeout(60_000);

const user = mockCredentials.user.header();

/** Each binding's actions in the prod cluster. */
const prodBindings = (clusters: SimulatedClusters) =>
  new Map(
    [
      ...admissionObjects(
        clusters,
        'prod',
        'ValidatingAdmissionPolicyBinding',
      ).values(),
    ].map(b => [b.metadata.name, b.spec.validationActions]),
  );

async function prodOnceSynced(server: any, since: string) {
  for (let i = 0; i < 400; i++) {
    const res = await request(server)
      .get('/api/guardrails/enforcement')
      .set('Authorization', user);
    const prod = res.body.clusters.find((c: any) => c.cluster === 'prod');
    if (prod.lastSync && prod.lastSync.syncedAt >= since) return prod;
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error('prod was not synced');
}

describe('admission sync against a failing cluster', () => {
  let clusters: SimulatedClusters;
  afterEach(() => clusters?.close());

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
      clusters = await startEnforcementClusters();
      const { server, sync, clock } = await startEnforcementBackend({
        clusters,
      });
      await sync('prod');
      const before = prodBindings(clusters);
      expect(before.get(PRIVILEGED_PROD_BINDING)).toEqual(['Warn', 'Audit']);

      clusters.simulators.prod.setFaults(faults);
      // The boundary wakes the sync, which meets the faults.
      clock.set(BLOCK_AT);
      const failed = await prodOnceSynced(server, BLOCK_AT.toISOString());
      expect(prodBindings(clusters)).toEqual(before);
      expect(failed).toMatchObject({
        status: 'failed',
        lastSync: { result: 'failed', changes: [] },
      });
      expect(failed.reason).toMatch(reason);
      const address = new URL(clusters.simulators.prod.url).host;
      expect(JSON.stringify(failed)).not.toContain(address);
      // What is enforced is what the cluster still holds.
      expect(failed.enforced).toContainEqual(
        expect.objectContaining({
          binding: PRIVILEGED_PROD_BINDING,
          actions: ['Warn', 'Audit'],
        }),
      );

      clusters.simulators.prod.setFaults(undefined);
      await sync('prod');
      expect(bindingActions(clusters, 'prod', PRIVILEGED_PROD_BINDING)).toEqual(
        ['Deny'],
      );
      const converged = await prodOnceSynced(server, BLOCK_AT.toISOString());
      expect(converged.status).toBe('ok');
    },
  );
});
