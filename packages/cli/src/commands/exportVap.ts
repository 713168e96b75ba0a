import {
  exportValidatingAdmissionPolicies,
  guardrailPortalUrl,
  nextAdmissionChange,
  toYaml,
} from '@guardrails-dev/plugin-guardrails-engine';
import { Command } from 'commander';
import { CliError, EXIT } from '../CliError';
import {
  assertKnownEnvironment,
  knownEnvironments,
} from '../packs/environments';
import { loadPackAndExemptions } from '../packs/loadPack';
import { formatProblems } from '../packs/problems';
import { withCliHint } from '../packs/admissionNotes';
import {
  collect,
  formatInstant,
  parseAt,
  parseDays,
  parseKubernetesRelease,
} from '../options';
import { addPackOptions, Context } from './context';

interface ExportOptions {
  pack?: string[];
  defaultPack?: boolean;
  env?: string[];
  at?: string;
  resourceName?: string[];
  maxExemptionDays?: string;
  exemptions?: string;
  portalUrl?: string;
  kubernetesVersion?: string;
}

/** The portal's base URL, checked before anything is loaded. */
function parsePortalUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    guardrailPortalUrl(value, 'pod.example');
  } catch {
    throw new CliError(
      `--portal-url "${value}" is not an absolute http(s) URL, e.g. https://backstage.example.com`,
    );
  }
  return value;
}

// Kind, or Kind.group as kubectl names a kind of an API group (a DNS subdomain).
const RESOURCE_NAME =
  /^([A-Za-z][A-Za-z0-9]*(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*)=([a-z][a-z0-9-]*)$/;

function parseResourceNames(values: string[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const value of values) {
    const match = value.length <= 300 ? RESOURCE_NAME.exec(value) : null;
    if (!match) {
      throw new CliError(
        `--resource-name "${value}" must be Kind=plural or Kind.group=plural, e.g. Certificate.cert-manager.io=certificates`,
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
  const portalBaseUrl = parsePortalUrl(options.portalUrl);
  const { pack, exemptions, warnings } = await loadPackAndExemptions(
    {
      pack: options.pack,
      defaultPack: options.defaultPack,
      exemptions: options.exemptions,
      maxExemptionDays: parseDays(options.maxExemptionDays),
      kubernetesVersion: parseKubernetesRelease(options.kubernetesVersion),
    },
    io.cwd,
    now,
  );
  formatProblems(warnings, io.cwd).forEach(line => context.warn(line));
  const given = options.env ?? [];
  given.forEach(env => assertKnownEnvironment(env, pack));
  const environments =
    given.length > 0 ? [...new Set(given)] : knownEnvironments(pack);

  const exportOptions = {
    environments,
    at,
    resourceNames,
    exemptions,
    ...(portalBaseUrl !== undefined ? { portalBaseUrl } : {}),
  };
  const { objects, flagged, unresolvedExemptions } =
    exportValidatingAdmissionPolicies(pack, exportOptions);
  const notExported = [
    ...flagged.map(
      f =>
        `${f.guardrail} is not exported: ${f.reasons
          .map(withCliHint)
          .join('; ')}`,
    ),
    // The CLI knows no catalog, so it cannot place an entity's objects.
    ...unresolvedExemptions.map(
      u => `exemption ${u.exemption} is not honoured: ${u.reason}`,
    ),
  ];
  notExported.forEach(line => context.warn(line));
  const next = nextAdmissionChange(pack, exportOptions);

  const header = [
    `# ValidatingAdmissionPolicies of ${
      pack.guardrails.length - flagged.length
    } guardrails,`,
    `# bound for ${environments.join(', ')} as rolled out at ${formatInstant(
      at,
    )}.`,
    ...(next
      ? [
          `# The output changes at ${formatInstant(
            next,
          )} (a stage starts, an exemption expires or the admission clock moves): export again then.`,
        ]
      : []),
    ...(notExported.length > 0
      ? [
          '# Left out of admission, which cannot do them as the audit does:',
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
        'warn [Warn, Audit], block [Deny]. Active exemptions of the pack and of --exemptions',
        'are left out of the bindings; expired ones are not. Each message names the guardrail',
        'and, with --portal-url, ends with a link to its page in the portal. Guardrails that',
        'cannot run in admission are listed on stderr and in the header, never exported',
        'half-working; so are exemptions scoped to an entity, which the CLI cannot place.',
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
      '--exemptions <dir>',
      'directory of GuardrailExemption documents to honour too',
    )
    .option(
      '--portal-url <url>',
      "the portal's base URL (Backstage's app.baseUrl): messages end with a link to the guardrail's page",
    )
    .option(
      '--resource-name <Kind[.group]=plural>',
      'resource name of a kind that is not built in, repeatable, e.g. Certificate=certificates or Certificate.cert-manager.io=certificates (that group only)',
      collect,
    )
    .addHelpText(
      'after',
      `
Examples:
  guardrails export vap --env prod --portal-url https://backstage.example.com > admission.yaml
  guardrails export vap --pack platform/guardrails --default-pack --exemptions platform/exemptions --env staging | kubectl apply -f -

Exit codes:
  0  printed (guardrails that cannot run in admission are listed on stderr)
  2  bad input: invalid pack or exemptions (also a CEL function newer than --kubernetes-version),
     unknown environment, bad --at, --portal-url, --resource-name or --kubernetes-version`,
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
