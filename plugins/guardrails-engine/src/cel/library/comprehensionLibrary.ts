/*
 * cel-go's two-variable comprehensions (ext.TwoVarComprehensions, Kubernetes
 * 1.32): all/exists/existsOne(i, v, predicate) and transformList,
 * transformMap and transformMapEntry, over lists (index, element) and maps
 * (key, value). Each step is charged to the cost budget like the one-variable
 * macros.
 */
import { Environment, EvaluationError } from '@marcbachmann/cel-js';
import { charge } from '../budget';
import type { CelType, Checker, Evaluator, Overlay } from '../celInternals';
import { AstNode, countNodes } from '../instrument';

type Kind =
  | 'all'
  | 'exists'
  | 'existsOne'
  | 'transformList'
  | 'transformMap'
  | 'transformMapEntry';

interface Macro {
  kind: Kind;
  receiver: AstNode;
  names: [string, string];
  filter?: AstNode;
  body: AstNode;
  indexCtx?: Overlay;
  valueCtx?: Overlay;
  intKeys?: boolean;
  cost?: number;
}

function identifier(node: AstNode): string {
  if (node.op !== 'id') {
    throw new EvaluationError(
      'the iteration variable must be an identifier',
      node as never,
    );
  }
  return node.args as string;
}

function ranges(
  checker: Checker,
  macro: Macro,
  type: CelType,
): [CelType, CelType] {
  if (type.kind === 'list') return [checker.getType('int'), type.valueType!];
  if (type.kind === 'map') {
    macro.intKeys = type.keyType!.name === 'int';
    return [type.keyType!, type.valueType!];
  }
  if (type.kind === 'dyn') return [type, type];
  throw checker.createError(
    'invalid_comprehension_range',
    `${macro.kind}() needs a list or a map, got '${type.name}'`,
    macro.receiver,
  );
}

function resultType(
  checker: Checker,
  macro: Macro,
  index: CelType,
  body: CelType,
): CelType {
  const { registry } = checker;
  switch (macro.kind) {
    case 'transformList':
      return registry.getListType(body);
    case 'transformMap':
      return registry.getMapType(index, body);
    case 'transformMapEntry':
      if (body.kind === 'map' || body.kind === 'dyn') return body;
      throw checker.createError(
        'invalid_argument',
        'transformMapEntry() needs a map expression',
        macro.body,
      );
    default:
      return checker.getType('bool');
  }
}

function typeCheck(checker: Checker, macro: Macro, ctx: Overlay): CelType {
  const [index, value] = ranges(
    checker,
    macro,
    checker.check(macro.receiver, ctx),
  );
  macro.indexCtx = ctx.forkWithVariable(macro.names[0], index);
  macro.valueCtx = macro.indexCtx.forkWithVariable(macro.names[1], value);
  if (macro.filter) checker.check(macro.filter, macro.valueCtx);
  const body = checker.check(macro.body, macro.valueCtx);
  macro.cost =
    countNodes(macro.body) + (macro.filter ? countNodes(macro.filter) : 0);
  return resultType(checker, macro, index, body);
}

function entriesOf(range: unknown, macro: Macro): Array<[unknown, unknown]> {
  if (Array.isArray(range)) return range.map((v, i) => [BigInt(i), v]);
  if (range instanceof Map) return [...range.entries()];
  if (range !== null && typeof range === 'object') {
    // cel-js keeps int map keys as their text.
    return Object.entries(range)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [macro.intKeys && /^-?\d+$/.test(k) ? BigInt(k) : k, v]);
  }
  throw new EvaluationError(
    `${macro.kind}() needs a list or a map`,
    macro.receiver as never,
  );
}

function boolean(value: unknown, node: AstNode): boolean {
  if (typeof value === 'boolean') return value;
  if (value instanceof Error) throw value;
  throw new EvaluationError('the predicate must return bool', node as never);
}

function keyText(key: unknown): string {
  return typeof key === 'string' ? key : String(key);
}

function setKey(
  out: Record<string, unknown>,
  key: unknown,
  value: unknown,
  node: AstNode,
) {
  const text = keyText(key);
  if (Object.hasOwn(out, text)) {
    throw new EvaluationError(
      `insert failed: key ${text} already exists`,
      node as never,
    );
  }
  Object.defineProperty(out, text, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function evaluate(ev: Evaluator, macro: Macro, ctx: unknown): unknown {
  const entries = entriesOf(ev.run(macro.receiver, ctx), macro);
  const indexCtx = macro.indexCtx!.reuse(ctx);
  const valueCtx = macro.valueCtx!.reuse(indexCtx);
  const { kind, body, filter } = macro;
  const list: unknown[] = [];
  const map: Record<string, unknown> = {};
  let count = 0;
  let error: unknown;
  for (const [key, value] of entries) {
    charge(macro.cost!);
    indexCtx.setIterValue(key, ev);
    valueCtx.setIterValue(value, ev);
    if (kind === 'all' || kind === 'exists') {
      const result = ev.tryEval(body, valueCtx);
      if (result instanceof Error) error ??= result;
      else if (boolean(result, body) === (kind === 'exists'))
        return kind === 'exists';
      continue;
    }
    if (kind === 'existsOne') {
      if (boolean(ev.run(body, valueCtx), body)) count++;
      continue;
    }
    if (filter && !boolean(ev.run(filter, valueCtx), filter)) continue;
    const result = ev.run(body, valueCtx);
    if (kind === 'transformList') list.push(result);
    else if (kind === 'transformMap') setKey(map, key, result, body);
    else for (const [k, v] of entriesOf(result, macro)) setKey(map, k, v, body);
  }
  if (error) throw error;
  if (kind === 'all' || kind === 'exists') return kind === 'all';
  if (kind === 'existsOne') return count === 1;
  return kind === 'transformList' ? list : map;
}

function expander(kind: Kind) {
  return ({ args, receiver }: { args: AstNode[]; receiver: AstNode }) => {
    const [first, second, ...rest] = args;
    const macro: Macro & Record<string, unknown> = {
      kind,
      receiver,
      names: [identifier(first), identifier(second)],
      filter: rest.length === 2 ? rest[0] : undefined,
      body: rest[rest.length - 1],
      async: false,
      kubernetes: '1.32',
      typeCheck,
      evaluate,
    };
    return macro;
  };
}

export function registerComprehensionLibrary(env: Environment): void {
  for (const kind of ['all', 'exists', 'existsOne'] as const) {
    env.registerFunction(`list.${kind}(ast, ast, ast): bool`, expander(kind));
  }
  for (const kind of [
    'transformList',
    'transformMap',
    'transformMapEntry',
  ] as const) {
    env.registerFunction(`list.${kind}(ast, ast, ast): dyn`, expander(kind));
    env.registerFunction(
      `list.${kind}(ast, ast, ast, ast): dyn`,
      expander(kind),
    );
  }
}
