import { Command } from 'commander';
import { CliError, EXIT } from '../CliError';
import { closeMatches } from '../explain/closeMatches';
import { describeGuardrail } from '../explain/describeGuardrail';
import { knownEnvironments } from '../packs/environments';
import { loadPack } from '../packs/loadPack';
import { parseAt, parseDays, parseKubernetesRelease } from '../options';
import { addPackOptions, Context } from './context';

interface ExplainOptions {
  pack?: string[];
  defaultPack?: boolean;
  at?: string;
  maxExemptionDays?: string;
  kubernetesVersion?: string;
}

async function explain(
  id: string,
  options: ExplainOptions,
  context: Context,
): Promise<number> {
  const { io } = context;
  const now = io.now();
  const at = parseAt(options.at, now);
  const { pack } = await loadPack(
    {
      pack: options.pack,
      defaultPack: options.defaultPack,
      maxExemptionDays: parseDays(options.maxExemptionDays),
      kubernetesVersion: parseKubernetesRelease(options.kubernetesVersion),
    },
    io.cwd,
    now,
  );
  const guardrail = pack.guardrails.find(g => g.id === id);
  if (!guardrail) {
    const ids = pack.guardrails.map(g => g.id).sort();
    const matches = closeMatches(id, ids);
    throw new CliError(
      matches.length > 0
        ? `unknown guardrail "${id}"; did you mean ${matches.join(', ')}?`
        : `unknown guardrail "${id}"; the pack has ${
            ids.length > 0 ? ids.join(', ') : 'no guardrails'
          }`,
    );
  }
  io.stdout.write(
    describeGuardrail({
      guardrail,
      environments: knownEnvironments(pack),
      exemptions: pack.exemptions,
      at,
      cwd: io.cwd,
    }),
  );
  return EXIT.ok;
}

/** `guardrails explain ID`: why a guardrail exists, how to fix it, where its rollout stands. */
export function explainCommand(context: Context): Command {
  const command = new Command('explain')
    .summary('explain a guardrail: why, how to fix, rollout per environment')
    .description(
      'Prints what a guardrail checks, why it exists, how to fix a violation, and its rollout in\nevery environment: the level now and the stages to come, with dates.',
    )
    .argument('<id>', 'guardrail ID, e.g. pod.no-privileged')
    .option(
      '--at <date>',
      'show the rollout as of this instant (YYYY-MM-DD or ISO 8601); default now',
    )
    .addHelpText(
      'after',
      `
Exit codes:
  0  explained
  2  unknown guardrail (close matches are suggested), invalid pack (also a CEL function
     newer than --kubernetes-version), bad --at or --kubernetes-version`,
    )
    .action(async (id: string, options: ExplainOptions) => {
      context.exitCode = await explain(id, options, context);
    });
  addPackOptions(command);
  return command;
}
