import path from 'node:path';
import {
  formatPackProblem,
  PackProblem,
} from '@guardrails-dev/plugin-guardrails-engine';

/** A path as the user would type it: relative to `cwd` when inside it, absolute otherwise. */
export function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) {
    return file;
  }
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative
    : file;
}

/** Pack problems, one per line, with file paths relative to `cwd`. */
export function formatProblems(
  problems: ReadonlyArray<PackProblem>,
  cwd: string,
): string[] {
  return problems.map(problem =>
    formatPackProblem({ ...problem, file: displayPath(problem.file, cwd) }),
  );
}
