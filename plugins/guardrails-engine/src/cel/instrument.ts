/*
 * Post-check pass over a cel-js AST. It attaches the cost accounting that
 * bounds evaluation, validates constant regular expressions at compile time,
 * records which top-level variables the expression reads, and swaps in the
 * handlers of handleOverrides.ts where cel-js departs from cel-go.
 *
 * It relies on cel-js internals that are stable within the pinned version:
 * AST nodes expose `op`, `args` and `meta` (macro expansions live in
 * `meta.alternate`, custom macros in `meta.macro`), a checked call or operator
 * node dispatches through its `handle` function, and a comprehension
 * (all/exists/map/filter) re-evaluates its `args.step` node once per element.
 */
import { charge, sizeCost } from './budget';
import { overrideHandle } from './handleOverrides';
import { compileRegex } from './regex';

type EvaluateFn = (ev: unknown, ast: AstNode, ctx: unknown) => unknown;
type HandleFn = (...args: any[]) => unknown;

interface AstMeta {
  alternate?: AstNode;
  macro?: Record<string, unknown> & { evaluate: EvaluateFn };
  evaluate: EvaluateFn;
}

export interface AstNode {
  op: string;
  checkedType?: {
    name: string;
    kind: string;
    hasDynType: boolean;
    hasPlaceholderType: boolean;
  };
  setMeta(key: string, value: unknown): AstNode;
  readonly input: string;
  args: unknown;
  pos: number;
  start: number;
  end: number;
  readonly meta: AstMeta;
  handle?: HandleFn;
  evaluate: EvaluateFn;
}

/** Thrown for a constant regular expression that does not compile. */
export class InvalidRegexError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
  }
}

export interface Instrumentation {
  /** Identifiers the expression reads (top-level variables among them). */
  identifiers: Set<string>;
  /** Number of AST nodes, the base cost of one evaluation. */
  nodeCount: number;
}

const SIZED_OPERATORS = new Set(['+', '==', '!=', 'in']);
const REGEX_METHODS = new Set(['matches', 'find', 'findAll']);

function isNode(value: unknown): value is AstNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AstNode).op === 'string' &&
    typeof (value as AstNode).evaluate === 'function'
  );
}

/** AST nodes in an operand list (nested arrays hold call arguments and map entries). */
function collectNodes(value: unknown, out: AstNode[]): AstNode[] {
  if (isNode(value)) out.push(value);
  else if (Array.isArray(value))
    for (const item of value) collectNodes(item, out);
  return out;
}

/** The AST nodes under `node`, macro expansions included. */
export function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  if (node.op === 'comprehension') {
    const { iterable, init, step } = node.args as Record<string, unknown>;
    collectNodes([iterable, init, step], out);
  } else {
    collectNodes(node.args, out);
  }
  const { alternate, macro } = node.meta;
  if (alternate) out.push(alternate);
  // Macro state also holds type-checker contexts; only its AST nodes matter.
  for (const value of macro ? Object.values(macro) : [])
    collectNodes(value, out);
  return out;
}

/** Calls `visit` once for every node of the tree under `root` (shared nodes once). */
export function forEachNode(
  root: AstNode,
  visit: (node: AstNode) => void,
): number {
  const seen = new Set<AstNode>();
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    visit(node);
    stack.push(...children(node));
  }
  return seen.size;
}

/** The number of AST nodes in the tree under `root`. */
export function countNodes(root: AstNode): number {
  return forEachNode(root, () => {});
}

/** The function the node runs when evaluated, as cel-js resolves it lazily. */
function resolvedEvaluate(node: AstNode): EvaluateFn {
  const { alternate, macro } = node.meta;
  if (alternate)
    return (ev, _ast, ctx) => alternate.evaluate(ev, alternate, ctx);
  if (macro) {
    const m = macro as unknown as AstNode;
    return (ev, _ast, ctx) => macro.evaluate(ev, m, ctx);
  }
  return node.meta.evaluate;
}

/** Charges `cost` every time a comprehension evaluates its step for one element. */
function meterComprehensionStep(step: AstNode) {
  const inner = resolvedEvaluate(step);
  const cost = countNodes(step);
  step.evaluate = (ev, ast, ctx) => {
    charge(cost);
    return inner(ev, ast, ctx);
  };
}

/** Call nodes: one unit plus the size of the arguments and of the result. */
function meterCall(node: AstNode, handle: HandleFn) {
  node.handle = (args: unknown[], b: unknown, c: unknown) => {
    let cost = 1;
    for (let i = 0; i < args.length; i++) cost += sizeCost(args[i]);
    charge(cost);
    const result = handle(args, b, c);
    charge(sizeCost(result));
    return result;
  };
}

/** Concatenation, equality and membership work in proportion to operand size. */
function meterSizedOperator(node: AstNode, handle: HandleFn) {
  node.handle = (left: unknown, right: unknown, ast: unknown, ev: unknown) => {
    charge(1 + sizeCost(left) + sizeCost(right));
    return handle(left, right, ast, ev);
  };
}

function checkConstantRegex(node: AstNode) {
  const [name, , args] = node.args as [string, AstNode, AstNode[]];
  const pattern = args?.[0];
  if (!REGEX_METHODS.has(name) || pattern?.op !== 'value') return;
  if (typeof pattern.args !== 'string') return;
  try {
    compileRegex(pattern.args);
  } catch (error) {
    throw new InvalidRegexError((error as Error).message, pattern.start);
  }
}

/**
 * Instruments a parsed and type-checked AST in place. Must run once per
 * compiled program, before its first evaluation.
 */
export function instrument(root: AstNode): Instrumentation {
  const identifiers = new Set<string>();
  const seen = new Set<AstNode>();
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const { alternate, macro } = node.meta;
    const plain = !alternate && !macro;

    if (node.op === 'id') identifiers.add(node.args as string);
    if (node.op === 'rcall') checkConstantRegex(node);
    if (node.op === 'comprehension') {
      meterComprehensionStep((node.args as { step: AstNode }).step);
    }
    if (plain && node.handle) {
      node.handle = overrideHandle(node, node.handle);
      if (node.op === 'call' || node.op === 'rcall') {
        meterCall(node, node.handle);
      } else if (SIZED_OPERATORS.has(node.op)) {
        meterSizedOperator(node, node.handle);
      }
    }
    stack.push(...children(node));
  }
  return { identifiers, nodeCount: seen.size };
}
