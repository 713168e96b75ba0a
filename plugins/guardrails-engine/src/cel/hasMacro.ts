/*
 * CEL's has() macro, replacing cel-js' own: cel-js accepts only a chain of
 * selections on a variable (not has(list[0].field) or has({...}.key)) and
 * counts a field set to null as present. Here the operand may be any
 * expression and null counts as absent, as in Kubernetes.
 */
import { EvaluationError, Optional } from '@marcbachmann/cel-js';
import type { Checker, Evaluator } from './celInternals';
import type { AstNode } from './instrument';

interface HasMacro {
  selection: AstNode;
}

function present(target: unknown, field: string, node: AstNode): boolean {
  // A null operand (oldObject on create, an absent optional input) has no fields.
  if (target === null) return false;
  if (target instanceof Optional) {
    return target.hasValue() && present(target.value(), field, node);
  }
  if (target instanceof Map) {
    const value = target.get(field);
    return value !== undefined && value !== null;
  }
  if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
    const proto = Object.getPrototypeOf(target);
    if (proto === Object.prototype || proto === null) {
      const value = Object.hasOwn(target, field)
        ? (target as Record<string, unknown>)[field]
        : undefined;
      return value !== undefined && value !== null;
    }
  }
  throw new EvaluationError(
    `has() needs a map or object, got ${
      target === null ? 'null' : typeof target
    }`,
    node as never,
  );
}

const hasMacro = {
  async: false,
  typeCheck(checker: Checker, macro: HasMacro, ctx: unknown) {
    const { selection } = macro;
    if (selection.op !== '.' && selection.op !== '.?') {
      throw checker.createError(
        'invalid_macro_argument',
        'has() invalid argument',
        selection,
      );
    }
    checker.check((selection.args as [AstNode, string])[0], ctx);
    return checker.getType('bool');
  },
  evaluate(ev: Evaluator, macro: HasMacro, ctx: unknown) {
    const [operand, field] = macro.selection.args as [AstNode, string];
    return present(ev.run(operand, ctx), field, macro.selection);
  },
};

/** Makes a parsed has() call use this macro. */
export function replaceHasMacro(node: AstNode): void {
  const [, args] = node.args as [string, AstNode[]];
  node.setMeta('macro', { ...hasMacro, selection: args[0] });
  node.setMeta('async', false);
}
