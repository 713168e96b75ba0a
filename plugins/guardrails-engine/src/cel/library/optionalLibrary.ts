/*
 * The parts of cel-go's optional types cel-js lacks: optional.ofNonZeroValue,
 * optMap and optFlatMap, == and != between optionals, and type(optional)
 * (optional_type).
 */
import {
  Environment,
  EvaluationError,
  Optional,
  evaluate,
} from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { celEquals } from '../compare';
import type { CelType, Checker, Evaluator, Overlay } from '../celInternals';
import type { AstNode } from '../instrument';

const SYNC = { async: false };

interface OptMacro {
  flat: boolean;
  receiver: AstNode;
  name: string;
  body: AstNode;
  bodyCtx?: Overlay;
}

/** cel-go's zero values: null, false, 0, '', empty bytes, lists and maps, zero durations and the epoch. */
function isZero(value: unknown): boolean {
  if (
    value === null ||
    value === false ||
    value === 0 ||
    value === 0n ||
    value === ''
  )
    return true;
  if (value instanceof UnsignedInt) return value.valueOf() === 0n;
  if (value instanceof Duration)
    return value.seconds === 0n && value.nanos === 0;
  if (value instanceof Date) return value.getTime() === 0;
  if (value instanceof Map) return value.size === 0;
  if (ArrayBuffer.isView(value) || Array.isArray(value))
    return (value as { length: number }).length === 0;
  if (
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return Object.keys(value as object).length === 0;
  }
  return false;
}

function typeCheck(chk: Checker, macro: OptMacro, ctx: Overlay): CelType {
  const receiver = chk.check(macro.receiver, ctx);
  if (receiver.kind !== 'optional' && receiver.kind !== 'dyn') {
    throw chk.createError(
      'optional_expected',
      `${macro.flat ? 'optFlatMap' : 'optMap'}() needs an optional`,
      macro.receiver,
    );
  }
  const valueType =
    receiver.kind === 'optional' ? receiver.valueType! : receiver;
  macro.bodyCtx = ctx.forkWithVariable(macro.name, valueType);
  const body = chk.check(macro.body, macro.bodyCtx);
  if (!macro.flat) return chk.registry.getOptionalType(body);
  if (body.kind === 'optional' || body.kind === 'dyn') return body;
  throw chk.createError(
    'optional_expected',
    'optFlatMap() needs an optional result',
    macro.body,
  );
}

function evaluateMacro(ev: Evaluator, macro: OptMacro, ctx: unknown): unknown {
  const receiver = ev.run(macro.receiver, ctx);
  if (!(receiver instanceof Optional)) {
    throw new EvaluationError(
      'optMap() and optFlatMap() need an optional',
      macro.receiver as never,
    );
  }
  if (!receiver.hasValue()) return Optional.none();
  const result = ev.run(
    macro.body,
    macro.bodyCtx!.reuse(ctx).setIterValue(receiver.value(), ev),
  );
  if (!macro.flat) return Optional.of(result);
  if (result instanceof Optional) return result;
  throw new EvaluationError(
    'optFlatMap() needs an optional result',
    macro.body as never,
  );
}

function expander(flat: boolean) {
  return ({ args, receiver }: { args: AstNode[]; receiver: AstNode }) => {
    if (args[0].op !== 'id') {
      throw new EvaluationError(
        'the variable must be an identifier',
        args[0] as never,
      );
    }
    return {
      flat,
      receiver,
      name: args[0].args as string,
      body: args[1],
      async: false,
      typeCheck,
      evaluate: evaluateMacro,
    };
  };
}

export function registerOptionalLibrary(env: Environment): void {
  env.registerFunction(
    'OptionalNamespace.ofNonZeroValue(A): optional<A>',
    (_: unknown, value: unknown) =>
      isZero(value) ? Optional.none() : Optional.of(value),
    SYNC,
  );
  env.registerFunction(
    'optional.optMap(ast, ast): optional<dyn>',
    expander(false),
  );
  env.registerFunction(
    'optional.optFlatMap(ast, ast): optional<dyn>',
    expander(true),
  );
  env.registerOperator('optional<A> == optional<A>', celEquals);
  const TypeClass = (evaluate('int') as object).constructor as new (
    name: string,
  ) => unknown;
  const optionalType = new TypeClass('optional_type');
  env.registerFunction('type(optional<A>): type', () => optionalType, SYNC);
  env.registerConstant('optional_type', 'type', optionalType);
}
