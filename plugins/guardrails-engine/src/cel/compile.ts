import { CelCompileError } from './CelCompileError';
import {
  DEFAULT_COST_BUDGET,
  budgetExceededMessage,
  charge,
  runMetered,
} from './budget';
import { environmentFor } from './environment';
import { AstNode, InvalidRegexError, instrument } from './instrument';
import { CheckError } from './checkError';
import { checkFormatCalls } from './library/formatValidation';
import {
  checkKubernetesVersion,
  parseKubernetesVersion,
} from './kubernetesVersions';
import { checkHomogeneousLiterals } from './literalTypes';
import { blankOptionalMarkers } from './optionalLiterals';
import { preCheck } from './preCheck';
import { checkStaticOverloads } from './staticOverloads';

/** @public */
export interface CelCompileOptions {
  /** Top-level variable names the expression may use; default ['object','oldObject','namespaceObject','variables','params','request'] */
  variables?: string[];
  /** Longest accepted expression, in characters; default 5000. */
  maxExpressionLength?: number;
  /** Deepest accepted nesting of calls, selections, indexes and literals; default 50. */
  maxNesting?: number;
  /**
   * Kubernetes release the expression must run on, such as '1.30': using a
   * function or syntax a later release introduced is a compile error naming
   * it and that release. Default: no check (everything the engine offers).
   */
  kubernetesVersion?: string;
}

/** @public */
export interface CelEvaluateOptions {
  /** Work allowed for one evaluation, in cost units (about one per evaluated node); default 1,000,000. */
  costBudget?: number;
}

/** @public */
export type CelResult =
  | { ok: true; value: unknown }
  | { ok: false; error: string };

/** @public */
export interface CelProgram {
  readonly expression: string;
  /** Type the checker inferred for the result, e.g. `bool`, `string` or `dyn`. */
  readonly resultType: string;
  /** Never throws; a runtime error or exhausted budget becomes `{ ok: false }`. */
  evaluate(
    activation: Record<string, unknown>,
    options?: CelEvaluateOptions,
  ): CelResult;
}

const DEFAULT_VARIABLES = [
  'object',
  'oldObject',
  'namespaceObject',
  'variables',
  'params',
  'request',
];
const DEFAULT_MAX_LENGTH = 5000;
const DEFAULT_MAX_NESTING = 50;

interface CelLibraryError {
  code?: string;
  summary?: string;
  message: string;
  range?: { start: number; end: number };
}

function describeError(error: unknown): string {
  const e = error as CelLibraryError;
  if (typeof e?.summary === 'string') {
    const at = e.range ? ` (at position ${e.range.start})` : '';
    return `${e.summary}${at}`;
  }
  return e instanceof Error ? e.message : String(error);
}

function toCompileError(
  expression: string,
  error: unknown,
  maxNesting: number,
): CelCompileError {
  const e = error as CelLibraryError;
  const reason =
    e?.code === 'limit_exceeded' && e.summary?.includes('maxDepth')
      ? `expression is nested more deeply than the limit of ${maxNesting}`
      : e?.summary ?? (e instanceof Error ? e.message : String(error));
  return new CelCompileError(expression, reason, e?.range?.start);
}

type ParsedFn = (context: Record<string, unknown>) => unknown;

class CompiledProgram implements CelProgram {
  readonly #run: ParsedFn;
  readonly #nodeCount: number;
  readonly #reads: string[];

  constructor(
    readonly expression: string,
    readonly resultType: string,
    run: ParsedFn,
    nodeCount: number,
    reads: string[],
  ) {
    this.#run = run;
    this.#nodeCount = nodeCount;
    this.#reads = reads;
  }

  evaluate(
    activation: Record<string, unknown>,
    options?: CelEvaluateOptions,
  ): CelResult {
    const limit = options?.costBudget ?? DEFAULT_COST_BUDGET;
    const context = this.#withDefaults(activation);
    // The parsed and checked AST is reused: evaluation never parses again.
    const run = runMetered(limit, () => {
      charge(this.#nodeCount);
      return this.#run(context);
    });
    if (run.meter.exceeded) {
      return { ok: false, error: budgetExceededMessage(limit) };
    }
    if (run.threw) return { ok: false, error: describeError(run.error) };
    if (run.value instanceof Promise) {
      return { ok: false, error: 'expression produced an asynchronous result' };
    }
    return { ok: true, value: run.value };
  }

  /** Declared variables the expression reads but the activation lacks are null, as in Kubernetes. */
  #withDefaults(activation: Record<string, unknown>): Record<string, unknown> {
    const given =
      activation !== null && typeof activation === 'object' ? activation : {};
    let result = given;
    for (const name of this.#reads) {
      if (given[name] === undefined) {
        if (result === given) result = { ...given };
        result[name] = null;
      }
    }
    return result;
  }
}

/** Parses and type-checks once. Throws CelCompileError with the expression, message and position. @public */
export function compileCel(
  expression: string,
  options: CelCompileOptions = {},
): CelProgram {
  if (typeof expression !== 'string') {
    throw new CelCompileError(
      String(expression),
      'expression must be a string',
    );
  }
  const maxLength = options.maxExpressionLength ?? DEFAULT_MAX_LENGTH;
  const maxNesting = options.maxNesting ?? DEFAULT_MAX_NESTING;
  if (expression.length > maxLength) {
    throw new CelCompileError(
      expression,
      `expression is ${expression.length} characters long; the limit is ${maxLength}`,
      maxLength,
    );
  }
  if (expression.trim() === '') {
    throw new CelCompileError(expression, 'expression is empty', 0);
  }
  const version =
    options.kubernetesVersion === undefined
      ? undefined
      : parseKubernetesVersion(options.kubernetesVersion);
  const variables = options.variables ?? DEFAULT_VARIABLES;
  const env = environmentFor(variables, maxNesting);

  const blanked = blankOptionalMarkers(expression);
  let parsed;
  try {
    parsed = env.parse(blanked.text);
  } catch (error) {
    throw toCompileError(expression, error, maxNesting);
  }
  preCheck(parsed.ast as unknown as AstNode, blanked.marks);
  const checked = parsed.check();
  if (!checked.valid) {
    throw toCompileError(expression, checked.error, maxNesting);
  }
  try {
    const nodes = checkHomogeneousLiterals(parsed.ast as unknown as AstNode);
    checkFormatCalls(nodes);
    checkStaticOverloads(nodes);
    if (version) checkKubernetesVersion(nodes, version);
  } catch (error) {
    if (error instanceof CheckError) {
      throw new CelCompileError(expression, error.message, error.node.start);
    }
    throw error;
  }
  let instrumented;
  try {
    instrumented = instrument(parsed.ast as unknown as AstNode);
  } catch (error) {
    if (error instanceof InvalidRegexError) {
      throw new CelCompileError(expression, error.message, error.position);
    }
    throw error;
  }
  const reads = variables.filter(v => instrumented.identifiers.has(v));
  return new CompiledProgram(
    expression,
    checked.type ?? 'dyn',
    parsed as unknown as ParsedFn,
    instrumented.nodeCount,
    reads,
  );
}
