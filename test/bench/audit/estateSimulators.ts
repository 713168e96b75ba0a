/*
 * The estate's simulated clusters, as the benchmarks' cluster processes start and count them.
 */
import {
  KubeSimulator,
  startKubeSimulator,
} from '@guardrails-dev/kube-simulator';
import { ConfigReader } from '@backstage/config';
import {
  ClusterAccess,
  EnvironmentDefinition,
} from '@guardrails-dev/plugin-guardrails-node';
import { BenchProcess, forkBenchProcess } from '../benchProcess';
import { CLUSTERS, generateEstate } from './generateEstate';

export interface EstateOptions {
  components: number;
  podsPerComponent: number;
  teams: number;
}

/** The environments of the default configuration: dev, staging and prod on the clusters of the same names. */
export function defaultEnvironments(): EnvironmentDefinition[] {
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: CLUSTERS.map(name => ({
            name,
            url: 'http://127.0.0.1:1',
            authProvider: 'serviceAccount',
          })),
        },
      ],
    },
  });
  const quiet = {
    error() {},
    warn() {},
    info() {},
    debug() {},
    child: () => quiet,
  };
  return ClusterAccess.fromConfig(config, { logger: quiet }).environments();
}

/** One simulator per cluster of the deterministic estate, accepting `token`. */
export async function startEstateSimulators(
  options: EstateOptions,
  token: string,
): Promise<Record<string, KubeSimulator>> {
  const estate = generateEstate({
    ...options,
    environments: defaultEnvironments(),
  });
  const simulators: Record<string, KubeSimulator> = {};
  for (const name of CLUSTERS) {
    simulators[name] = await startKubeSimulator({
      name,
      objects: estate.objects[name],
      tokens: [token],
    });
  }
  return simulators;
}

/** The simulators' URLs by cluster. */
export function urlsOf(
  simulators: Record<string, KubeSimulator>,
): Record<string, string> {
  return Object.fromEntries(CLUSTERS.map(name => [name, simulators[name].url]));
}

/** The objects of a collection, from one page of one item and the count the API server gives of the rest. */
export async function countObjects(
  url: string,
  path: string,
  token: string,
): Promise<number> {
  const response = await fetch(`${url}${path}?limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  // A type the cluster does not serve (an optional report CRD) has no objects.
  if (response.status === 404) return 0;
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  const list = (await response.json()) as {
    items: unknown[];
    metadata?: { remainingItemCount?: number };
  };
  return list.items.length + (list.metadata?.remainingItemCount ?? 0);
}

/**
 * Forks a cluster process (`file`, run when `flag` is set) and has it start the estate: its `call`, the clusters'
 * URLs, and `close`, which stops the simulators and the process.
 */
export async function forkEstateProcess<Request extends object>(
  file: string,
  flag: string,
  options: EstateOptions,
  token: string,
): Promise<{
  call: BenchProcess<Request>['call'];
  urls: Record<string, string>;
  close(): Promise<void>;
}> {
  const child = forkBenchProcess<Request>(file, flag);
  const { urls } = await child.call<{ urls: Record<string, string> }>({
    type: 'start',
    options,
    token,
  } as unknown as Request);
  return {
    call: child.call,
    urls,
    close: async () => {
      await child.call({ type: 'close' } as unknown as Request);
      child.disconnect();
    },
  };
}
