import { GuardrailCelLimits, withKubernetesVersion } from '../guardrailCel';
import {
  Exemption,
  Guardrail,
  GuardrailOverride,
  GuardrailPack,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  describeDocument,
  PackDocument,
  PackDocumentHeader,
  PackFile,
  readPackFile,
} from './packDocuments';
import {
  applyOverrides,
  checkExemptions,
  FromDocument,
} from './packReferences';
import { PackProblem, PackValidationError } from './PackValidationError';
import { readExemption } from './readExemption';
import { readGuardrail } from './readGuardrail';
import { ReadOptions } from './readOptions';
import { readOverride } from './readOverride';

/** @public */
export interface ParsePackOptions {
  /** Longest an exemption may run, counted from `now`. Default 90. */
  maxExemptionDays?: number;
  /** The instant exemption spans are measured from. Default: the current time. */
  now?: Date;
  /** Configured environments; rollout plans and exemptions naming others are rejected. */
  environments?: readonly string[];
  /**
   * IDs of guardrails defined elsewhere (usually the base pack this one is
   * merged onto), which exemptions and overrides may name.
   */
  knownGuardrailIds?: Iterable<string>;
  /** Limits for compiling CEL expressions. */
  celLimits?: GuardrailCelLimits;
  /**
   * The oldest Kubernetes release the pack must run on, such as '1.30'. A
   * guardrail expression using a function or syntax a later release added is
   * a load error naming the function and that release, as the API server of
   * this release would refuse the exported policy. Default: no check.
   * Takes precedence over `celLimits.kubernetesVersion`.
   */
  kubernetesVersion?: string;
}

/** @public */
export interface ParsedPack {
  pack: GuardrailPack;
  /** Things that load but deserve attention, such as exemptions that already expired. */
  warnings: PackProblem[];
}

const DEFAULT_MAX_EXEMPTION_DAYS = 90;

function readOptionsOf(options: ParsePackOptions): ReadOptions {
  const maxExemptionDays =
    options.maxExemptionDays ?? DEFAULT_MAX_EXEMPTION_DAYS;
  if (!(maxExemptionDays > 0)) {
    throw new TypeError(
      `maxExemptionDays must be a positive number, got ${maxExemptionDays}`,
    );
  }
  return {
    environments: options.environments,
    celLimits: withKubernetesVersion(
      options.celLimits,
      options.kubernetesVersion,
    ),
    maxExemptionDays,
    now: options.now ?? new Date(),
  };
}

/** Records the document as the first with this name; reports it when it is not. */
function claimName(
  names: Map<string, PackDocument>,
  { name, document, reader }: PackDocumentHeader,
  what: string,
): boolean {
  const first = names.get(name);
  if (first) {
    reader.report(
      ['metadata', 'name'],
      `duplicate ${what} "${name}": also defined in ${describeDocument(first)}`,
    );
    return false;
  }
  names.set(name, document);
  return true;
}

/** Problems in file order, then document order, then the order they were found. */
function inFileOrder(
  files: ReadonlyArray<PackFile>,
  problems: PackProblem[],
): PackProblem[] {
  const fileOrder = new Map(files.map((file, index) => [file.path, index]));
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        (fileOrder.get(a.problem.file) ?? 0) -
          (fileOrder.get(b.problem.file) ?? 0) ||
        a.problem.documentIndex - b.problem.documentIndex ||
        a.index - b.index,
    )
    .map(entry => entry.problem);
}

/**
 * Parses and validates a pack from YAML files (each may hold several
 * documents). Throws a {@link PackValidationError} listing every problem of
 * every file, each with file, document, field path and line.
 * @public
 */
export function parsePack(
  files: ReadonlyArray<PackFile>,
  options: ParsePackOptions = {},
): ParsedPack {
  const readOptions = readOptionsOf(options);
  const problems: PackProblem[] = [];
  const knownElsewhere = new Set(options.knownGuardrailIds ?? []);
  const guardrailIds = new Map<string, PackDocument>();
  const exemptionNames = new Map<string, PackDocument>();
  const guardrails: Array<FromDocument<Guardrail>> = [];
  const exemptions: Array<FromDocument<Exemption>> = [];
  const overrides: Array<FromDocument<GuardrailOverride>> = [];

  for (const file of files) {
    for (const header of readPackFile(file, problems)) {
      const { kind, name, spec, reader, document } = header;
      const { location } = document;
      if (kind === 'Guardrail') {
        if (!claimName(guardrailIds, header, 'guardrail ID')) continue;
        const guardrail =
          spec && readGuardrail(name, spec, reader, readOptions);
        if (guardrail) {
          guardrails.push({ value: { ...guardrail, location }, document });
        }
      } else if (kind === 'GuardrailExemption') {
        if (!claimName(exemptionNames, header, 'exemption name')) continue;
        const exemption =
          spec && readExemption(name, spec, reader, readOptions);
        if (exemption) {
          exemptions.push({ value: { ...exemption, location }, document });
        }
      } else {
        const override = spec && readOverride(name, spec, reader, readOptions);
        if (override) {
          overrides.push({ value: { ...override, location }, document });
        }
      }
    }
  }

  const declared = (id: string) => guardrailIds.has(id);
  const warnings = checkExemptions(
    exemptions,
    id => declared(id) || knownElsewhere.has(id),
    readOptions.now,
  );
  const pending = applyOverrides(overrides, guardrails, {
    declared,
    elsewhere: knownElsewhere,
  });

  if (problems.length > 0) {
    throw new PackValidationError(inFileOrder(files, problems));
  }
  return {
    pack: {
      guardrails: guardrails.map(entry => entry.value),
      exemptions: exemptions.map(entry => entry.value),
      overrides: pending,
    },
    warnings,
  };
}
