import fs from 'node:fs/promises';
import path from 'node:path';
import {
  PackFile,
  yamlSizeProblem,
} from '@guardrails-dev/plugin-guardrails-engine';

const PACK_FILE = /\.ya?ml$/i;

/**
 * Reads every `*.yaml` and `*.yml` file under the given directories, recursively, in a stable
 * order: directories as given, files sorted by path within each. Hidden entries (`.git`, …) are
 * skipped and a file reachable from two directories is read once. Paths are absolute. A file over
 * the YAML size limit is an error naming it and the limit.
 * @public
 */
export async function readPackFiles(dirs: string[]): Promise<PackFile[]> {
  const files: PackFile[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    const root = path.resolve(dir);
    const stat = await fs.stat(root).catch(() => undefined);
    if (!stat) {
      throw new Error(`Pack directory '${root}' does not exist`);
    }
    if (!stat.isDirectory()) {
      throw new Error(`Pack directory '${root}' is not a directory`);
    }
    for (const file of await listYamlFiles(root)) {
      const real = await fs.realpath(file);
      if (seen.has(real)) {
        continue;
      }
      seen.add(real);
      // Checked before reading, so an over-size file costs no memory.
      const tooBig = yamlSizeProblem((await fs.stat(real)).size);
      if (tooBig) {
        throw new Error(`Pack file '${file}' ${tooBig}`);
      }
      files.push({ path: file, content: await fs.readFile(file, 'utf8') });
    }
  }
  return files;
}

async function listYamlFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) {
      continue;
    }
    const full = path.join(dir, entry.name);
    const isDirectory =
      entry.isDirectory() ||
      (entry.isSymbolicLink() && (await fs.stat(full)).isDirectory());
    if (isDirectory) {
      found.push(...(await listYamlFiles(full)));
    } else if (PACK_FILE.test(entry.name)) {
      found.push(full);
    }
  }
  return found.sort(comparePaths);
}

/** Code-point order, so the result does not depend on the machine's locale. */
function comparePaths(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}
