import { LineCounter } from 'yaml';
import { GuardrailCelLimits } from '../guardrailCel';
import { parseInstant } from '../time';
import {
  Exemption,
  Guardrail,
  GUARDRAILS_API_VERSION,
  GuardrailOverride,
  GuardrailPack,
  PackLocation,
} from '@guardrails-dev/plugin-guardrails-common';
import { applyOverride } from './applyOverride';
import { readYamlDocuments, yamlSizeProblem } from './boundedYaml';
import { lineOf } from './documentLines';
import { FieldPath, formatFieldPath } from './fieldPath';
import { FieldReader } from './fieldReader';
import { guardrailIdPattern, objectNamePattern } from './names';
import { PackProblem, PackValidationError } from './PackValidationError';
import { readExemption } from './readExemption';
import { readGuardrail } from './readGuardrail';
import { ReadOptions } from './readOptions';
import { readOverride } from './readOverride';

/** One file of a pack: its path (for messages) and its YAML text. @public */
export interface PackFile {
  path: string;
  content: string;
}

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
}

/** @public */
export interface ParsedPack {
  pack: GuardrailPack;
  /** Things that load but deserve attention, such as exemptions that already expired. */
  warnings: PackProblem[];
}

/** The document kinds a pack may contain. @public */
export const PACK_DOCUMENT_KINDS = [
  'Guardrail',
  'GuardrailExemption',
  'GuardrailOverride',
] as const;

const DEFAULT_MAX_EXEMPTION_DAYS = 90;

interface DocumentRecord {
  location: PackLocation;
  report: (path: FieldPath, message: string) => void;
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
  const maxExemptionDays =
    options.maxExemptionDays ?? DEFAULT_MAX_EXEMPTION_DAYS;
  if (!(maxExemptionDays > 0)) {
    throw new TypeError(
      `maxExemptionDays must be a positive number, got ${maxExemptionDays}`,
    );
  }
  const readOptions: ReadOptions = {
    environments: options.environments,
    celLimits: options.celLimits,
    maxExemptionDays,
    now: options.now ?? new Date(),
  };
  const problems: PackProblem[] = [];
  const warnings: PackProblem[] = [];
  const knownElsewhere = new Set(options.knownGuardrailIds ?? []);

  const declaredIds = new Map<string, DocumentRecord>();
  const guardrails: Array<{ guardrail: Guardrail; record: DocumentRecord }> =
    [];
  const exemptions: Array<{ exemption: Exemption; record: DocumentRecord }> =
    [];
  const overrides: Array<{
    override: GuardrailOverride;
    record: DocumentRecord;
  }> = [];
  const exemptionNames = new Map<string, DocumentRecord>();

