import { Environment, EvaluationError } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { celCompare, celEquals } from '../compare';

const SYNC = { async: false };
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

function checkedInt(value: bigint): bigint {
  if (value > INT64_MAX || value < INT64_MIN) {
    throw new EvaluationError('integer overflow in sum()');
  }
  return value;
}

/**
 * Adds two list elements. Kubernetes objects arrive as JSON, where `2.0` and
 * `2` are the same number, so a numeric list may mix ints and doubles; such a
 * sum is computed in doubles rather than failing.
 */
function addElements(acc: unknown, next: unknown): unknown {
  if (typeof acc === 'bigint' && typeof next === 'bigint') {
    return checkedInt(acc + next);
  }
  if (acc instanceof UnsignedInt && next instanceof UnsignedInt) {
    try {
      return new UnsignedInt(acc.valueOf() + next.valueOf());
    } catch {
      throw new EvaluationError('unsigned integer overflow in sum()');
    }
  }
  if (acc instanceof Duration && next instanceof Duration) {
    return acc.addDuration(next);
  }
  const numeric = (v: unknown) =>
    typeof v === 'number' || typeof v === 'bigint' || v instanceof UnsignedInt;
  if (numeric(acc) && numeric(next)) {
    return Number(acc.valueOf()) + Number((next as number).valueOf());
  }
  throw new EvaluationError('sum() needs a list of numbers or durations');
}

function sumOf(zero: () => unknown) {
  return (list: unknown[]) => {
    let acc = zero();
    for (const item of list) acc = addElements(acc, item);
    return acc;
  };
}

function extreme(name: 'min' | 'max', prefer: -1 | 1) {
  return (list: unknown[]) => {
    if (list.length === 0) {
      throw new EvaluationError(`${name} called on empty list`);
    }
    let result = list[0];
    for (let i = 1; i < list.length; i++) {
      if (celCompare(list[i], result) === prefer) result = list[i];
    }
    // A single element is still checked for comparability.
    if (list.length === 1) celCompare(result, result);
    return result;
  };
}

/**
 * Kubernetes' list library (k8s.io/apiserver/pkg/cel/library/lists.go):
 * sum, min, max, isSorted, indexOf, lastIndexOf.
 */
export function registerListLibrary(env: Environment): void {
  const summable: Array<[string, () => unknown]> = [
    ['int', () => 0n],
    ['uint', () => new UnsignedInt(0n)],
    ['double', () => 0],
    ['google.protobuf.Duration', () => new Duration(0n)],
  ];
  for (const [type, zero] of summable) {
    env.registerFunction(`list<${type}>.sum(): ${type}`, sumOf(zero), SYNC);
  }

  // The typed overload gives `[1, 2].min()` the type int. On a dyn list (any
  // object field) cel-js would type the call as the bare parameter T, which
  // no operator accepts; the list<dyn> overload makes that call dyn instead.
  for (const [name, prefer] of [
    ['min', -1],
    ['max', 1],
  ] as const) {
    env.registerFunction(`list<T>.${name}(): T`, extreme(name, prefer), SYNC);
    env.registerFunction(`list.${name}(): dyn`, extreme(name, prefer), SYNC);
  }
  env.registerFunction(
    'list<T>.isSorted(): bool',
    (list: unknown[]) => {
      for (let i = 1; i < list.length; i++) {
        if (celCompare(list[i - 1], list[i]) > 0) return false;
      }
      if (list.length === 1) celCompare(list[0], list[0]);
      return true;
    },
    SYNC,
  );
  const indexOf = (list: unknown[], item: unknown) => {
    for (let i = 0; i < list.length; i++) {
      if (celEquals(list[i], item)) return BigInt(i);
    }
    return -1n;
  };
  const lastIndexOf = (list: unknown[], item: unknown) => {
    for (let i = list.length - 1; i >= 0; i--) {
      if (celEquals(list[i], item)) return BigInt(i);
    }
    return -1n;
  };
  // The dyn overloads serve lists from objects, whose whole numbers arrive
  // as ints even where the schema says double: [1, 2].indexOf(2.0) finds 1.
  // staticOverloads.ts keeps rejecting it for lists typed at compile time.
  env.registerFunction('list<A>.indexOf(A): int', indexOf, SYNC);
  env.registerFunction('list.indexOf(dyn): int', indexOf, SYNC);
  env.registerFunction('list<A>.lastIndexOf(A): int', lastIndexOf, SYNC);
  env.registerFunction('list.lastIndexOf(dyn): int', lastIndexOf, SYNC);
}
