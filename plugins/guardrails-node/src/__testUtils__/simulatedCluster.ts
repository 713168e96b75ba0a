import { JsonRecord } from './json';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  KubeSimulator,
  KubeSimulatorOptions,
  startKubeSimulator,
} from '@guardrails-dev/kube-simulator';
import { ClusterAccess, ClusterAccessOptions } from '../cluster/ClusterAccess';

export const TEST_TOKEN = 'guardrails-test-token';

const TEST_PROFILE = {
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
};

/**
 * Config with one `config` cluster locator listing the given clusters and, unless `guardrails`
 * says otherwise, one environment per cluster, named like it.
 */
export function clustersConfig(
  clusters: Array<{ name: string } & JsonRecord>,
  guardrails: JsonRecord = {},
): ConfigReader {
  const environments = Object.fromEntries(
    clusters.map(c => [c.name, { clusters: [c.name], profile: TEST_PROFILE }]),
  );
  return new ConfigReader({
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [{ type: 'config', clusters }],
    },
    guardrails: { environments, ...guardrails },
  });
}

/** A simulator requiring {@link TEST_TOKEN} and cluster access pointing at it as cluster `dev`. */
export async function startSimulatedCluster(
  options: KubeSimulatorOptions = {},
  accessOptions: Partial<ClusterAccessOptions> = {},
): Promise<{ simulator: KubeSimulator; access: ClusterAccess }> {
  const simulator = await startKubeSimulator({
    name: 'dev',
    tokens: [TEST_TOKEN],
    ...options,
  });
  const config = clustersConfig([
    {
      name: 'dev',
      url: simulator.url,
      authProvider: 'serviceAccount',
      serviceAccountToken: TEST_TOKEN,
    },
  ]);
  const access = ClusterAccess.fromConfig(config, {
    logger: mockServices.logger.mock(),
    backoff: { baseDelayMs: 5, maxDelayMs: 20 },
    ...accessOptions,
  });
  return { simulator, access };
}
