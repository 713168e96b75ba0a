import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  cp,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  isChildPath,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, isError } from '@backstage/errors';

const run = promisify(execFile);

/** Where a repository is published from and to; every path absolute and checked. */
export interface RepositoryPlan {
  /** The workspace directory whose contents are published. */
  source: string;
  /** `<publish directory>/<repoName>`. */
  target: string;
  /** The catalog file, relative to the repository root, with `/` separators. */
  catalogFile: string;
}

/** The first commit of a published repository. */
export interface CommitOptions {
  branch: string;
  message: string;
  author: { name: string; email: string };
}

const REPO_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?$/;
const BRANCH = /^[A-Za-z0-9]([A-Za-z0-9._/-]{0,98}[A-Za-z0-9])?$/;

/**
 * Checks the names and paths of a publication before anything is read or written: the repository
 * name is one directory name, the source stays inside the workspace and the catalog file inside the
 * repository. Every problem is named in one error.
 */
export function planRepository(options: {
  publishDirectory: string;
  workspacePath: string;
  repoName: string;
  sourcePath?: string;
  catalogInfoPath?: string;
  branch: string;
}): RepositoryPlan {
  const { publishDirectory, workspacePath, repoName, branch } = options;
  const problems: string[] = [];
  if (!REPO_NAME.test(repoName) || repoName.includes('..')) {
    problems.push(
      `repoName '${repoName}' must be one directory name: letters, digits, '.', '_' and '-', starting and ending with a letter or digit, at most 100 characters`,
    );
  }
  const sourcePath = options.sourcePath ?? '.';
  if (!isRelativeInside(sourcePath)) {
    problems.push(
      `sourcePath '${sourcePath}' must be a relative path inside the task workspace`,
    );
  }
  const catalogFile = options.catalogInfoPath ?? 'catalog-info.yaml';
  if (!isRelativeInside(catalogFile) || path.normalize(catalogFile) === '.') {
    problems.push(
      `catalogInfoPath '${catalogFile}' must be a relative file path inside the repository`,
    );
  }
  if (!BRANCH.test(branch) || branch.includes('..') || branch.includes('//')) {
    problems.push(
      `defaultBranch '${branch}' is not a valid branch name (letters, digits, '.', '_', '-' and '/')`,
    );
  }
  if (problems.length > 0) {
    throw new InputError(`Cannot publish: ${problems.join('; ')}`);
  }
  const target = path.join(publishDirectory, repoName);
  if (!isChildPath(publishDirectory, target) || target === publishDirectory) {
    throw new InputError(
      `Cannot publish: repoName '${repoName}' leads outside the publish directory`,
    );
  }
  let source: string;
  try {
    // Also resolves symbolic links, so a linked directory cannot lead out of the workspace.
    source = resolveSafeChildPath(workspacePath, sourcePath);
  } catch {
    throw new InputError(
      `Cannot publish: sourcePath '${sourcePath}' leads outside the task workspace`,
    );
  }
  return {
    source,
    target,
    catalogFile: path.normalize(catalogFile).split(path.sep).join('/'),
  };
}

/** Refuses a repository that is already published (or anything else at its place). */
export async function assertNotPublished(target: string): Promise<void> {
  try {
    await lstat(target);
  } catch (error) {
    if (isError(error) && error.code === 'ENOENT') {
      return;
    }
    throw error;
  }
  throw new ConflictError(
    `Cannot publish: ${target} already exists. Choose another name, or remove that directory if it is left over from an earlier attempt.`,
  );
}

/**
 * Checks that the source is a directory and that no symbolic link in it points outside it, since
 * the catalog and anyone cloning the repository would follow such a link.
 */
