import { startCluster } from '../startKubeSimulator';
import { KubeSimulator } from '../types';
import { loadClusterConfig } from './clusterConfig';
import { ClusterSpec, parseArgs, USAGE, UsageError } from './parseArgs';

/**
 * The `kube-simulator` command: starts one cluster from flags, or several from `--config`, prints
 * `kube-simulator <name> listening on <url>` for each, and runs until SIGINT or SIGTERM. Failures print
 * a message and set the exit code (2 for usage mistakes, 1 otherwise).
 * @public
 */
export async function runKubeSimulatorCli(argv: string[]): Promise<void> {
  let clusters: ClusterSpec[];
  let logRequests: boolean;
  try {
    const command = parseArgs(argv);
    if (command.type === 'help') {
      process.stdout.write(USAGE);
      return;
    }
    logRequests = command.logRequests;
    clusters =
      command.type === 'config'
        ? loadClusterConfig(command.file)
        : command.clusters;
  } catch (e) {
    process.stderr.write(
      `kube-simulator: ${(e as Error).message}\n${
        e instanceof UsageError ? `\n${USAGE}` : ''
      }`,
    );
    process.exitCode = e instanceof UsageError ? 2 : 1;
    return;
  }

  const running: KubeSimulator[] = [];
  try {
    for (const spec of clusters) {
      const sim = await startCluster(
        {
          name: spec.name,
          port: spec.port,
          host: spec.host,
          seed: spec.seeds,
          tokens: spec.tokens,
        },
        logRequests
          ? r =>
              process.stdout.write(
                `[${spec.name}] ${r.method} ${r.path} ${r.status} ${r.durationMs}ms\n`,
              )
          : undefined,
      );
      running.push(sim);
      process.stdout.write(
        `kube-simulator ${sim.name} listening on ${sim.url}\n`,
      );
    }
  } catch (e) {
    process.stderr.write(`kube-simulator: ${(e as Error).message}\n`);
    process.exitCode = 1;
    await Promise.all(running.map(s => s.close()));
    return;
  }

  await new Promise<void>(resolve => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stdout.write(`kube-simulator stopping (${signal})\n`);
      Promise.all(running.map(s => s.close())).then(() => resolve());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
