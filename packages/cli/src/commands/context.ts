import { Command } from 'commander';
import { CliIo } from '../io';
import { collect } from '../options';

/** What every command's action shares: the I/O, the version and where to put its exit code. */
export interface Context {
  io: CliIo;
  version: string;
  /** Set by the action that ran. */
  exitCode: number;
  /** Writes `warning: <message>` to stderr. */
  warn(message: string): void;
}

export const KUBERNETES_VERSION_HELP =
  'oldest Kubernetes release the clusters run, e.g. 1.30: a guardrail using a CEL function a later release added makes the pack invalid';

/** Options selecting the pack: shared by check, export vap and explain. */
export function addPackOptions(command: Command): Command {
  return command
    .option(
      '--pack <dir>',
      'guardrail pack directory, repeatable: later directories are layered onto earlier ones; replaces the default pack',
      collect,
    )
    .option(
      '--default-pack',
      'layer the --pack directories onto the default pack instead of replacing it',
    )
    .option(
      '--max-exemption-days <days>',
      'longest span an exemption may have, counted from now (default 90)',
    )
    .option('--kubernetes-version <release>', KUBERNETES_VERSION_HELP);
}
