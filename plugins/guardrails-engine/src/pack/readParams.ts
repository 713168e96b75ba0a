import { ParamValue } from '@guardrails-dev/plugin-guardrails-common';
import { FieldPath } from './fieldPath';
import { FieldReader, isMapping } from './fieldReader';

function isParamValue(value: unknown): value is ParamValue {
  if (value === null || ['string', 'boolean'].includes(typeof value)) {
    return true;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value);
  }
  if (Array.isArray(value)) {
    return value.every(isParamValue);
  }
  return isMapping(value) && Object.values(value).every(isParamValue);
}

/** Reads a `params` mapping of plain values (strings, numbers, booleans, lists, mappings). */
export function readParams(
  value: unknown,
  path: FieldPath,
  reader: FieldReader,
): Record<string, ParamValue> | undefined {
  const mapping = reader.mapping(value, path);
  if (!mapping) {
    return undefined;
  }
  let ok = true;
  for (const [key, item] of Object.entries(mapping)) {
    if (!isParamValue(item)) {
      reader.report(
        [...path, key],
        'must be a string, number, boolean, list or mapping',
      );
      ok = false;
    }
  }
  return ok ? (mapping as Record<string, ParamValue>) : undefined;
}

/** The kind of a parameter value, to check that overrides keep it. */
export function paramKind(value: ParamValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}
