/*
 * One catalog of the catalog benchmark in a process of its own, so that the catalogs compared share no JIT state,
 * heap or module instances: each is measured as a backend of its own would run. The parent starts it with
 * `startCatalogProcess`; the child makes the same deterministic entities (and, with the module, summaries) and
 * runs cycles when asked over IPC. Only one catalog works at a time; the others wait idle.
 */
import { forkBenchProcess, serveBenchProcess } from '../benchProcess';
import { BenchCatalog, Cycle, startBenchCatalog } from './benchCatalog';
import { catalogEntities, summaries } from './fixtures';

export interface CatalogProcessOptions {
  components: number;
  /** With the guardrails module, reading this many summaries one after another (see `summaries`). */
  audits?: { count: number; changingFrom: number };
}

type Request =
  | { type: 'start'; options: CatalogProcessOptions }
  | { type: 'cycle'; audit: boolean }
  | { type: 'requests' }
  | { type: 'stop' };

export interface CatalogProcess {
  /** A new audit first (with the module), then one cycle (see `BenchCatalog.cycle`). */
  cycle(options?: { audit?: boolean }): Promise<Cycle>;
  summaryRequests(): ReturnType<BenchCatalog['summaryRequests']>;
  stop(): Promise<void>;
}

export async function startCatalogProcess(
  options: CatalogProcessOptions,
): Promise<CatalogProcess> {
  const child = forkBenchProcess<Request>(
    __filename,
    'GUARDRAILS_BENCH_CATALOG_PROCESS',
    ['--expose-gc'],
  );
  const call = child.call;
  await call({ type: 'start', options });
  let requests = { requests: 0, downloads: 0 };
  return {
    cycle: async ({ audit = false } = {}) => {
      const cycle = await call<Cycle>({ type: 'cycle', audit });
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
          entities: catalogEntities(request.options.components),
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
  serveBenchProcess(handle);
}

if (process.env.GUARDRAILS_BENCH_CATALOG_PROCESS === '1' && process.send) {
  void serve();
}
