/*
 * Values of the CEL conformance data (cel.expr.Value in protobuf JSON form)
 * turned into the engine's values, and a strict comparison: unlike CEL's
 * `==`, an int never equals a double here, so a test notices when the
 * engine returns the right number as the wrong type.
 */
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { sameContainerOrTime } from '../compare';

/** A cel.expr.Value in protobuf JSON form. */
export type SpecValue = Record<string, unknown>;

/** Thrown for a value kind the engine has no counterpart for (protobuf messages). */
export class UnsupportedSpecValue extends Error {}

function specDouble(value: unknown): number {
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return Number(value ?? 0);
}

function specObject(object: Record<string, unknown>): unknown {
  const type = String(object['@type']).replace(/^type\.googleapis\.com\//, '');
  const text = String(object.value);
  if (type === 'google.protobuf.Timestamp') return new Date(text);
  if (type === 'google.protobuf.Duration') {
    // Protobuf JSON durations are decimal seconds with an 's' suffix.
    const [seconds, fraction = ''] = text.replace(/s$/, '').split('.');
    const negative = seconds.startsWith('-');
    const nanos = Number(fraction.padEnd(9, '0'));
    return new Duration(BigInt(seconds), negative ? -nanos : nanos);
  }
  throw new UnsupportedSpecValue(`protobuf message ${type}`);
}

/** The engine's value for a conformance value. */
export function fromSpecValue(value: SpecValue): unknown {
  const [kind] = Object.keys(value);
  const content = value[kind];
  switch (kind) {
    case 'int64Value':
      return BigInt(content as string);
    case 'uint64Value':
      return new UnsignedInt(BigInt(content as string));
    case 'doubleValue':
      return specDouble(content);
    case 'stringValue':
      return content;
    case 'boolValue':
      return content;
    case 'nullValue':
      return null;
    case 'bytesValue':
      return Uint8Array.from(Buffer.from(String(content), 'base64'));
    case 'listValue': {
      const values = ((content as { values?: SpecValue[] }).values ?? []).map(
        fromSpecValue,
      );
      return values;
    }
    case 'mapValue': {
      const map = new Map<unknown, unknown>();
      const entries =
        (content as { entries?: Array<{ key: SpecValue; value: SpecValue }> })
          .entries ?? [];
      for (const entry of entries) {
        map.set(fromSpecValue(entry.key), fromSpecValue(entry.value));
      }
      return map;
    }
    case 'typeValue':
      return { celTypeName: content };
    case 'objectValue':
      return specObject(content as Record<string, unknown>);
    default:
      throw new UnsupportedSpecValue(`value kind ${kind}`);
  }
}

/** The CEL name of a type value, whatever its representation. */
function typeName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if ('celTypeName' in value) return String(value.celTypeName);
  if (value.constructor?.name === 'Type' && 'name' in value) {
    // cel-js names the null type 'null'; CEL calls it null_type.
    return value.name === 'null' ? 'null_type' : String(value.name);
  }
  return undefined;
}

/** Bytes, whichever realm made them (Node's Buffer is a Uint8Array of its own realm under Jest). */
function isBytes(value: unknown): value is Uint8Array {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function entriesOf(value: object): Array<[unknown, unknown]> | undefined {
  if (value instanceof Map) return [...value.entries()];
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  return Object.entries(value).filter(([, v]) => v !== undefined);
}

function sameMap(
  a: Array<[unknown, unknown]>,
  b: Array<[unknown, unknown]>,
): boolean {
  if (a.length !== b.length) return false;
  return a.every(([key, item]) => {
    const match = b.find(([other]) => sameValue(key, other));
    return match !== undefined && sameValue(item, match[1]);
  });
}

function sameObject(a: object, b: object): boolean {
  if (a instanceof UnsignedInt || b instanceof UnsignedInt) {
    return (
      a instanceof UnsignedInt &&
      b instanceof UnsignedInt &&
      a.valueOf() === b.valueOf()
    );
  }
  const same = sameContainerOrTime(a, b, sameValue);
  if (same !== undefined) return same;
  const aType = typeName(a);
  const bType = typeName(b);
  if (aType !== undefined || bType !== undefined) return aType === bType;
  const aEntries = entriesOf(a);
  const bEntries = entriesOf(b);
  return !!aEntries && !!bEntries && sameMap(aEntries, bEntries);
}

/**
 * Strict equality of engine values: same CEL type and same value. NaN equals
 * NaN (a test expecting NaN gets it); ints, uints and doubles never mix.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return Object.is(a, b) || a === b;
  }
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return sameObject(a, b);
}

/** A short human-readable rendering of an engine value, for failure reports. */
export function showValue(value: unknown): string {
  return JSON.stringify(value, (_key, item) => {
    if (typeof item === 'bigint') return `${item}`;
    if (item instanceof Map) return Object.fromEntries(item);
    if (item instanceof UnsignedInt) return `${item.valueOf()}u`;
    if (item instanceof Duration) return `duration(${item})`;
    if (isBytes(item)) return `b64:${Buffer.from(item).toString('base64')}`;
    if (typeof item === 'number' && !Number.isFinite(item)) return `${item}`;
    const type = typeName(item);
    return type !== undefined ? `type(${type})` : item;
  });
}
