import fs from 'node:fs/promises';
import path from 'node:path';
import {
  describeManifestLocation,
  LocatedManifest,
  ManifestError,
  parseManifests,
  YAML_LIMITS,
  yamlSizeProblem,
} from '@guardrails-dev/plugin-guardrails-engine';
import { CliError } from '../CliError';
import { CliIo, readAll } from '../io';
import { displayPath } from '../packs/problems';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** The result of reading the `check` paths. */
export interface ReadManifests {
  manifests: LocatedManifest[];
  /** Files read, as displayed (relative to the working directory; `-` for stdin). */
  files: string[];
  /** Directories given that held no manifest file. */
  emptyDirectories: string[];
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** The objects of one file (`-`: stdin); a file that cannot be read is a usage error. */
function readObjects(file: string, text: string): LocatedManifest[] {
  try {
    return parseManifests(file, text);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    const shown = file === '-' ? '<stdin>' : file;
    throw new CliError(
      error.location
        ? `${describeManifestLocation({ ...error.location, file: shown })}: ${
            error.reason
          }`
        : `cannot read ${shown}: it ${error.reason}`,
    );
  }
}

/** Manifest files under a directory, recursively, sorted; hidden entries are skipped. */
async function listManifestFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  // Code-point order, the same on every machine and locale.
  entries.sort((a, b) => Number(a.name > b.name) - Number(a.name < b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await listManifestFiles(full)));
    } else if (
      MANIFEST_FILE.test(entry.name) &&
      (entry.isFile() || entry.isSymbolicLink())
    ) {
      files.push(full);
    }
  }
  return files;
}

/**
 * Reads the objects of every path: a file (any name), a directory (its
 * `*.yaml`, `*.yml` and `*.json` files, recursively) or `-` for stdin. A file
 * reached twice is read once. Throws a usage error naming the path that
 * cannot be read or parsed.
 */
export async function readManifests(
  paths: string[],
  io: CliIo,
): Promise<ReadManifests> {
  const manifests: LocatedManifest[] = [];
  const files: string[] = [];
  const emptyDirectories: string[] = [];
  const seen = new Set<string>();
  let stdinRead = false;

  const readFile = async (absolute: string) => {
    const real = await fs.realpath(absolute).catch(() => absolute);
    if (seen.has(real)) return;
    seen.add(real);
    const shown = displayPath(absolute, io.cwd);
    let text: string;
    try {
      // Checked before reading, so an over-size file costs no memory.
      const tooBig = yamlSizeProblem((await fs.stat(absolute)).size);
      if (tooBig) throw new CliError(`cannot read ${shown}: it ${tooBig}`);
      text = await fs.readFile(absolute, 'utf8');
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`cannot read ${shown}: ${reason(error)}`);
    }
    files.push(shown);
    manifests.push(...readObjects(shown, text));
  };

  for (const given of paths) {
    if (given === '-') {
      if (stdinRead) {
        throw new CliError('- (stdin) is given more than once');
      }
      stdinRead = true;
      files.push('-');
      const { text, bytes } = await readAll(io.stdin, YAML_LIMITS.maxFileBytes);
      if (text === undefined) {
        throw new CliError(`cannot read <stdin>: it ${yamlSizeProblem(bytes)}`);
      }
      manifests.push(...readObjects('-', text));
      continue;
    }
    const absolute = path.resolve(io.cwd, given);
    const stat = await fs.stat(absolute).catch(error => {
      throw new CliError(`cannot read ${given}: ${reason(error)}`);
    });
    if (stat.isDirectory()) {
      const found = await listManifestFiles(absolute).catch(error => {
        throw new CliError(`cannot read ${given}: ${reason(error)}`);
      });
      if (found.length === 0) emptyDirectories.push(given);
      for (const file of found) await readFile(file);
    } else {
      await readFile(absolute);
    }
  }
  return { manifests, files, emptyDirectories };
}
