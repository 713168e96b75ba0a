import { EvaluationError, Optional } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { Quantity } from './quantity';

type Numeric = bigint | number;

function asNumeric(value: unknown): Numeric | undefined {
  if (typeof value === 'bigint' || typeof value === 'number') return value;
  if (value instanceof UnsignedInt) return value.valueOf();
  return undefined;
}

function compareNumeric(a: Numeric, b: Numeric): -1 | 0 | 1 {
  // Mixed int/double comparisons are exact: compare in the integer domain when
  // the double is integral, otherwise the double decides.
  if (typeof a === 'bigint' && typeof b === 'number' && Number.isInteger(b)) {
    return compareNumeric(a, BigInt(b));
  }
  if (typeof a === 'number' && typeof b === 'bigint' && Number.isInteger(a)) {
    return compareNumeric(BigInt(a), b);
  }
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function isMapLike(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function mapEntries(value: Map<unknown, unknown> | Record<string, unknown>) {
  return value instanceof Map
    ? [...value.entries()]
    : Object.entries(value).filter(([, v]) => v !== undefined);
}

function mapLookup(
  value: Map<unknown, unknown> | Record<string, unknown>,
  key: unknown,
): unknown {
  if (value instanceof Map) return value.get(key);
  return typeof key === 'string' && Object.hasOwn(value, key)
    ? value[key]
    : undefined;
}

function bytesCompare(a: Uint8Array, b: Uint8Array): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return compareNumeric(a.length, b.length);
}

/** Library values (IP, CIDR, semver, URL…) compare with their own equals(). */
function hasEquals(
  value: object,
): value is { equals(other: unknown): boolean } {
  return typeof (value as { equals?: unknown }).equals === 'function';
}

/**
 * Equality of lists, bytes, quantities, timestamps, durations and optionals,
 * with `inner` for elements; undefined when neither side is one of those.
 */
export function sameContainerOrTime(
  a: object,
  b: object,
  inner: (x: unknown, y: unknown) => boolean,
): boolean | undefined {
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => inner(v, b[i]))
    );
  }
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    // Any realm's Uint8Array (Node's Buffer counts).
    return (
      ArrayBuffer.isView(a) &&
      ArrayBuffer.isView(b) &&
      bytesCompare(a as Uint8Array, b as Uint8Array) === 0
    );
  }
  if (a instanceof Quantity || b instanceof Quantity) {
    return a instanceof Quantity && b instanceof Quantity && a.equals(b);
  }
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && +a === +b;
  }
  if (a instanceof Duration || b instanceof Duration) {
    return (
      a instanceof Duration &&
      b instanceof Duration &&
      a.seconds === b.seconds &&
      a.nanos === b.nanos
    );
  }
  if (a instanceof Optional || b instanceof Optional) {
    if (!(a instanceof Optional && b instanceof Optional)) return false;
    if (!a.hasValue() || !b.hasValue()) return a.hasValue() === b.hasValue();
    return inner(a.value(), b.value());
  }
  return undefined;
}

/** CEL equality: numbers compare across int/uint/double, lists and maps deeply, quantities by value. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = asNumeric(a);
  const nb = asNumeric(b);
  if (na !== undefined || nb !== undefined) {
    if (na === undefined || nb === undefined) return false;
    if (Number.isNaN(na) || Number.isNaN(nb)) return false;
    return compareNumeric(na, nb) === 0;
  }
  if (
    a === null ||
    b === null ||
    typeof a !== 'object' ||
    typeof b !== 'object'
  ) {
    return false;
  }
  const same = sameContainerOrTime(a, b, celEquals);
  if (same !== undefined) return same;
  if (a.constructor === b.constructor && hasEquals(a)) return a.equals(b);
  const aMap = a instanceof Map || isMapLike(a);
  const bMap = b instanceof Map || isMapLike(b);
  if (aMap && bMap) {
    const aEntries = mapEntries(a as Record<string, unknown>);
    const bEntries = mapEntries(b as Record<string, unknown>);
    return (
      aEntries.length === bEntries.length &&
      aEntries.every(([k, v]) =>
        celEquals(v, mapLookup(b as Record<string, unknown>, k)),
      )
    );
  }
  return false;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (typeof value !== 'object') return typeof value;
  if (Array.isArray(value)) return 'list';
  return value.constructor?.name ?? 'map';
}

/** CEL ordering for comparable values (numbers, strings, bools, bytes, timestamps, durations, quantities). */
export function celCompare(a: unknown, b: unknown): -1 | 0 | 1 {
  const na = asNumeric(a);
  const nb = asNumeric(b);
  if (na !== undefined && nb !== undefined) return compareNumeric(na, nb);
  if (typeof a === 'string' && typeof b === 'string') {
    if (a < b) return -1;
    return a > b ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    return compareNumeric(Number(a), Number(b));
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return bytesCompare(a, b);
  }
  if (a instanceof Date && b instanceof Date) {
    return compareNumeric(a.getTime(), b.getTime());
  }
  if (a instanceof Duration && b instanceof Duration) {
    return (
      compareNumeric(a.seconds, b.seconds) || compareNumeric(a.nanos, b.nanos)
    );
  }
  if (a instanceof Quantity && b instanceof Quantity) return a.compareTo(b);
  throw new EvaluationError(
    `no such overload: cannot compare ${typeName(a)} with ${typeName(b)}`,
  );
}
