/*
 * The three simulated clusters of the audit benchmark, run in a child process so that serving the Kubernetes API
 * does not share the audit's CPU: the wall time measured is the audit's own, as against a real cluster.
 *
 * The parent starts it with `startClusterProcess`; the child generates the same deterministic estate and answers
 * requests over IPC: request counts (from each simulator's `requests`) and object counts per kind.
 */
import { ConfigReader } from '@backstage/config';
import {
  KubeSimulator,
  startKubeSimulator,
} from '@guardrails-dev/kube-simulator';
import {
  ClusterAccess,
  EnvironmentDefinition,
} from '@guardrails-dev/plugin-guardrails-node';
import { forkBenchProcess, serveBenchProcess } from '../benchProcess';
import { CLUSTERS, generateEstate } from './generateEstate';

export interface EstateOptions {
  components: number;
  podsPerComponent: number;
  teams: number;
}

type Request =
  | {
      type: 'start';
      options: EstateOptions;
      token: string;
      kinds: Array<{ apiVersion: string; kind: string }>;
    }
  | { type: 'reset' }
  | { type: 'requests' }
  | { type: 'close' };

export interface ClusterProcess {
  urls: Record<string, string>;
  /** Objects of each kind per cluster, keyed `apiVersion|kind`. */
  counts: Record<string, Record<string, number>>;
  resetRequests(): Promise<void>;
  requests(): Promise<{ total: number; byMethod: Record<string, number> }>;
  close(): Promise<void>;
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

export async function startClusterProcess(
  options: EstateOptions,
  token: string,
  kinds: Array<{ apiVersion: string; kind: string }>,
): Promise<ClusterProcess> {
  const child = forkBenchProcess<Request>(
    __filename,
    'GUARDRAILS_BENCH_CLUSTER_PROCESS',
  );
  const call = child.call;
  const started = await call<{
    urls: Record<string, string>;
    counts: ClusterProcess['counts'];
  }>({ type: 'start', options, token, kinds });
  return {
    ...started,
    resetRequests: () => call({ type: 'reset' }),
    requests: () => call({ type: 'requests' }),
    close: async () => {
      await call({ type: 'close' });
      child.disconnect();
    },
  };
}

async function serve() {
  const simulators: Record<string, KubeSimulator> = {};
  const handle = async (request: Request): Promise<unknown> => {
    switch (request.type) {
      case 'start': {
        const estate = generateEstate({
          ...request.options,
          environments: defaultEnvironments(),
        });
        const counts: ClusterProcess['counts'] = {};
        for (const name of CLUSTERS) {
          simulators[name] = await startKubeSimulator({
            name,
            objects: estate.objects[name],
            tokens: [request.token],
          });
          counts[name] = Object.fromEntries(
            request.kinds.map(k => [
              `${k.apiVersion}|${k.kind}`,
              simulators[name].listObjects(k.apiVersion, k.kind).length,
            ]),
          );
        }
        return {
          urls: Object.fromEntries(
            CLUSTERS.map(name => [name, simulators[name].url]),
          ),
          counts,
        };
      }
      case 'reset':
        Object.values(simulators).forEach(s => s.resetRequestLog());
        return undefined;
      case 'requests': {
        const byMethod: Record<string, number> = {};
        let total = 0;
        for (const s of Object.values(simulators)) {
          total += s.requests.total;
          for (const [method, n] of Object.entries(s.requests.byMethod))
            byMethod[method] = (byMethod[method] ?? 0) + n;
        }
        return { total, byMethod };
      }
      case 'close':
        await Promise.all(Object.values(simulators).map(s => s.close()));
        return undefined;
      default:
        throw new Error(`unknown request ${JSON.stringify(request)}`);
    }
  };
  serveBenchProcess(handle);
}

if (process.env.GUARDRAILS_BENCH_CLUSTER_PROCESS === '1' && process.send) {
  void serve();
}
