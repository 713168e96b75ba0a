import { Optional, evaluate } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { Quantity } from './quantity';

// Integral JSON numbers within int64 become CEL ints; larger ones stay doubles.
const INT64_LIMIT = 2 ** 63;

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function setEntry(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
) {
  // A JSON key named "__proto__" must stay an ordinary property.
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/**
 * Converts a Kubernetes JSON object for evaluation: integral numbers become
 * CEL ints (BigInt), so `object.spec.replicas >= 2` and port comparisons work
 * as in Kubernetes; maps and lists are copied, the input is not modified.
 * Idempotent. Convert an object once and evaluate many expressions on it.
 *
 * JSON cannot tell `2.0` from `2`, so an integral value of a field whose schema
 * says `number` becomes an int too; CEL compares ints and doubles by value, so
 * comparisons are unaffected.
 *
 * A property whose value is null is left out, as the API server leaves it out
 * of the object it hands to admission: `has()` is false for it and selecting
 * it is an error, as in Kubernetes. Nulls inside lists are kept.
 * @public
 */
export function toCelValue(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) && Math.abs(value) < INT64_LIMIT
        ? BigInt(value)
        : value;
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toCelValue(value[i]);
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item !== undefined && item !== null) {
        setEntry(out, key, toCelValue(item));
      }
    }
    return out;
  }
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    for (const [k, v] of value) out.set(toCelValue(k), toCelValue(v));
    return out;
  }
  if (value instanceof Set) return [...value].map(toCelValue);
  // Dates (timestamps), bytes, quantities, durations and other CEL values pass through.
  return value;
}

type AnyClass = abstract new (...args: never[]) => unknown;
let typeClass: AnyClass | undefined;

/** Class of CEL type values (results of `type(x)`); cel-js does not export it. */
function celTypeClass(): AnyClass {
  typeClass ??= (evaluate('int') as object).constructor as AnyClass;
  return typeClass;
}

function bigintToJson(value: bigint): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value.toString();
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++)
    binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

/**
 * Converts a CEL result back to plain JSON-ish JavaScript: ints become numbers
 * (decimal strings when beyond 2^53), quantities and durations their canonical
 * strings, timestamps ISO strings, bytes base64, optionals their value or null.
 * @public
 */
export function fromCelValue(value: unknown): unknown {
  switch (typeof value) {
    case 'bigint':
      return bigintToJson(value);
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (Array.isArray(value) || value instanceof Set) {
    return [...value].map(fromCelValue);
  }
  if (value instanceof UnsignedInt) return bigintToJson(value.valueOf());
  if (value instanceof Quantity) return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Duration) return value.toString();
  if (value instanceof Uint8Array) return bytesToBase64(value);
  if (value instanceof Optional) {
    return value.hasValue() ? fromCelValue(value.value()) : null;
  }
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value)
      setEntry(out, String(fromCelValue(k)), fromCelValue(v));
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      setEntry(out, key, fromCelValue(value[key]));
    }
    return out;
  }
  if (value instanceof celTypeClass()) return (value as { name: string }).name;
  return String(value);
}
