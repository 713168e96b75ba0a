/*
 * Replacements for the handlers cel-js attaches to checked AST nodes, where
 * its behaviour differs from cel-go's as Kubernetes runs it. Chosen once per
 * node after type checking; see instrument.ts.
 */
import { dynamicHandle } from './dynamicOperators';
import type { AstNode } from './instrument';
import { lowerAscii, trim, upperAscii } from './library/asciiStrings';
import { matches } from './library/regexLibrary';
import { checkDoubleToInt, checkDoubleToUint, checkInt } from './numbers';
import { Duration } from '@marcbachmann/cel-js/evaluator';
import {
  checkDuration,
  checkTimestamp,
  parseDuration,
  timestampField,
} from './time';

type HandleFn = (...args: any[]) => unknown;
type Implementation = (...args: any[]) => unknown;

/** Functions computed here instead of by cel-js, by `op:name:argument count`. */
const REPLACED: Record<string, Implementation> = {
  'rcall:matches:1': matches,
  'rcall:lowerAscii:0': lowerAscii,
  'rcall:upperAscii:0': upperAscii,
  'rcall:trim:0': trim,
  'call:duration:1': parseDuration,
};

const TIMESTAMP_FIELDS = [
  'getFullYear',
  'getMonth',
  'getDate',
  'getDayOfMonth',
  'getDayOfWeek',
  'getDayOfYear',
  'getHours',
  'getMinutes',
  'getSeconds',
  'getMilliseconds',
];

/** Checks on arguments before cel-js' own handler runs. */
const GUARDED: Record<string, (args: unknown[]) => void> = {
  'call:int:1': ([value]) => {
    if (typeof value === 'number') checkDoubleToInt(value);
  },
  'call:uint:1': ([value]) => {
    if (typeof value === 'number') checkDoubleToUint(value);
  },
};

const RANGE_CHECKED = new Set(['-_', '/', '+', '-']);
// Results cel-js leaves unchecked: ints from negation and division,
// timestamps and durations from + and -. Strings, lists and checked int
// sums need no wrapper.
const UNCHECKED_RESULTS = new Set([
  'dyn',
  'int',
  'google.protobuf.Timestamp',
  'google.protobuf.Duration',
]);

function needsRangeCheck(node: AstNode): boolean {
  if (!RANGE_CHECKED.has(node.op)) return false;
  const type = node.checkedType?.name ?? 'dyn';
  if (type === 'int') return node.op === '-_' || node.op === '/';
  return UNCHECKED_RESULTS.has(type);
}

function checkRange(result: unknown): unknown {
  if (typeof result === 'bigint') return checkInt(result);
  if (result instanceof Date) return checkTimestamp(result);
  if (result instanceof Duration) return checkDuration(result);
  return result;
}

function callKey(node: AstNode): string | undefined {
  if (node.op === 'call') {
    const [name, args] = node.args as [string, AstNode[]];
    return `call:${name}:${args.length}`;
  }
  if (node.op === 'rcall') {
    const [name, , args] = node.args as [string, AstNode, AstNode[]];
    return `rcall:${name}:${args.length}`;
  }
  return undefined;
}

function hasDynamicOperand(node: AstNode): boolean {
  const [left, right] = node.args as [AstNode, AstNode];
  return !!(left.checkedType?.hasDynType || right.checkedType?.hasDynType);
}

function timestampOverride(
  node: AstNode,
  handle: HandleFn,
): HandleFn | undefined {
  const [name, , args] = node.args as [string, AstNode, AstNode[]];
  if (node.op !== 'rcall' || !TIMESTAMP_FIELDS.includes(name)) return undefined;
  if (args.length !== 1) return undefined;
  // Time zones are resolved here: cel-js passes them to Intl, which rejects
  // the '02:00' form and, on some platforms, every numeric offset.
  return (values: unknown[], b: unknown, c: unknown) =>
    values[0] instanceof Date
      ? timestampField(values[0], name, values[1])
      : handle(values, b, c);
}

/** The handler `node` should run instead of `handle`, or `handle` itself. */
export function overrideHandle(node: AstNode, handle: HandleFn): HandleFn {
  const key = callKey(node);
  if (key) {
    const replaced = REPLACED[key];
    if (replaced) return (values: unknown[]) => replaced(...values);
    const guard = GUARDED[key];
    if (guard) {
      return (values: unknown[], b: unknown, c: unknown) => {
        guard(values);
        return handle(values, b, c);
      };
    }
    return timestampOverride(node, handle) ?? handle;
  }
  if (needsRangeCheck(node)) {
    // cel-js does not check -(-2^63), -2^63 / -1, or timestamps and
    // durations leaving CEL's range.
    return (a: unknown, b: unknown, c: unknown, d: unknown) =>
      checkRange(handle(a, b, c, d));
  }
  if (hasDynamicOperandOperator(node)) {
    return dynamicHandle(node.op) ?? handle;
  }
  return handle;
}

function hasDynamicOperandOperator(node: AstNode): boolean {
  return (
    (node.op === '==' || node.op === '!=' || node.op === 'in') &&
    hasDynamicOperand(node)
  );
}
