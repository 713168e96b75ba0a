import { KubeConfig, Watch } from '@kubernetes/client-node';

/** One event as `@kubernetes/client-node`'s Watch hands it over. */
export interface Received {
  type: string;
  object: {
    kind?: string;
    apiVersion?: string;
    metadata?: {
      name?: string;
      namespace?: string;
      resourceVersion?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    };
    [key: string]: unknown;
  };
}

/** A watch opened through client-node, recording what it receives. */
export interface WatchRecorder {
  events: Received[];
  /** Settles when the watch ends: with null for a clean end, else the error client-node reported. */
  ended: Promise<unknown>;
  /** Waits until the events satisfy `done`; fails naming what arrived when they do not in time. */
  until(
    done: (events: Received[]) => boolean,
    timeoutMs?: number,
  ): Promise<Received[]>;
  stop(): void;
}

/** Short `type name` lines of events, for readable expectations. */
export function summary(events: Received[]): string[] {
  return events.map(
    e =>
      `${e.type} ${
        e.object.metadata?.name ?? e.object.metadata?.resourceVersion
      }`,
  );
}

/** Opens a watch of `path` with client-node's Watch and records its events. */
export async function startWatch(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | number | boolean> = {},
): Promise<WatchRecorder> {
  const events: Received[] = [];
  let settle: (value: unknown) => void = () => {};
  const ended = new Promise<unknown>(resolve => {
    settle = resolve;
  });
  const controller = await new Watch(kc).watch(
    path,
    query,
    (type, object) => events.push({ type, object }),
    err => settle(err ?? null),
  );
  return {
    events,
    ended,
    async until(done, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(events)) {
        if (Date.now() > deadline)
          throw new Error(
            `watch of ${path} did not get the expected events; got: ${JSON.stringify(
              summary(events),
            )}`,
          );
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      return events;
    },
    stop: () => controller.abort(),
  };
}

/** Reads a watch response as raw text until the server ends it; for checking the wire format. */
export async function rawWatch(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; lines: string[] }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    lines: text.split('\n').filter(line => line !== ''),
  };
}
