import {
  startKubeSimulator,
  KubeSimulator,
} from '@guardrails-dev/kube-simulator';

export const TEST_TOKEN = 'guardrails-backend-test-token';

export const TEST_PROFILE = {
  podSecurity: 'restricted',
  networkPolicy: 'deny-all',
  ownerRole: 'view',
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

/** Simulated clusters, one per environment name, each seeded with its objects. */
export async function startClusters(seeds: Record<string, object[]>): Promise<{
  simulators: Record<string, KubeSimulator>;
  config: Record<string, any>;
  close(): Promise<void>;
}> {
  const simulators: Record<string, KubeSimulator> = {};
  for (const [name, objects] of Object.entries(seeds)) {
    simulators[name] = await startKubeSimulator({
      name,
      objects,
      tokens: [TEST_TOKEN],
    });
  }
  const config = {
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: Object.entries(simulators).map(([name, s]) => ({
            name,
            url: s.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: TEST_TOKEN,
          })),
        },
      ],
    },
    guardrails: {
      environments: Object.fromEntries(
        Object.keys(simulators).map(name => [
          name,
          { clusters: [name], profile: TEST_PROFILE },
        ]),
      ),
      clusterRequests: { timeout: { seconds: 2 }, maxAttempts: 1 },
      audit: { enabled: false, pageSize: 2 },
    },
  };
  return {
    simulators,
    config,
    close: async () => {
      await Promise.all(Object.values(simulators).map(s => s.close()));
    },
  };
}

export function namespace(
  name: string,
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels, annotations },
  };
}

/** A Deployment whose single container is configured by `container`. */
export function deployment(
  ns: string,
  name: string,
  options: {
    labels?: Record<string, string>;
    replicas?: number;
    container?: Record<string, unknown>;
  } = {},
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels: options.labels ?? {} },
    spec: {
      replicas: options.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, ...(options.labels ?? {}) } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'registry.internal.example.com/app:1.0.0',
              ...(options.container ?? {}),
            },
          ],
        },
      },
    },
  };
}

export function component(
  name: string,
  annotations: Record<string, string>,
  owner = 'group:default/team-a',
) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}
