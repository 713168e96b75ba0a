import { TokenRule } from '../types';

/** One cluster to start, from flags or a config file. */
export interface ClusterSpec {
  name: string;
  port: number;
  host?: string;
  seeds: string[];
  tokens?: Array<string | TokenRule>;
}

export type CliCommand =
  | { type: 'help' }
  | { type: 'start'; clusters: ClusterSpec[]; logRequests: boolean }
  | { type: 'config'; file: string; logRequests: boolean };

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {}

export const USAGE = `Usage: kube-simulator [options]

Runs a local, in-memory Kubernetes API server until interrupted (SIGINT/SIGTERM).

Options:
  --port N          port to listen on (default 0: a free port)
  --host HOST       interface to listen on (default 127.0.0.1)
  --name NAME       cluster name, shown in /version and the log (default local)
  --seed FILE       seed file of Kubernetes objects (multi-document YAML); repeatable
  --token TOKEN     require this bearer token; repeatable
  --config FILE     start the clusters of a config file instead:
                      clusters: [{ name, port, host?, seeds: [..], tokens: [..] }]
                    seed paths are relative to the config file
  --log-requests    print one line per request
  -h, --help        show this help
`;

const VALUE_FLAGS = [
  '--port',
  '--host',
  '--name',
  '--seed',
  '--token',
  '--config',
];

export function parsePort(text: string, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new UsageError(
      `${what} must be a port number between 0 and 65535, got ${JSON.stringify(
        text,
      )}`,
    );
  }
  return Number(text);
}

/** Parses the command line (without node and script). */
export function parseArgs(argv: string[]): CliCommand {
  const values: Record<string, string[]> = {};
  let logRequests = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { type: 'help' };
    if (arg === '--log-requests') {
      logRequests = true;
      continue;
    }
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (!VALUE_FLAGS.includes(flag))
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '')
      throw new UsageError(`${flag} needs a value`);
    (values[flag] ??= []).push(value);
  }
  for (const single of ['--port', '--host', '--name', '--config']) {
    if ((values[single]?.length ?? 0) > 1)
      throw new UsageError(`${single} may be given once`);
  }
  if (values['--config']) {
    const mixed = VALUE_FLAGS.filter(f => f !== '--config' && values[f]);
    if (mixed.length > 0)
      throw new UsageError(
        `--config cannot be combined with ${mixed.join(
          ', ',
        )}; put them in the config file`,
      );
    return { type: 'config', file: values['--config'][0], logRequests };
  }
  return {
    type: 'start',
    logRequests,
    clusters: [
      {
        name: values['--name']?.[0] ?? 'local',
        port: values['--port'] ? parsePort(values['--port'][0], '--port') : 0,
        host: values['--host']?.[0],
        seeds: values['--seed'] ?? [],
        tokens: values['--token'],
      },
    ],
  };
}
