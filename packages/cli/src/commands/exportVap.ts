import {
  exportValidatingAdmissionPolicies,
  toYaml,
} from '@guardrails-dev/plugin-guardrails-engine';
import { Command } from 'commander';
import { CliError, EXIT } from '../CliError';
import {
  assertKnownEnvironment,
  knownEnvironments,
} from '../packs/environments';
import { loadPack } from '../packs/loadPack';
import { collect, formatInstant, parseAt, parseDays } from '../options';
import { addPackOptions, Context } from './context';

interface ExportOptions {
  pack?: string[];
  defaultPack?: boolean;
  env?: string[];
  at?: string;
  resourceName?: string[];
  maxExemptionDays?: string;
}

function parseResourceNames(values: string[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const value of values) {
    const match = /^([A-Za-z][A-Za-z0-9]*)=([a-z][a-z0-9-]*)$/.exec(value);
    if (!match) {
      throw new CliError(
        `--resource-name "${value}" must be Kind=plural, e.g. Certificate=certificates`,
      );
    }
    names[match[1]] = match[2];
  }
  return names;
}

async function exportVap(
  options: ExportOptions,
  context: Context,
): Promise<number> {
  const { io } = context;
  const now = io.now();
  const at = parseAt(options.at, now);
  const resourceNames = parseResourceNames(options.resourceName ?? []);
  // Pack warnings are about exemptions, which admission does not use.
  const { pack } = await loadPack(
    {
      pack: options.pack,
      defaultPack: options.defaultPack,
      maxExemptionDays: parseDays(options.maxExemptionDays),
    },
    io.cwd,
    now,
  );
  const given = options.env ?? [];
  given.forEach(env => assertKnownEnvironment(env, pack));
  const environments =
    given.length > 0 ? [...new Set(given)] : knownEnvironments(pack);

  const { objects, flagged } = exportValidatingAdmissionPolicies(pack, {
    environments,
    at,
    resourceNames,
  });
  const notExported = flagged.map(
    f => `${f.guardrail} is not exported: ${f.reasons.join('; ')}`,
  );
  notExported.forEach(line => context.warn(line));

  const header = [
    `# ValidatingAdmissionPolicies of ${
      pack.guardrails.length - flagged.length
    } guardrails,`,
    `# bound for ${environments.join(', ')} as rolled out at ${formatInstant(
      at,
    )}.`,
    ...(notExported.length > 0
      ? [
          '# Not exported, because they cannot run in admission:',
          ...notExported.map(l => `#   ${l}`),
        ]
      : []),
  ];
  io.stdout.write(
    `${header.join('\n')}\n${objects.length > 0 ? toYaml(objects) : ''}`,
  );
  return EXIT.ok;
}

/** `guardrails export vap`: the pack as ValidatingAdmissionPolicy + binding YAML. */
export function exportCommand(context: Context): Command {
  const vap = new Command('vap')
    .summary('print ValidatingAdmissionPolicies and bindings for the pack')
    .description(
      [
        'Prints one ValidatingAdmissionPolicy per guardrail and one binding per environment in',
        "which the guardrail is in force at --at, selecting that environment's namespaces by the",
        'guardrails.dev/environment label. Actions follow the rollout stage: observe [Audit],',
        'warn [Warn, Audit], block [Deny]. Guardrails that cannot run in admission are listed',
        'on stderr and in the header, never exported half-working.',
      ].join('\n'),
    )
    .option(
      '--env <environment>',
      'environment to bind, repeatable: the one(s) the target cluster serves (default: every environment of the pack)',
      collect,
    )
    .option(
      '--at <date>',
      'rollout instant the bindings follow (YYYY-MM-DD or ISO 8601); default now',
    )
    .option(
      '--resource-name <Kind=plural>',
      'resource name of a kind that is not built in, repeatable, e.g. Certificate=certificates',
      collect,
    )
    .addHelpText(
      'after',
      `
Examples:
  guardrails export vap --env prod > admission.yaml
  guardrails export vap --pack platform/guardrails --default-pack --env staging | kubectl apply -f -

Exit codes:
  0  printed (guardrails that cannot run in admission are listed on stderr)
  2  bad input: invalid pack, unknown environment, bad --at or --resource-name`,
    )
    .action(async (options: ExportOptions) => {
      context.exitCode = await exportVap(options, context);
    });
  addPackOptions(vap);
  return new Command('export')
    .summary('export the pack to Kubernetes admission control')
    .description('Exports the guardrail pack for use outside Backstage.')
    .addCommand(vap);
}
