import fs from 'node:fs/promises';
import path from 'node:path';
import {
  Exemption,
  GuardrailPack,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  loadPackLayers,
  PackProblem,
  PackValidationError,
  parsePack,
  readPackFiles,
} from '@guardrails-dev/plugin-guardrails-engine';
import { CliError, EXIT } from '../CliError';
import { defaultPackDir } from './defaultPackDir';
import { displayPath, formatProblems } from './problems';

/** The pack options shared by the commands. */
export interface PackOptions {
  /** Pack directories, layered in order; when empty, the default pack is used. */
  pack?: string[];
  /** Put the default pack under the `--pack` directories instead of replacing it. */
  defaultPack?: boolean;
  maxExemptionDays?: number;
  /** Oldest Kubernetes release the clusters run: newer CEL functions make the pack invalid. */
  kubernetesVersion?: string;
}

/** A loaded pack with its load warnings. */
export interface LoadedPack {
  pack: GuardrailPack;
  warnings: PackProblem[];
  /** The directories loaded, in layer order. */
  directories: string[];
}

/** The pack directories the options select, absolute, in layer order. */
export function packDirectories(options: PackOptions, cwd: string): string[] {
  const given = (options.pack ?? []).map(dir => path.resolve(cwd, dir));
  if (given.length === 0) {
    return [defaultPackDir()];
  }
  return options.defaultPack ? [defaultPackDir(), ...given] : given;
}

/** Turns a pack that does not load into a usage error listing every problem. */
export function packError(
  error: unknown,
  cwd: string,
  exitCode: number = EXIT.usage,
): CliError {
  if (error instanceof PackValidationError) {
    const count =
      error.problems.length === 1
        ? '1 problem'
        : `${error.problems.length} problems`;
    return new CliError(
      `guardrail pack is invalid (${count}):\n${formatProblems(
        error.problems,
        cwd,
      )
        .map(line => `  - ${line}`)
        .join('\n')}`,
      exitCode,
    );
  }
  return new CliError(
    `cannot read pack: ${
      error instanceof Error ? error.message : String(error)
    }`,
  );
}

/** Loads and validates the selected pack; any problem is a usage error. */
export async function loadPack(
  options: PackOptions,
  cwd: string,
  now: Date,
): Promise<LoadedPack> {
  const directories = packDirectories(options, cwd);
  try {
    const { pack, warnings } = await loadPackLayers(directories, fs, {
      now,
      ...(options.maxExemptionDays !== undefined
        ? { maxExemptionDays: options.maxExemptionDays }
        : {}),
      ...(options.kubernetesVersion !== undefined
        ? { kubernetesVersion: options.kubernetesVersion }
        : {}),
    });
    return { pack, warnings, directories };
  } catch (error) {
    throw packError(error, cwd);
  }
}

/**
 * Loads a directory of `GuardrailExemption` documents for the guardrails of
 * `pack`. Guardrails and overrides belong in a pack, so they are refused here.
 */
export async function loadExemptions(
  dir: string,
  pack: GuardrailPack,
  options: { cwd: string; now: Date; maxExemptionDays?: number },
): Promise<{ exemptions: Exemption[]; warnings: PackProblem[] }> {
  let parsed;
  try {
    const files = await readPackFiles([path.resolve(options.cwd, dir)], fs);
    parsed = parsePack(files, {
      now: options.now,
      knownGuardrailIds: pack.guardrails.map(g => g.id),
      ...(options.maxExemptionDays !== undefined
        ? { maxExemptionDays: options.maxExemptionDays }
        : {}),
    });
  } catch (error) {
    throw packError(error, options.cwd);
  }
  const misplaced = [
    ...parsed.pack.guardrails.map(g => ({
      kind: 'Guardrail',
      name: g.id,
      location: g.location,
    })),
    ...parsed.pack.overrides.map(o => ({
      kind: 'GuardrailOverride',
      name: o.guardrail,
      location: o.location,
    })),
  ];
  if (misplaced.length > 0) {
    const lines = misplaced.map(
      ({ kind, name, location }) =>
        `  - ${
          location ? displayPath(location.file, options.cwd) : dir
        } (document ${
          (location?.documentIndex ?? 0) + 1
        } "${name}") kind: ${kind} belongs in a pack (--pack), not in --exemptions`,
    );
    throw new CliError(
      `--exemptions ${dir} may only hold GuardrailExemption documents:\n${lines.join(
        '\n',
      )}`,
    );
  }
  return { exemptions: parsed.pack.exemptions, warnings: parsed.warnings };
}

/** The pack of `--pack`/`--default-pack` with the exemptions of `--exemptions`, and the warnings of both. */
export async function loadPackAndExemptions(
  options: PackOptions & { exemptions?: string },
  cwd: string,
  now: Date,
): Promise<LoadedPack & { exemptions: Exemption[] }> {
  const loaded = await loadPack(options, cwd, now);
  if (options.exemptions === undefined) {
    return { ...loaded, exemptions: [] };
  }
  const extra = await loadExemptions(options.exemptions, loaded.pack, {
    cwd,
    now,
    ...(options.maxExemptionDays !== undefined
      ? { maxExemptionDays: options.maxExemptionDays }
      : {}),
  });
  return {
    ...loaded,
    exemptions: extra.exemptions,
    warnings: [...loaded.warnings, ...extra.warnings],
  };
}
