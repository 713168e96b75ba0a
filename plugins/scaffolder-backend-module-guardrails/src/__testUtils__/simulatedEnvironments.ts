import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import {
  KubeSimulator,
  SimulatorFaults,
  startKubeSimulator,
} from '@guardrails-dev/kube-simulator';
import { ClusterAccess } from '@guardrails-dev/plugin-guardrails-node';
import { FakeCatalog, startFakeCatalog } from './fakeCatalog';

export const TEST_TOKEN = 'guardrails-scaffolder-test-token';

const sizes = {
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
  medium: {
    quota: {
      requests: { cpu: '4', memory: '8Gi' },
      limits: { cpu: '8', memory: '16Gi' },
      pods: 50,
    },
    limitRange: {
      defaultRequest: { cpu: '250m', memory: '256Mi' },
      default: { cpu: '1', memory: '1Gi' },
      max: { cpu: '4', memory: '8Gi' },
    },
  },
};

const PROFILES: Record<string, object> = {
  dev: {
    podSecurity: 'baseline',
    networkPolicy: 'allow-same-namespace',
    ownerRole: 'edit',
    sizes,
  },
  staging: {
    podSecurity: 'restricted',
    networkPolicy: 'deny-ingress',
    ownerRole: 'edit',
    sizes,
  },
  prod: {
    podSecurity: 'restricted',
    networkPolicy: 'deny-all',
    ownerRole: 'view',
    sizes,
  },
};

export interface SimulatedEnvironments {
  /** Simulators by cluster name. */
  simulators: Record<string, KubeSimulator>;
  config: ConfigReader;
  clusters: ClusterAccess;
  /** The catalog the actions look components up in; it lists `catalogEntities`. */
  catalog: FakeCatalog;
  /** Discovery that finds {@link SimulatedEnvironments.catalog}. */
  discovery: DiscoveryService;
  auth: AuthService;
  /** Warnings the cluster clients logged (retries). */
  clientWarnings: string[];
  /** Called on each logged retry; tests use it to lift an injected fault. */
  onRetry: (hook: (() => void) | undefined) => void;
  /** Every request of every simulator, in no particular order. */
  requests(): Array<{
    cluster: string;
    method: string;
    path: string;
    status: number;
  }>;
  resetRequests(): void;
  close(): Promise<void>;
}

/**
 * dev, staging and prod, each on its own simulated cluster (prod on `prod-eu` and `prod-us` when
 * `twoProdClusters`), with profiles and sizes like a platform team would configure.
 */
export async function startSimulatedEnvironments(
  options: {
    twoProdClusters?: boolean;
    faults?: SimulatorFaults;
    timeoutMs?: number;
    maxAttempts?: number;
    seed?: Record<string, object[]>;
    guardrails?: Record<string, unknown>;
    /** Entities the catalog lists, e.g. the components whose owners provisioning must respect. */
    catalogEntities?: Entity[];
  } = {},
): Promise<SimulatedEnvironments> {
  const layout: Record<string, string[]> = {
    dev: ['dev'],
    staging: ['staging'],
    prod: options.twoProdClusters ? ['prod-eu', 'prod-us'] : ['prod'],
  };
  const simulators: Record<string, KubeSimulator> = {};
  for (const cluster of Object.values(layout).flat()) {
    simulators[cluster] = await startKubeSimulator({
      name: cluster,
      tokens: [TEST_TOKEN],
      faults: options.faults,
      objects: options.seed?.[cluster],
    });
  }
  const config = new ConfigReader({
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: Object.entries(simulators).map(([name, sim]) => ({
            name,
            url: sim.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: TEST_TOKEN,
          })),
        },
      ],
    },
    guardrails: {
      environments: Object.fromEntries(
        Object.entries(layout).map(([env, clusters]) => [
          env,
          { clusters, profile: PROFILES[env] },
        ]),
      ),
      clusterRequests: {
        timeout: { milliseconds: options.timeoutMs ?? 2000 },
        maxAttempts: options.maxAttempts ?? 4,
      },
      ...options.guardrails,
    },
  });
  const clientWarnings: string[] = [];
  let retryHook: (() => void) | undefined;
  const logger = mockServices.logger.mock({
    warn: (message: string) => {
      clientWarnings.push(message);
      retryHook?.();
    },
  });
  const clusters = ClusterAccess.fromConfig(config, {
    logger,
    backoff: { baseDelayMs: 5, maxDelayMs: 20 },
  });
  const catalog = await startFakeCatalog({
    entities: options.catalogEntities,
  });
  return {
    simulators,
    config,
    clusters,
    catalog,
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => catalog.baseUrl,
    }),
    auth: mockServices.auth(),
    clientWarnings,
    onRetry: hook => {
      retryHook = hook;
    },
    requests: () =>
      Object.entries(simulators).flatMap(([cluster, sim]) =>
        sim.requests.log.map(r => ({ cluster, ...r })),
      ),
    resetRequests: () =>
      Object.values(simulators).forEach(s => s.resetRequestLog()),
    close: async () => {
      await Promise.all([
        ...Object.values(simulators).map(s => s.close()),
        catalog.close(),
      ]);
    },
  };
}

/**
 * Writes the cluster accepted: anything but GET that it did not refuse. A create refused with 409
 * because the object exists wrote nothing (a dry run sends no write at all).
 */
export function writes(
  requests: Array<{ method: string; status: number }>,
): Array<{ method: string; status: number }> {
  return requests.filter(
    r => r.method !== 'GET' && r.method !== 'HEAD' && r.status < 400,
  );
}

// Every kind provisioning writes, and the kinds a team adds to a namespace.
const SNAPSHOT_KINDS: Array<[string, string]> = [
  ['v1', 'Namespace'],
  ['v1', 'ResourceQuota'],
  ['v1', 'LimitRange'],
  ['v1', 'ServiceAccount'],
  ['v1', 'ConfigMap'],
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['rbac.authorization.k8s.io/v1', 'Role'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  ['apps/v1', 'Deployment'],
];

/** Every object of those kinds on a cluster, as JSON, for comparing a cluster before and after. */
export function clusterSnapshot(simulator: KubeSimulator): string {
  return JSON.stringify(
    SNAPSHOT_KINDS.map(([apiVersion, kind]) =>
      simulator.listObjects(apiVersion, kind),
    ),
  );
}
