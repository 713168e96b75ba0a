/*
 * One catalog of the catalog benchmark in a process of its own, so that the catalogs compared share no JIT state,
 * heap or module instances: each is measured as a backend of its own would run. The parent starts it with
 * `startCatalogProcess`; the child makes the same deterministic components (and, with the module, summaries) and
 * runs cycles when asked over IPC. Only one catalog works at a time; the others wait idle.
 */
import { fork } from 'node:child_process';
import { BenchCatalog, Cycle, startBenchCatalog } from './benchCatalog';
import { components, summaries } from './fixtures';

export interface CatalogProcessOptions {
  components: number;
  /** With the guardrails module, reading this many summaries one after another (see `summaries`). */
  audits?: { count: number; changingFrom: number };
}

type Request =
  | { id: number; type: 'start'; options: CatalogProcessOptions }
  | { id: number; type: 'cycle'; audit: boolean }
  | { id: number; type: 'requests' }
  | { id: number; type: 'stop' };

export interface CatalogProcess {
  /** A new audit first (with the module), then one cycle (see `BenchCatalog.cycle`). */
  cycle(options?: { audit?: boolean }): Promise<Cycle>;
  summaryRequests(): ReturnType<BenchCatalog['summaryRequests']>;
  stop(): Promise<void>;
}

export async function startCatalogProcess(
  options: CatalogProcessOptions,
): Promise<CatalogProcess> {
  const child = fork(__filename, [], {
    execArgv: [
      '--expose-gc',
      '--max-old-space-size=4096',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    env: { ...process.env, GUARDRAILS_BENCH_CATALOG_PROCESS: '1' },
  });
  let nextId = 0;
  const pending = new Map<
    number,
    { resolve: (value: any) => void; reject: (error: Error) => void }
  >();
  child.on(
    'message',
    (message: { id: number; error?: string; value?: unknown }) => {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.value);
    },
  );
  child.on('exit', code => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`catalog process exited with ${code}`));
    pending.clear();
  });
  const call = <T>(request: Omit<Request, 'id'>): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...request, id });
    });
  await call({ type: 'start', options } as Omit<Request, 'id'>);
  let requests = { requests: 0, downloads: 0 };
  return {
    cycle: async ({ audit = false } = {}) => {
      const cycle = await call<Cycle>({ type: 'cycle', audit } as Omit<
        Request,
        'id'
      >);
      requests = await call({ type: 'requests' });
      return cycle;
    },
    summaryRequests: () => requests,
    stop: async () => {
      await call({ type: 'stop' });
      child.disconnect();
    },
  };
}

async function serve() {
  let catalog: BenchCatalog | undefined;
  const started = () => {
    if (!catalog) throw new Error('The catalog is not started');
    return catalog;
  };
  const handle = async (request: Request): Promise<unknown> => {
    switch (request.type) {
      case 'start': {
        const { audits } = request.options;
        catalog = await startBenchCatalog({
          entities: components(request.options.components),
          ...(audits
            ? {
                summaries: summaries(
                  request.options.components,
                  audits.count,
                  audits.changingFrom,
                ).map(s => JSON.stringify(s)),
              }
            : {}),
        });
        return undefined;
      }
      case 'cycle':
        if (request.audit) started().audit();
        return started().cycle();
      case 'requests':
        return started().summaryRequests();
      case 'stop':
        await started().stop();
        return undefined;
      default:
        throw new Error(`unknown request ${JSON.stringify(request)}`);
    }
  };
  process.on('message', (request: Request) => {
    handle(request).then(
      value => process.send!({ id: request.id, value }),
      error =>
        process.send!({ id: request.id, error: String(error?.stack ?? error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.env.GUARDRAILS_BENCH_CATALOG_PROCESS === '1' && process.send) {
  void serve();
}
