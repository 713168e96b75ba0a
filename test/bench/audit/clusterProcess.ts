/*
 * The three simulated clusters of the audit benchmark, run in a child process so that serving the Kubernetes API
 * does not share the audit's CPU: the wall time measured is the audit's own, as against a real cluster.
 *
 * The parent starts it with `startClusterProcess`; the child generates the same deterministic estate and answers
 * requests over IPC: request counts (from each simulator's `requests`) and, for each collection the clients listed,
 * its pages and objects.
 */
import { KubeSimulator } from '@guardrails-dev/kube-simulator';
import { serveBenchProcess } from '../benchProcess';
import type { EstateOptions } from './estateSimulators';
import {
  countObjects,
  forkEstateProcess,
  startEstateSimulators,
  urlsOf,
} from './estateSimulators';

export { defaultEnvironments } from './estateSimulators';
export type { EstateOptions } from './estateSimulators';

type Request =
  | { type: 'start'; options: EstateOptions; token: string }
  | { type: 'reset' }
  | { type: 'requests' }
  | { type: 'lists' }
  | { type: 'close' };

/** One collection listed cluster-wide (`/api/v1/pods`, `/apis/apps/v1/deployments`) since the last reset. */
export interface ListedCollection {
  cluster: string;
  path: string;
  /** GET requests of the collection: its pages. */
  requests: number;
  /** Objects in the collection now. */
  objects: number;
}

export interface ClusterProcess {
  urls: Record<string, string>;
  resetRequests(): Promise<void>;
  /** Requests since the last reset; `discovery`: those of discovery documents (`/api/v1`, `/apis/<group>[/<version>]`). */
  requests(): Promise<{
    total: number;
    byMethod: Record<string, number>;
    discovery: number;
  }>;
  /** The collections listed since the last reset. Counting their objects makes requests, so it ends with a reset. */
  lists(): Promise<ListedCollection[]>;
  close(): Promise<void>;
}

export async function startClusterProcess(
  options: EstateOptions,
  token: string,
): Promise<ClusterProcess> {
  const { call, urls, close } = await forkEstateProcess<Request>(
    __filename,
    'GUARDRAILS_BENCH_CLUSTER_PROCESS',
    options,
    token,
  );
  return {
    urls,
    resetRequests: () => call({ type: 'reset' }),
    requests: () => call({ type: 'requests' }),
    lists: () => call({ type: 'lists' }),
    close,
  };
}

async function serve() {
  const simulators: Record<string, KubeSimulator> = {};
  let bearer = '';
  const handle = async (request: Request): Promise<unknown> => {
    switch (request.type) {
      case 'start': {
        bearer = request.token;
        Object.assign(
          simulators,
          await startEstateSimulators(request.options, request.token),
        );
        return { urls: urlsOf(simulators) };
      }
      case 'reset':
        Object.values(simulators).forEach(s => s.resetRequestLog());
        return undefined;
      case 'requests': {
        const byMethod: Record<string, number> = {};
        let total = 0;
        let discovery = 0;
        for (const s of Object.values(simulators)) {
          total += s.requests.total;
          for (const [method, n] of Object.entries(s.requests.byMethod))
            byMethod[method] = (byMethod[method] ?? 0) + n;
          discovery += s.requests.log.filter(
            r => r.method === 'GET' && DISCOVERY.test(r.path),
          ).length;
        }
        return { total, byMethod, discovery };
      }
      case 'lists':
        return (
          await Promise.all(
            Object.values(simulators).map(s => listedCollections(s, bearer)),
          )
        ).flat();
      case 'close':
        await Promise.all(Object.values(simulators).map(s => s.close()));
        return undefined;
      default:
        throw new Error(`unknown request ${JSON.stringify(request)}`);
    }
  };
  serveBenchProcess(handle);
}

// A discovery document: the core group's, or a group's or group version's.
const DISCOVERY = /^\/(api\/v1|apis\/[^/]+(\/[^/]+)?)$/;

// A collection of every namespace: a core or a group's resource type.
const COLLECTION = /^\/(api\/v1|apis\/[^/]+\/[^/]+)\/[^/]+$/;

async function listedCollections(
  simulator: KubeSimulator,
  token: string,
): Promise<ListedCollection[]> {
  const pages = new Map<string, number>();
  for (const { method, path } of simulator.requests.log) {
    if (method === 'GET' && COLLECTION.test(path)) {
      pages.set(path, (pages.get(path) ?? 0) + 1);
    }
  }
  const listed = await Promise.all(
    [...pages].map(async ([path, requests]) => ({
      cluster: simulator.name,
      path,
      requests,
      objects: await countObjects(simulator.url, path, token),
    })),
  );
  simulator.resetRequestLog();
  return listed;
}

if (process.env.GUARDRAILS_BENCH_CLUSTER_PROCESS === '1' && process.send) {
  void serve();
}
