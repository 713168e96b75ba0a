import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './CliError';
import { checkCommand } from './commands/check';
import { Context } from './commands/context';
import { explainCommand } from './commands/explain';
import { exportCommand } from './commands/exportVap';
import { lintCommand } from './commands/lint';
import { CliIo } from './io';

const EXIT_CODES_HELP = `
Exit codes:
  0  success; check: nothing is at block
  1  check: at least one result is at block; lint: the pack is invalid
  2  bad usage or input: unreadable or malformed file, invalid pack (also a CEL
     function newer than --kubernetes-version), unknown environment, option value
     or guardrail`;

/** Builds the command tree; output goes to the context's streams. */
function buildProgram(context: Context): Command {
  const program = new Command('guardrails')
    .description(
      'Check Kubernetes manifests against guardrail packs, export them to admission control,\nexplain and lint them.',
    )
    .version(context.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpCommand(false)
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: text => context.io.stdout.write(text),
      writeErr: text => context.io.stderr.write(text),
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
    });
  // Subcommands created with `new Command` inherit these settings only through copyInheritedSettings.
  for (const command of [
    checkCommand(context),
    exportCommand(context),
    explainCommand(context),
    lintCommand(context),
  ]) {
    program.addCommand(withInheritedSettings(command, program));
  }
  return program;
}

function withInheritedSettings(command: Command, parent: Command): Command {
  command.copyInheritedSettings(parent);
  command.commands.forEach(sub => withInheritedSettings(sub, command));
  return command;
}

/**
 * Runs the `guardrails` command with the given arguments (without `node` and
 * the script) and returns the exit code: 0 success, 1 blocked or invalid
 * pack, 2 bad usage or input. Never exits the process itself.
 */
export async function runCli(
  argv: string[],
  io: CliIo,
  version: string,
): Promise<number> {
  const context: Context = {
    io,
    version,
    exitCode: EXIT.ok,
    warn: message => io.stderr.write(`warning: ${message}\n`),
  };
  const program = buildProgram(context);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end the same way; anything else commander refuses is bad usage.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      io.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(
      `error: ${
        error instanceof Error ? error.stack ?? error.message : String(error)
      }\n`,
    );
    return EXIT.usage;
  }
}
