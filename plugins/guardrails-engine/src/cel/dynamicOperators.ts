/*
 * ==, != and `in` on dynamically typed values (every object field is dyn).
 * cel-js picks an overload from the runtime type of each side, so `in` and
 * list equality miss numbers of another type (JSON's 2 against CEL's 2.0 or
 * 2u); CEL compares numbers across int, uint and double by value.
 */
import { EvaluationError } from '@marcbachmann/cel-js';
import { UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { celEquals } from './compare';

function mapKey(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  // cel-js map literals keep int keys as their decimal strings.
  if (typeof value === 'bigint') return String(value);
  if (value instanceof UnsignedInt) return String(value.valueOf());
  if (typeof value === 'number' && Number.isInteger(value)) {
    return String(value);
  }
  return undefined;
}

/** CEL's `in`: list membership by equality, map membership by key. */
export function membership(item: unknown, container: unknown): boolean {
  if (Array.isArray(container)) {
    for (const element of container) if (celEquals(item, element)) return true;
    return false;
  }
  if (container instanceof Map) {
    if (container.has(item)) return true;
    for (const key of container.keys()) if (celEquals(item, key)) return true;
    return false;
  }
  if (container !== null && typeof container === 'object') {
    const key = mapKey(item);
    return (
      key !== undefined &&
      Object.hasOwn(container, key) &&
      (container as Record<string, unknown>)[key] !== undefined
    );
  }
  throw new EvaluationError(
    "no such overload: 'in' needs a list or a map on its right",
  );
}

type BinaryHandle = (left: unknown, right: unknown) => boolean;

/** The handler for `op` when either operand is only known at run time. */
export function dynamicHandle(op: string): BinaryHandle | undefined {
  switch (op) {
    case '==':
      return celEquals;
    case '!=':
      return (left, right) => !celEquals(left, right);
    case 'in':
      return membership;
    default:
      return undefined;
  }
}
