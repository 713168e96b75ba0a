/*
 * Evaluation of map literals. cel-js builds a plain object and silently
 * drops keys named constructor or prototype, keeps the last of repeated
 * keys, and accepts double and null keys; CEL allows only int, uint, bool
 * and string keys and fails on a repeated key.
 */
import { EvaluationError } from '@marcbachmann/cel-js';
import { UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import type { AstNode } from './instrument';
import { optionalIndices, optionalValue } from './optionalLiterals';

interface Evaluator {
  run(node: AstNode, ctx: unknown): unknown;
}

function keyText(key: unknown, node: AstNode): string {
  if (typeof key === 'string') return key;
  // cel-js keeps int, uint and bool keys as their text; so does this.
  if (typeof key === 'bigint' || typeof key === 'boolean') return String(key);
  if (key instanceof UnsignedInt) return String(key.valueOf());
  throw new EvaluationError(
    `unsupported map key type: ${key === null ? 'null' : typeof key}`,
    node as never,
  );
}

/** The meta.evaluate of a map literal node. */
export function evaluateMapLiteral(
  ev: Evaluator,
  ast: AstNode,
  ctx: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const optional = optionalIndices(ast);
  const entries = ast.args as Array<[AstNode, AstNode]>;
  for (let i = 0; i < entries.length; i++) {
    const [keyNode, valueNode] = entries[i];
    const key = keyText(ev.run(keyNode, ctx), keyNode);
    let value = ev.run(valueNode, ctx);
    // {?k: v} leaves the entry out when v is optional.none().
    if (optional?.has(i)) value = optionalValue(value, valueNode);
    if (value === undefined) continue;
    if (Object.hasOwn(out, key)) {
      throw new EvaluationError(`repeated map key: ${key}`, keyNode as never);
    }
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
