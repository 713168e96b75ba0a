import { Command, Option } from 'commander';
import { EXIT } from '../CliError';
import { formatJson } from '../check/formats/json';
import { formatPolicyReport } from '../check/formats/policyReport';
import { formatSarif } from '../check/formats/sarif';
import { formatTable } from '../check/formats/table';
import { runCheck } from '../check/runCheck';
import { readManifests } from '../manifests/readManifests';
import {
  assertKnownEnvironment,
  DEFAULT_CHECK_ENVIRONMENT,
} from '../packs/environments';
import { loadPackAndExemptions } from '../packs/loadPack';
import { formatProblems } from '../packs/problems';
import { parseAt, parseDays, parseKubernetesRelease } from '../options';
import { addPackOptions, Context } from './context';

export const CHECK_FORMATS = [
  'table',
  'json',
  'sarif',
  'policyreport',
] as const;

interface CheckOptions {
  env: string;
  pack?: string[];
  defaultPack?: boolean;
  exemptions?: string;
  at?: string;
  format: (typeof CHECK_FORMATS)[number];
  showPassing?: boolean;
  maxExemptionDays?: string;
  kubernetesVersion?: string;
}

async function check(
  paths: string[],
  options: CheckOptions,
  context: Context,
): Promise<number> {
  const { io } = context;
  const now = io.now();
  const at = parseAt(options.at, now);
  const maxExemptionDays = parseDays(options.maxExemptionDays);
  const kubernetesVersion = parseKubernetesRelease(options.kubernetesVersion);
  const { pack, exemptions, warnings } = await loadPackAndExemptions(
    {
      pack: options.pack,
      defaultPack: options.defaultPack,
      exemptions: options.exemptions,
      maxExemptionDays,
      kubernetesVersion,
    },
    io.cwd,
    now,
  );
  assertKnownEnvironment(options.env, pack);
  const input = await readManifests(paths, io);

  for (const line of formatProblems(warnings, io.cwd)) {
    context.warn(line);
  }
  for (const dir of input.emptyDirectories) {
    context.warn(`${dir} holds no *.yaml, *.yml or *.json file`);
  }
  if (input.manifests.length === 0) {
    context.warn('no Kubernetes objects found in the input');
  }

  const run = runCheck({
    pack,
    manifests: input.manifests,
    exemptions,
    environment: options.env,
    at,
  });
  switch (options.format) {
    case 'json':
      io.stdout.write(formatJson(run));
      break;
    case 'sarif':
      io.stdout.write(
        formatSarif(run, { cwd: io.cwd, version: context.version }),
      );
      break;
    case 'policyreport':
      io.stdout.write(formatPolicyReport(run));
      break;
    default:
      io.stdout.write(
        formatTable(run, { showPassing: Boolean(options.showPassing) }),
      );
  }
  return run.blocking ? EXIT.failed : EXIT.ok;
}

/** `guardrails check`: evaluates manifests, exits 1 when anything is at block. */
export function checkCommand(context: Context): Command {
  const command = new Command('check')
    .summary('check Kubernetes manifests against the guardrails')
    .description(
      [
        'Evaluates Kubernetes manifests against a guardrail pack, as it stands in one',
        'environment at one instant, and exits 1 when a violation is at the block level.',
        '',
        'PATH is a file, a directory (its *.yaml, *.yml and *.json files, recursively)',
        'or - for stdin. Files may hold several YAML documents, JSON, List kinds',
        '(kind: List, DeploymentList, ...) and arrays of objects.',
        '',
        'Guardrails that read object.status apply to live objects only (the portal audits',
        'them in clusters): manifests have no status, so check gives them no results.',
      ].join('\n'),
    )
    .argument('<path...>', 'manifest files, directories, or - for stdin')
    .addOption(
      new Option(
        '--env <environment>',
        'environment whose rollout stage sets each level; prod, the strictest, unless given',
      ).default(DEFAULT_CHECK_ENVIRONMENT),
    )
    .option(
      '--exemptions <dir>',
      'directory of GuardrailExemption documents to apply too',
    )
    .option(
      '--at <date>',
      'evaluate as of this instant (YYYY-MM-DD or ISO 8601); default now',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(CHECK_FORMATS)
        .default('table'),
    )
    .option('--show-passing', 'table format: list passing results too')
    .addHelpText(
      'after',
      `
Examples:
  guardrails check k8s/
  helm template charts/shop | guardrails check - --env staging
  guardrails check k8s/ --pack platform/guardrails --default-pack --format sarif > guardrails.sarif
  guardrails check k8s/ --at 2027-02-01   # what will block once the next stages start

Exit codes:
  0  nothing is at block (violations at observe or warn are reported, not fatal)
  1  something is at block: a violation, or an evaluation error of a guardrail at block
  2  bad input: unreadable path, YAML error, not a Kubernetes object, invalid pack
     (also a CEL function newer than --kubernetes-version), unknown environment,
     bad --at, --format or --kubernetes-version`,
    )
    .action(async (paths: string[], options: CheckOptions) => {
      context.exitCode = await check(paths, options, context);
    });
  addPackOptions(command);
  return command;
}