export async function checkSourceTree(source: string): Promise<void> {
  const info = await stat(source).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new InputError(
      `Cannot publish: the source ${source} is not a directory of the task workspace`,
    );
  }
  const entries = await readdir(source, {
    recursive: true,
    withFileTypes: true,
  });
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) {
      continue;
    }
    const link = path.join(entry.parentPath, entry.name);
    const pointsTo = path.resolve(entry.parentPath, await readlink(link));
    if (!isChildPath(source, pointsTo)) {
      throw new InputError(
        `Cannot publish: ${path.relative(
          source,
          link,
        )} is a symbolic link leading outside the published files`,
      );
    }
  }
}

/** Reads the catalog file of the source, if there is one. */
export async function readCatalogFile(
  plan: RepositoryPlan,
): Promise<string | undefined> {
  try {
    return await readFile(
      resolveSafeChildPath(plan.source, plan.catalogFile),
      'utf8',
    );
  } catch (error) {
    if (
      isError(error) &&
      (error.code === 'ENOENT' || error.code === 'EISDIR')
    ) {
      return undefined;
    }
    throw error;
  }
}

/** Fails early, before any write, when git cannot run on this host. */
export async function assertGitAvailable(): Promise<void> {
  try {
    await git(os.tmpdir(), ['--version']);
  } catch (error) {
    throw new Error(
      `Cannot publish: git does not run on the backend host (${
        (error as Error).message
      }); install git to publish local repositories`,
    );
  }
}

/**
 * Publishes the source as a git repository at the target: copies it (without any `.git`) into a
 * staging directory beside the target, writes the catalog file, commits everything, and only then
 * renames the staging directory to the target, so the catalog never reads a half-written
 * repository and a failure leaves nothing at the target. Pushing to the repository's branch
 * updates its files, so the catalog reads what a clone pushes back.
 */
export async function publishRepository(
  plan: RepositoryPlan,
  catalogText: string,
  commit: CommitOptions,
): Promise<{ commitHash: string }> {
  const publishDirectory = path.dirname(plan.target);
  await mkdir(publishDirectory, { recursive: true });
  // A leading dot keeps the staging directory out of catalog globs such as `*/catalog-info.yaml`;
  // made with the usual permissions (mkdtemp would make it private), as the target will have them.
  const staging = path.join(
    publishDirectory,
    `.${path.basename(plan.target)}-${randomUUID()}`,
  );
  await mkdir(staging);
  try {
    await cp(plan.source, staging, {
      recursive: true,
      verbatimSymlinks: true,
      filter: src => path.basename(src) !== '.git',
    });
    const catalogPath = resolveSafeChildPath(staging, plan.catalogFile);
    await mkdir(path.dirname(catalogPath), { recursive: true });
    await writeFile(catalogPath, catalogText);

    const env = {
      GIT_AUTHOR_NAME: commit.author.name,
      GIT_AUTHOR_EMAIL: commit.author.email,
      GIT_COMMITTER_NAME: commit.author.name,
      GIT_COMMITTER_EMAIL: commit.author.email,
    };
    await git(staging, [
      'init',
      '--quiet',
      `--initial-branch=${commit.branch}`,
    ]);
    await git(staging, ['add', '--all']);
    await git(
      staging,
      ['commit', '--quiet', '--no-verify', '-m', commit.message],
      env,
    );
    await git(staging, [
      'config',
      'receive.denyCurrentBranch',
      'updateInstead',
    ]);
    const commitHash = (await git(staging, ['rev-parse', 'HEAD'])).trim();

    await assertNotPublished(plan.target);
    await rename(staging, plan.target);
    return { commitHash };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Runs git without a shell and without the host's global and system configuration, so hooks,
 * templates or commit signing configured there do not change what is published.
 */
async function git(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: os.devNull,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      ...env,
    },
  });
  return stdout;
}

function isRelativeInside(p: string): boolean {
  if (p.trim() === '' || path.isAbsolute(p)) {
    return false;
  }
  const normalized = path.normalize(p);
  return normalized !== '..' && !normalized.startsWith(`..${path.sep}`);
}
