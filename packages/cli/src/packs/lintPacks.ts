import fs from 'node:fs/promises';
import path from 'node:path';
import { GuardrailPack } from '@guardrails-dev/plugin-guardrails-common';
import {
  mergePacks,
  PackFile,
  PackProblem,
  PackValidationError,
  parsePack,
  parseYamlDocuments,
  readPackFiles,
  yamlDocumentToJS,
  yamlSizeProblem,
} from '@guardrails-dev/plugin-guardrails-engine';
import { Document } from 'yaml';
import { CliError } from '../CliError';

/** What linting found in one pack directory. */
export interface LayerSummary {
  directory: string;
  files: number;
  guardrails: number;
  exemptions: number;
  /** Overrides of guardrails of earlier directories. */
  overrides: number;
}

/** Every layer summary and problem found by linting pack directories. */
export interface LintResult {
  layers: LayerSummary[];
  problems: PackProblem[];
  warnings: PackProblem[];
  /** The merged pack, when every directory is valid. */
  pack?: GuardrailPack;
}

/** The content of a document, or undefined when it cannot be read (its problem is reported already). */
function readableContent(document: Document): unknown {
  if (document.errors.length > 0) return undefined;
  try {
    return yamlDocumentToJS(document);
  } catch {
    return undefined;
  }
}

/** IDs a broken layer declares, so later layers naming them are not flagged too. */
function declaredGuardrailIds(files: PackFile[]): string[] {
  return files.flatMap(file =>
    (yamlSizeProblem(file.content)
      ? []
      : parseYamlDocuments(file.content)
    ).flatMap(document => {
      const content = readableContent(document);
      const { kind, metadata } = (content ?? {}) as {
        kind?: unknown;
        metadata?: { name?: unknown };
      };
      return kind === 'Guardrail' && typeof metadata?.name === 'string'
        ? [metadata.name]
        : [];
    }),
  );
}

/**
 * Validates pack directories layered in order, as `--pack` loads them, and
 * collects every problem of every directory instead of stopping at the first
 * invalid one. A directory that cannot be read is a usage error.
 */
export async function lintPacks(
  directories: string[],
  options: { now: Date; maxExemptionDays?: number; kubernetesVersion?: string },
): Promise<LintResult> {
  const layers: LayerSummary[] = [];
  const problems: PackProblem[] = [];
  const warnings: PackProblem[] = [];
  const known = new Set<string>();
  let merged: GuardrailPack | undefined = {
    guardrails: [],
    exemptions: [],
    overrides: [],
  };

  for (const directory of directories) {
    let files: PackFile[];
    try {
      files = await readPackFiles([directory], fs);
    } catch (error) {
      throw new CliError(
        `cannot read pack: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
    try {
      const layer = parsePack(files, {
        now: options.now,
        knownGuardrailIds: known,
        ...(options.maxExemptionDays !== undefined
          ? { maxExemptionDays: options.maxExemptionDays }
          : {}),
        ...(options.kubernetesVersion !== undefined
          ? { kubernetesVersion: options.kubernetesVersion }
          : {}),
      });
      warnings.push(...layer.warnings);
      layers.push({
        directory,
        files: files.length,
        guardrails: layer.pack.guardrails.length,
        exemptions: layer.pack.exemptions.length,
        overrides: layer.pack.overrides.length,
      });
      layer.pack.guardrails.forEach(g => known.add(g.id));
      merged = merged && mergePacks(merged, layer.pack);
    } catch (error) {
      if (!(error instanceof PackValidationError)) throw error;
      problems.push(...error.problems);
      declaredGuardrailIds(files).forEach(id => known.add(id));
      merged = undefined;
    }
  }
  return {
    layers,
    problems,
    warnings,
    ...(merged && problems.length === 0 ? { pack: merged } : {}),
  };
}

/** Absolute directories from the command line, in order. */
export function resolveDirectories(
  directories: string[],
  cwd: string,
): string[] {
  return directories.map(dir => path.resolve(cwd, dir));
}
