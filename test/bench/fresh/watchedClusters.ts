/*
 * The three simulated clusters of the freshness benchmark (the audit benchmark's estate), run in a child process so
 * that serving the Kubernetes API, watch streams included, does not share the backend's CPU or heap: what is timed
 * and weighed is the backend's own, as against a real cluster.
 *
 * The parent starts it with `startWatchedClusters`, writes to the clusters over HTTP like any client, and asks the
 * child for what the simulators counted: requests and response bytes (watch events included as they are written),
 * the watches open, and the objects of the collections watched.
 */
import {
  KubeSimulator,
  OpenWatch,
  SimulatorFaults,
} from '@guardrails-dev/kube-simulator';
import { serveBenchProcess } from '../benchProcess';
import {
  countObjects,
  forkEstateProcess,
  EstateOptions,
  startEstateSimulators,
  urlsOf,
} from '../audit/estateSimulators';

type Request =
  | { type: 'start'; options: EstateOptions; token: string }
  | { type: 'reset' }
  | { type: 'traffic' }
  | { type: 'watches' }
  | { type: 'faults'; faults?: SimulatorFaults }
  | { type: 'objects'; paths: Array<{ cluster: string; path: string }> }
  | { type: 'close' };

/** What the simulators served since the last reset, over every cluster. */
export interface Traffic {
  requests: number;
  byMethod: Record<string, number>;
  /** Of the requests, those that opened a watch. */
  watchOpens: number;
  /** Response bytes: bodies, and watch events as they were written. */
  bytes: number;
}

export interface ClusterWatch extends OpenWatch {
  cluster: string;
}

export interface WatchedClusters {
  urls: Record<string, string>;
  resetTraffic(): Promise<void>;
  traffic(): Promise<Traffic>;
  /** The watches open now, in every cluster. */
  watches(): Promise<ClusterWatch[]>;
  /** Replaces every simulator's faults; `undefined` removes them. */
  setFaults(faults: SimulatorFaults | undefined): Promise<void>;
  /**
   * The objects in each collection (`/api/v1/pods`, …), from one page of one item and the count the API server gives
   * of the rest: requests that show in `traffic` until the next reset.
   */
  objects(
    paths: Array<{ cluster: string; path: string }>,
  ): Promise<Array<{ cluster: string; path: string; objects: number }>>;
  close(): Promise<void>;
}

export async function startWatchedClusters(
  options: EstateOptions,
  token: string,
): Promise<WatchedClusters> {
  const { call, urls, close } = await forkEstateProcess<Request>(
    __filename,
    'GUARDRAILS_BENCH_WATCHED_CLUSTERS',
    options,
    token,
  );
  return {
    urls,
    resetTraffic: () => call({ type: 'reset' }),
    traffic: () => call({ type: 'traffic' }),
    watches: () => call({ type: 'watches' }),
    setFaults: faults => call({ type: 'faults', faults }),
    objects: paths => call({ type: 'objects', paths }),
    close,
  };
}

async function serve() {
  const simulators: Record<string, KubeSimulator> = {};
  let bearer = '';
  const all = () => Object.values(simulators);
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
        all().forEach(s => s.resetRequestLog());
        return undefined;
      case 'traffic': {
        const traffic: Traffic = {
          requests: 0,
          byMethod: {},
          watchOpens: 0,
          bytes: 0,
        };
        for (const s of all()) {
          traffic.requests += s.requests.total;
          traffic.bytes += s.requests.bytes;
          traffic.watchOpens += s.requests.log.filter(r => r.watch).length;
          for (const [method, n] of Object.entries(s.requests.byMethod)) {
            traffic.byMethod[method] = (traffic.byMethod[method] ?? 0) + n;
          }
        }
        return traffic;
      }
      case 'watches':
        return all().flatMap(s =>
          s.openWatches().map(w => ({ ...w, cluster: s.name })),
        );
      case 'faults':
        all().forEach(s => s.setFaults(request.faults));
        return undefined;
      case 'objects':
        return Promise.all(
          request.paths.map(async ({ cluster, path }) => ({
            cluster,
            path,
            objects: await countObjects(simulators[cluster].url, path, bearer),
          })),
        );
      case 'close':
        await Promise.all(all().map(s => s.close()));
        return undefined;
      default:
        throw new Error(`unknown request ${JSON.stringify(request)}`);
    }
  };
  serveBenchProcess(handle);
}

if (process.env.GUARDRAILS_BENCH_WATCHED_CLUSTERS === '1' && process.send) {
  void serve();
}
