import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { startKubeSimulator } from '@guardrails-dev/kube-simulator';
import { recordingPlugin } from '../__testUtils__/recordingPlugin';
import { ClusterAccess } from '../cluster/ClusterAccess';
import { clusterAccessServiceRef } from './clusterAccessServiceRef';

describe('clusterAccessServiceRef', () => {
  it('gives plugins one ClusterAccess built from the root config', async () => {
    const simulator = await startKubeSimulator({ name: 'dev' });
    const seen: ClusterAccess[] = [];
    const backend = await startTestBackend({
      features: [
        recordingPlugin('first', clusterAccessServiceRef, seen),
        recordingPlugin('second', clusterAccessServiceRef, seen),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [{ name: 'dev', url: simulator.url }],
                },
              ],
            },
            guardrails: {
              environments: {
                dev: {
                  clusters: ['dev'],
                  profile: {
                    podSecurity: 'baseline',
                    networkPolicy: 'allow-same-namespace',
                    ownerRole: 'edit',
                    sizes: {
                      small: {
                        quota: {
                          requests: { cpu: '1', memory: '1Gi' },
                          limits: { cpu: '2', memory: '2Gi' },
                          pods: 10,
                        },
                        limitRange: {
                          defaultRequest: { cpu: '100m', memory: '128Mi' },
                          default: { cpu: '200m', memory: '256Mi' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    try {
      expect(seen).toHaveLength(2);
      expect(seen[0]).toBe(seen[1]);
      const namespaces = await seen[0]
        .forEnvironment('dev')[0]
        .listAll('v1', 'Namespace');
      expect(namespaces.map(n => n.metadata?.name)).toContain('default');
    } finally {
      await backend.stop();
      await simulator.close();
    }
  });
});
