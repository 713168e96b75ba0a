import { yamlSizeProblem } from './boundedYaml';
import type { PackFile } from './packDocuments';

/** An entry of a directory listing, as `readdir(dir, { withFileTypes: true })` gives it. @public */
export interface PackDirectoryEntry {
  name: string;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/**
 * The file access pack reading needs: Node's `fs.promises` has this shape, so callers in Node pass it as is; the
 * engine itself does no I/O and imports nothing of Node.
 * @public
 */
export interface PackFileSystem {
  stat(path: string): Promise<{ isDirectory(): boolean; size: number }>;
  readdir(
    path: string,
    options: { withFileTypes: true },
  ): Promise<PackDirectoryEntry[]>;
  realpath(path: string): Promise<string>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}

const PACK_FILE = /\.ya?ml$/i;

/**
 * Reads every `*.yaml` and `*.yml` file under the given absolute directories, recursively, in a stable
 * order: directories as given, files sorted by path within each. Hidden entries (`.git`, …) are
 * skipped and a file reachable from two directories is read once. A file over the YAML size limit is
 * an error naming it and the limit.
 * @public
 */
export async function readPackFiles(
  dirs: string[],
  fileSystem: PackFileSystem,
): Promise<PackFile[]> {
  const files: PackFile[] = [];
  const seen = new Set<string>();
  for (const root of dirs) {
    const stat = await fileSystem.stat(root).catch(() => undefined);
    if (!stat) {
      throw new Error(`Pack directory '${root}' does not exist`);
    }
    if (!stat.isDirectory()) {
      throw new Error(`Pack directory '${root}' is not a directory`);
    }
    for (const file of await listYamlFiles(root, fileSystem)) {
      const real = await fileSystem.realpath(file);
      if (seen.has(real)) {
        continue;
      }
      seen.add(real);
      // Checked before reading, so an over-size file costs no memory.
      const tooBig = yamlSizeProblem((await fileSystem.stat(real)).size);
      if (tooBig) {
        throw new Error(`Pack file '${file}' ${tooBig}`);
      }
      files.push({
        path: file,
        content: await fileSystem.readFile(file, 'utf8'),
      });
    }
  }
  return files;
}

async function listYamlFiles(
  dir: string,
  fileSystem: PackFileSystem,
): Promise<string[]> {
  const entries = await fileSystem.readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) {
      continue;
    }
    const full = joinPath(dir, entry.name);
    const isDirectory =
      entry.isDirectory() ||
      (entry.isSymbolicLink() && (await fileSystem.stat(full)).isDirectory());
    if (isDirectory) {
      found.push(...(await listYamlFiles(full, fileSystem)));
    } else if (PACK_FILE.test(entry.name)) {
      found.push(full);
    }
  }
  return found.sort(comparePaths);
}

/** Joins with the separator the directory already uses (`\` only for Windows paths without `/`). */
function joinPath(dir: string, name: string): string {
  const separator = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(separator)
    ? `${dir}${name}`
    : `${dir}${separator}${name}`;
}

/** Code-point order, so the result does not depend on the machine's locale. */
function comparePaths(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}
