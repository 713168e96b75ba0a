import { KubeConfig, Watch } from '@kubernetes/client-node';

/** How a watch stream ended: by the server or `stop()` (`end`), an ERROR event, a refused request or a broken connection. */
export type WatchStreamEnd =
  | { kind: 'end' }
  | { kind: 'status'; code: number; reason?: string; message?: string }
  | { kind: 'http'; status: number }
  | { kind: 'connection'; error: unknown };

export interface WatchStream {
  readonly ended: Promise<WatchStreamEnd>;
  stop(): void;
}

interface WatchLine {
  type: string;
  object: Record<string, unknown>;
}

/**
 * One watch request through client-node's Watch, which applies the KubeConfig's token and TLS settings. Its `done`
 * callback is turned into one outcome: an ERROR event (410 Gone among them) is the stream's end, not an event.
 */
export async function openWatchStream(
  kc: KubeConfig,
  path: string,
  query: Record<string, string | undefined>,
  onEvent: (type: string, object: Record<string, unknown>) => void,
): Promise<WatchStream> {
  let settle!: (end: WatchStreamEnd) => void;
  const ended = new Promise<WatchStreamEnd>(resolve => {
    settle = resolve;
  });
  let finished = false;
  let stopped = false;
  // Known only once the request is under way; a stream that ends before that is aborted then.
  const open: { controller?: AbortController } = {};
  const finish = (end: WatchStreamEnd) => {
    if (finished) return;
    finished = true;
    open.controller?.abort();
    settle(end);
  };
  const params = Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined),
  );
  open.controller = await new Watch(kc).watch(
    path,
    params,
    (type: string, object: Record<string, unknown>, line: WatchLine) => {
      if (finished) return;
      if (type === 'ERROR') {
        const status = (line?.object ?? object) as {
          code?: number;
          reason?: string;
          message?: string;
        };
        finish({
          kind: 'status',
          code: typeof status.code === 'number' ? status.code : 500,
          reason: status.reason,
          message: status.message,
        });
        return;
      }
      onEvent(type, object);
    },
    (error: unknown) => {
      if (stopped || !error) {
        finish({ kind: 'end' });
        return;
      }
      const status = (error as { statusCode?: unknown }).statusCode;
      finish(
        typeof status === 'number'
          ? { kind: 'http', status }
          : { kind: 'connection', error },
      );
    },
  );
  if (finished) open.controller.abort();
  return {
    ended,
    stop: () => {
      stopped = true;
      finish({ kind: 'end' });
    },
  };
}
