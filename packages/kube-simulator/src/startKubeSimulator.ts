import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { AuditLog } from './admission/auditLog';
import { cloneJson } from './store/objects';
import { ObjectStore } from './store/ObjectStore';
import { QuotaController } from './quota/QuotaController';
import { CrdController } from './crd/CrdController';
import { createBuiltInNamespaces, seedObjects } from './seed/seedStore';
import { loadSeedFile } from './seed/loadSeedFile';
import { normalizeTokens } from './server/auth';
import {
  createRequestListener,
  RequestRecord,
} from './server/createRequestListener';
import { FaultInjector } from './server/faults';
import { KubeSimulator, KubeSimulatorOptions } from './types';
import { WatchHub } from './watch/WatchHub';
import { watchSettings } from './watch/watchSettings';

function seedFiles(seed: string | string[] | undefined): string[] {
  if (seed === undefined) return [];
  const files = Array.isArray(seed) ? seed : [seed];
  files.forEach((f, i) => {
    if (typeof f !== 'string' || f === '')
      throw new Error(`seed[${i}] must be a file path`);
  });
  return files;
}

/**
 * Starts a simulated cluster: an HTTP server speaking the Kubernetes REST API over an in-memory store,
 * seeded from files and objects. Rejects with an error naming the problem when options or seeds are bad
 * or the port is taken.
 * @public
 */
export function startKubeSimulator(
  options: KubeSimulatorOptions = {},
): Promise<KubeSimulator> {
  return startCluster(options);
}

/** {@link startKubeSimulator} with a callback per served request, for the command line's log. */
export async function startCluster(
  options: KubeSimulatorOptions,
  onRequest?: (record: RequestRecord) => void,
): Promise<KubeSimulator> {
  const name = options.name ?? 'kube-simulator';
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `port must be an integer between 0 and 65535, got ${JSON.stringify(
        options.port,
      )}`,
    );
  }
  const store = new ObjectStore();
  new CrdController(store).start();
  createBuiltInNamespaces(store);
  for (const file of seedFiles(options.seed)) {
    seedObjects(store, loadSeedFile(file), i => `${file}: object ${i + 1}`);
  }
  if (options.objects !== undefined) {
    if (!Array.isArray(options.objects))
      throw new Error('objects must be a list of Kubernetes objects');
    seedObjects(store, options.objects, i => `objects[${i}]`);
  }
  // Seeds keep no hand-written quota status: the controller computes it from the seeded pods.
  new QuotaController(store).start();
  const faults = new FaultInjector();
  faults.set(options.faults);
  const tokens = normalizeTokens(options.tokens);
  const auditLog = new AuditLog();

  const requests = {
    total: 0,
    byMethod: {} as Record<string, number>,
    bytes: 0,
    log: [] as Array<{
      method: string;
      path: string;
      status: number;
      watch?: true;
    }>,
  };
  // Created after seeding: seeds are the state before the simulator started, which watches see as ADDED.
  const watches = new WatchHub(
    store,
    watchSettings(options.watch, {
      dropAfterMs: () => faults.dropWatchesAfterMs,
      onBytes: bytes => {
        requests.bytes += bytes;
      },
    }),
  );
  let address = `${host}:${port}`;
  const server = createServer(
    createRequestListener({
      name,
      store,
      faults,
      tokens,
      auditLog,
      watches,
      serverAddress: () => address,
      onServed: record => {
        requests.total += 1;
        requests.bytes += record.bytes;
        requests.byMethod[record.method] =
          (requests.byMethod[record.method] ?? 0) + 1;
        requests.log.push({
          method: record.method,
          path: record.path,
          status: record.status,
          ...(record.watch ? { watch: record.watch } : {}),
        });
        onRequest?.(record);
      },
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `kube-simulator ${name} cannot listen on ${host}:${port}: ${
            e.code === 'EADDRINUSE' ? 'the port is already in use' : e.message
          }`,
        ),
      );
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  address = `${host}:${bound}`;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    name,
    requests,
    setFaults: f => faults.set(f),
    resetRequestLog: () => {
      requests.total = 0;
      requests.byMethod = {};
      requests.bytes = 0;
      requests.log = [];
    },
    openWatches: () => watches.list(),
    dropWatches: how => watches.drop(how),
    compactHistory: () => watches.compact(),
    auditEvents: () => auditLog.list(),
    resetAuditLog: () => auditLog.clear(),
    listObjects(apiVersion, kind, namespace) {
      const rt = store.types.byKind(apiVersion, kind);
      if (!rt)
        throw new Error(
          `${apiVersion} ${kind} is not a type the simulator serves`,
        );
      return store.scan(rt, namespace).map(e => cloneJson(e.object));
    },
    close() {
      closing ??= new Promise<void>(resolve => {
        watches.drop('reset');
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
