/** One problem found in a guardrail pack. @public */
export interface PackProblem {
  file: string;
  /** Zero-based position of the document in its file. */
  documentIndex: number;
  /** `metadata.name` of the document, when it has one. */
  documentName?: string;
  /** Path of the offending field, e.g. `spec.rollout.prod[1].from`; empty for the whole document. */
  field: string;
  /** One-based line in the file, when known. */
  line?: number;
  message: string;
}

/** Renders a problem as `file:line (document 2 "name") field: message`. @public */
export function formatPackProblem(problem: PackProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  const name = problem.documentName ? ` "${problem.documentName}"` : '';
  const field = problem.field ? ` ${problem.field}:` : '';
  return `${where} (document ${problem.documentIndex + 1}${name})${field} ${
    problem.message
  }`;
}

/**
 * Thrown when a pack is invalid; lists every problem found, not just the first.
 * @public
 */
export class PackValidationError extends Error {
  readonly problems: PackProblem[];

  constructor(problems: PackProblem[]) {
    const count =
      problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      `Guardrail pack is invalid (${count}):\n${problems
        .map(p => `  - ${formatPackProblem(p)}`)
        .join('\n')}`,
    );
    this.name = 'PackValidationError';
    this.problems = problems;
  }
}
