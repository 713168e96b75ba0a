/**
 * The `guardrails` command: checks Kubernetes manifests against guardrail
 * packs in CI, exports packs to ValidatingAdmissionPolicies, explains and
 * lints them.
 *
 * @packageDocumentation
 */

import { CliIo, processIo } from './io';
import { runCli } from './program';
import { version } from '../package.json';

export type { CliIo, TextSink } from './io';

/**
 * Runs `guardrails` with `argv` (the arguments after the command name) and
 * resolves to its exit code. `io` replaces the process's streams, working
 * directory and clock, for tests and embedding.
 * @public
 */
export async function main(
  argv: string[],
  io: Partial<CliIo> = {},
): Promise<number> {
  return runCli(argv, { ...processIo(), ...io }, version);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
  });
}
