import { KubeConfig } from '@kubernetes/client-node';
import { KubeSimulator, startKubeSimulator } from '../index';
import { Clients, clientsFor, clientsFromConfig } from './kube';

/** The cluster of KUBECONFIG, which conformance cases also run against when it is set. */
export const kubeconfig = process.env.KUBECONFIG;

/**
 * Runs conformance cases against a fresh simulator, and against the cluster of KUBECONFIG when it is set, so
 * the simulator's fidelity can be checked against a real API server.
 */
export function describeConformance(
  title: string,
  cases: (target: () => Clients) => void,
): void {
  describe(`${title}: kube-simulator`, () => {
    let sim: KubeSimulator;
    let k: Clients;
    beforeAll(async () => {
      sim = await startKubeSimulator({ name: 'conformance' });
      k = clientsFor(sim.url);
    });
    afterAll(() => sim.close());
    cases(() => k);
  });

  (kubeconfig ? describe : describe.skip)(
    `${title}: the cluster in KUBECONFIG (${
      kubeconfig ? 'set' : 'not set, skipped'
    })`,
    () => {
      let k: Clients;
      beforeAll(() => {
        const kc = new KubeConfig();
        kc.loadFromDefault();
        k = clientsFromConfig(kc);
      });
      cases(() => k);
    },
  );
}

/** A throwaway namespace name for one conformance run. */
export function conformanceNamespace(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random()
    .toString(36)
    .slice(2, 6)}`;
}