  for (const file of files) {
    const tooBig = yamlSizeProblem(file.content);
    if (tooBig) {
      problems.push({
        file: file.path,
        documentIndex: 0,
        field: '',
        message: tooBig,
      });
      continue;
    }
    const lineCounter = new LineCounter();
    const documents = readYamlDocuments(file.content, lineCounter);
    documents.forEach(
      ({ document, content, problems: unreadable }, documentIndex) => {
        const location: PackLocation = { file: file.path, documentIndex };
        for (const { kind, line, message } of unreadable) {
          problems.push({
            file: file.path,
            documentIndex,
            field: '',
            line,
            message:
              kind === 'syntax'
                ? `YAML syntax error${
                    line ? ` at line ${line}` : ''
                  }: ${message}`
                : `cannot read the document: ${message}`,
          });
        }
        if (unreadable.length > 0) {
          return;
        }
        if (content === null || content === undefined) {
          return; // an empty document, e.g. after a trailing ---
        }
        let documentName: string | undefined;
        const record: DocumentRecord = {
          location,
          report: (path, message) =>
            problems.push({
              file: file.path,
              documentIndex,
              ...(documentName ? { documentName } : {}),
              field: formatFieldPath(path),
              line: lineOf(document, lineCounter, path),
              message,
            }),
        };
        const reader = new FieldReader(record.report);
        const root = reader.mapping(content, []);
        if (!root) {
          return;
        }
        const peek = root.metadata as { name?: unknown } | undefined;
        if (typeof peek?.name === 'string') {
          documentName = peek.name;
        }
        reader.onlyKeys(root, [], ['apiVersion', 'kind', 'metadata', 'spec']);
        const apiVersion = reader.string(root, 'apiVersion', [], {
          required: true,
        });
        if (apiVersion !== undefined && apiVersion !== GUARDRAILS_API_VERSION) {
          reader.report(
            ['apiVersion'],
            `must be ${GUARDRAILS_API_VERSION} (got "${apiVersion}")`,
          );
        }
        const kind = reader.oneOf(root, 'kind', [], PACK_DOCUMENT_KINDS, {
          required: true,
        });
        const metadata = reader.present(root, 'metadata', [], true)
          ? reader.mapping(root.metadata, ['metadata'])
          : undefined;
        let name: string | undefined;
        if (metadata) {
          reader.onlyKeys(
            metadata,
            ['metadata'],
            ['name', 'labels', 'annotations'],
          );
          name = reader.string(metadata, 'name', ['metadata'], {
            required: true,
          });
          const pattern =
            kind === 'GuardrailExemption'
              ? objectNamePattern
              : guardrailIdPattern;
          if (name !== undefined && kind && !pattern.test(name)) {
            reader.report(
              ['metadata', 'name'],
              `"${name}" is not ${pattern.description}`,
            );
            name = undefined;
          }
        }
        const spec = reader.present(root, 'spec', [], true)
          ? reader.mapping(root.spec, ['spec'])
          : undefined;
        if (!kind || !name || apiVersion !== GUARDRAILS_API_VERSION) {
          return;
        }
        if (kind === 'Guardrail') {
          const first = declaredIds.get(name);
          if (first) {
            reader.report(
              ['metadata', 'name'],
              `duplicate guardrail ID "${name}": also defined in ${
                first.location.file
              } (document ${first.location.documentIndex + 1})`,
            );
            return;
          }
          declaredIds.set(name, record);
          const guardrail =
            spec && readGuardrail(name, spec, reader, readOptions);
          if (guardrail) {
            guardrails.push({ guardrail: { ...guardrail, location }, record });
          }
        } else if (kind === 'GuardrailExemption') {
          const first = exemptionNames.get(name);
          if (first) {
            reader.report(
              ['metadata', 'name'],
              `duplicate exemption name "${name}": also defined in ${
                first.location.file
              } (document ${first.location.documentIndex + 1})`,
            );
            return;
          }
          exemptionNames.set(name, record);
          const exemption =
            spec && readExemption(name, spec, reader, readOptions);
          if (exemption) {
            exemptions.push({ exemption: { ...exemption, location }, record });
          }
        } else {
          const override =
            spec && readOverride(name, spec, reader, readOptions);
          if (override) {
            overrides.push({ override: { ...override, location }, record });
          }
        }
      },
    );
  }

  const isKnown = (id: string) => declaredIds.has(id) || knownElsewhere.has(id);
  for (const { exemption, record } of exemptions) {
    exemption.guardrails.forEach((id, index) => {
      if (!isKnown(id)) {
        record.report(
          ['spec', 'guardrails', index],
          `unknown guardrail "${id}"`,
        );
      }
    });
    const expiresAt = parseInstant(exemption.expiresAt)!;
    if (expiresAt.getTime() <= readOptions.now.getTime()) {
      warnings.push({
        file: exemption.location!.file,
        documentIndex: exemption.location!.documentIndex,
        documentName: exemption.name,
        field: 'spec.expiresAt',
        message: `expired at ${exemption.expiresAt}; it no longer applies`,
      });
    }
  }

  const byId = new Map(guardrails.map(entry => [entry.guardrail.id, entry]));
  const pending: GuardrailOverride[] = [];
  const overridden = new Map<string, DocumentRecord>();
  for (const { override, record } of overrides) {
    const first = overridden.get(override.guardrail);
    if (first) {
      record.report(
        ['metadata', 'name'],
        `guardrail "${override.guardrail}" is already overridden in ${
          first.location.file
        } (document ${first.location.documentIndex + 1})`,
      );
      continue;
    }
    overridden.set(override.guardrail, record);
    const target = byId.get(override.guardrail);
    if (target) {
      const applied = applyOverride(target.guardrail, override);
      applied.problems.forEach(p => record.report(p.path, p.message));
      target.guardrail = applied.guardrail;
    } else if (knownElsewhere.has(override.guardrail)) {
      pending.push(override);
    } else if (!declaredIds.has(override.guardrail)) {
      record.report(
        ['metadata', 'name'],
        `unknown guardrail "${override.guardrail}"`,
      );
    }
  }

  if (problems.length > 0) {
    const fileOrder = new Map(files.map((file, index) => [file.path, index]));
    throw new PackValidationError(
      problems
        .map((problem, index) => ({ problem, index }))
        .sort(
          (a, b) =>
            (fileOrder.get(a.problem.file) ?? 0) -
              (fileOrder.get(b.problem.file) ?? 0) ||
            a.problem.documentIndex - b.problem.documentIndex ||
            a.index - b.index,
        )
        .map(entry => entry.problem),
    );
  }
  return {
    pack: {
      guardrails: guardrails.map(entry => entry.guardrail),
      exemptions: exemptions.map(entry => entry.exemption),
      overrides: pending,
    },
    warnings,
  };
}
