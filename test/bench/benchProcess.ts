/*
 * A part of a benchmark in a child process of its own (simulated clusters, a catalog), so that it shares no CPU time,
 * heap or JIT state with what is measured. The parent forks it and calls it over IPC; each request gets its value or
 * its error back.
 */
import { fork } from 'node:child_process';

type Message = { id: number; error?: string; value?: unknown };

export interface BenchProcess<Request> {
  call<T>(request: Request): Promise<T>;
  disconnect(): void;
}

/**
 * Forks `file` with Node's flags for the benchmarks and `flag` set in its environment, which tells the file to serve
 * (see `serveBenchProcess`) rather than to be used as a module.
 */
export function forkBenchProcess<Request extends object>(
  file: string,
  flag: string,
  execArgv: string[] = [],
): BenchProcess<Request> {
  const child = fork(file, [], {
    execArgv: [
      ...execArgv,
      '--max-old-space-size=4096',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    env: { ...process.env, [flag]: '1' },
  });
  let nextId = 0;
  const pending = new Map<
    number,
    { resolve: (value: any) => void; reject: (error: Error) => void }
  >();
  child.on('message', (message: Message) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.value);
  });
  child.on('exit', code => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`${file} exited with ${code}`));
    pending.clear();
  });
  return {
    call: <T>(request: Request): Promise<T> =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.send({ ...request, id });
      }),
    disconnect: () => child.disconnect(),
  };
}

/** The child's side: answers each request with what `handle` gives, and exits when the parent goes. */
export function serveBenchProcess<Request extends object>(
  handle: (request: Request) => Promise<unknown>,
): void {
  process.on('message', (message: Request & { id: number }) => {
    handle(message).then(
      value => process.send!({ id: message.id, value }),
      error =>
        process.send!({ id: message.id, error: String(error?.stack ?? error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
