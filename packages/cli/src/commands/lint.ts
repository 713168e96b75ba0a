import { GUARDRAIL_SEVERITIES } from '@guardrails-dev/plugin-guardrails-common';
import {
  exportValidatingAdmissionPolicies,
  isAdmissionOnly,
  readsObjectStatus,
} from '@guardrails-dev/plugin-guardrails-engine';
import { Command } from 'commander';
import { EXIT } from '../CliError';
import { withCliHint } from '../packs/admissionNotes';
import { defaultPackDir } from '../packs/defaultPackDir';
import { knownEnvironments } from '../packs/environments';
import { lintPacks, resolveDirectories } from '../packs/lintPacks';
import { displayPath, formatProblems } from '../packs/problems';
import { parseDays, parseKubernetesRelease } from '../options';
import { Context, KUBERNETES_VERSION_HELP } from './context';

interface LintOptions {
  defaultPack?: boolean;
  maxExemptionDays?: string;
  kubernetesVersion?: string;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

async function lint(
  dirs: string[],
  options: LintOptions,
  context: Context,
): Promise<number> {
  const { io } = context;
  const now = io.now();
  const directories = [
    ...(options.defaultPack ? [defaultPackDir()] : []),
    ...resolveDirectories(dirs, io.cwd),
  ];
  const result = await lintPacks(directories, {
    now,
    maxExemptionDays: parseDays(options.maxExemptionDays),
    kubernetesVersion: parseKubernetesRelease(options.kubernetesVersion),
  });
  const out: string[] = [];
  for (const warning of formatProblems(result.warnings, io.cwd)) {
    context.warn(warning);
  }
  if (result.problems.length > 0 || !result.pack) {
    out.push(...formatProblems(result.problems, io.cwd));
    out.push(`Invalid: ${plural(result.problems.length, 'problem')}.`);
    if (result.problems.some(p => p.message.startsWith('unknown guardrail'))) {
      out.push(
        'hint: a pack that builds on another is linted after it (guardrails lint BASE DIR), or onto the default pack with --default-pack',
      );
    }
    io.stdout.write(`${out.join('\n')}\n`);
    return EXIT.failed;
  }
  for (const layer of result.layers) {
    out.push(
      `${displayPath(layer.directory, io.cwd)}: ${plural(
        layer.files,
        'file',
      )}, ${plural(layer.guardrails, 'guardrail')}, ${plural(
        layer.exemptions,
        'exemption',
      )}, ${plural(layer.overrides, 'override')} of earlier packs`,
    );
  }
  const { pack } = result;
  const bySeverity = GUARDRAIL_SEVERITIES.map(
    severity =>
      `${
        pack.guardrails.filter(g => g.severity === severity).length
      } ${severity}`,
  ).join(', ');
  out.push(
    `Valid: ${plural(
      pack.guardrails.length,
      'guardrail',
    )} (${bySeverity}), ${plural(pack.exemptions.length, 'exemption')}.`,
  );
  const { flagged } = exportValidatingAdmissionPolicies(pack, {
    environments: knownEnvironments(pack),
    at: now,
  });
  for (const f of flagged) {
    out.push(
      `note: ${f.guardrail} is left out of admission (export vap): ${f.reasons
        .map(withCliHint)
        .join('; ')}`,
    );
  }
  for (const g of pack.guardrails.filter(readsObjectStatus)) {
    out.push(
      `note: ${g.id} applies to live objects only (it reads object.status): audits check it, check gives manifests no results for it`,
    );
  }
  for (const g of pack.guardrails.filter(isAdmissionOnly)) {
    out.push(
      `note: ${g.id} runs at admission only (it checks deletions): audits and check give it no results`,
    );
  }
  io.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}

/** `guardrails lint DIR...`: validates pack directories, reporting every problem. */
export function lintCommand(context: Context): Command {
  return new Command('lint')
    .summary('validate guardrail pack directories')
    .description(
      [
        'Validates guardrail pack directories, layered in order as --pack loads them, and',
        'reports every problem with its file, line, document and field.',
      ].join('\n'),
    )
    .argument('<dir...>', 'pack directories (YAML files, read recursively)')
    .option(
      '--default-pack',
      'validate the directories layered onto the default pack',
    )
    .option(
      '--max-exemption-days <days>',
      'longest span an exemption may have, counted from now (default 90)',
    )
    .option('--kubernetes-version <release>', KUBERNETES_VERSION_HELP)
    .addHelpText(
      'after',
      `
Examples:
  guardrails lint platform/guardrails
  guardrails lint --default-pack platform/guardrails   # a pack that builds on the default pack
  guardrails lint --kubernetes-version 1.29 platform/guardrails   # functions 1.29 has

Exit codes:
  0  the pack is valid (counts on stdout)
  1  the pack is invalid (every problem on stdout), also when a guardrail uses a CEL
     function newer than --kubernetes-version
  2  bad usage: a directory that does not exist or cannot be read, a bad --kubernetes-version`,
    )
    .action(async (dirs: string[], options: LintOptions) => {
      context.exitCode = await lint(dirs, options, context);
    });
}
