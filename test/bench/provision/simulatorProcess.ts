/*
 * The simulated cluster of the provisioning benchmark, in a child process so that serving the Kubernetes API does
 * not share the provisioning's event loop: the wall time measured is the action's own, as against a real cluster.
 * The parent changes the injected latency over IPC.
 */
import { fork } from 'node:child_process';
import { startKubeSimulator } from '@guardrails-dev/kube-simulator';

type Message = { type: 'latency'; latencyMs?: number } | { type: 'close' };

export interface SimulatorProcess {
  url: string;
  setLatency(latencyMs: number | undefined): Promise<void>;
  close(): Promise<void>;
}

/** Forks this file as the simulator; resolves with its URL. */
export function startSimulatorProcess(options: {
  name: string;
  token: string;
}): Promise<SimulatorProcess> {
  const child = fork(__filename, [options.name, options.token], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Only this file's messages: the Backstage CLI's transform in the child uses the IPC channel too.
  const next = () =>
    new Promise<any>((resolve, reject) => {
      const onMessage = (message: any) => {
        if (message?.simulator) {
          child.off('message', onMessage);
          resolve(message);
        }
      };
      child.on('message', onMessage);
      child.once('exit', code =>
        reject(new Error(`simulator process exited with ${code}`)),
      );
    });
  return next().then(({ url }) => ({
    url,
    async setLatency(latencyMs) {
      const reply = next();
      child.send({ type: 'latency', latencyMs } satisfies Message);
      await reply;
    },
    async close() {
      child.send({ type: 'close' } satisfies Message);
      await new Promise(resolve => child.once('exit', resolve));
    },
  }));
}

async function serve(name: string, token: string) {
  const simulator = await startKubeSimulator({ name, tokens: [token] });
  process.on('message', async (message: Message) => {
    if (message?.type === 'latency') {
      simulator.setFaults(
        message.latencyMs ? { latencyMs: message.latencyMs } : undefined,
      );
      process.send!({ simulator: true, ok: true });
    } else if (message?.type === 'close') {
      await simulator.close();
      process.exit(0);
    }
  });
  process.send!({ simulator: true, url: simulator.url });
}

if (require.main === module && process.send) {
  serve(process.argv[2], process.argv[3]).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
