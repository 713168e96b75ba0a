import { cloneJson, isPlainObject, JsonObject } from '../store/objects';
import { listKeyFor } from './listKeys';

const DELETE_FROM_PRIMITIVE = '$deleteFromPrimitiveList/';

/**
 * Applies a strategic merge patch, simplified: a merge patch in which lists with a known merge key are
 * merged item by item, `$patch: delete` removes a list item or map, `$patch: replace` replaces a map,
 * `$deleteFromPrimitiveList/<field>` removes values, and other directives (`$setElementOrder`, `$retainKeys`)
 * are accepted and ignored. Lists of scalars are replaced.
 */
export function applyStrategicMergePatch(
  target: unknown,
  patch: unknown,
): unknown {
  if (!isPlainObject(patch)) return cloneJson(patch);
  if (patch.$patch === 'replace') return stripDirectives(patch);
  const result: JsonObject = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(DELETE_FROM_PRIMITIVE)) {
      const field = key.slice(DELETE_FROM_PRIMITIVE.length);
      const current = result[field];
      if (Array.isArray(current) && Array.isArray(value)) {
        result[field] = current.filter(v => !value.includes(v));
      }
      continue;
    }
    if (key.startsWith('$')) continue;
    if (value === null) {
      delete result[key];
    } else if (isPlainObject(value) && value.$patch === 'delete') {
      delete result[key];
    } else if (Array.isArray(value) && Array.isArray(result[key])) {
      result[key] = mergeLists(key, result[key] as unknown[], value);
    } else {
      result[key] = applyStrategicMergePatch(result[key], value);
    }
  }
  return result;
}

function mergeLists(
  field: string,
  current: unknown[],
  patch: unknown[],
): unknown[] {
  const key = listKeyFor(field, [
    ...current,
    ...patch.filter(p => !(isPlainObject(p) && p.$patch === 'replace')),
  ]);
  if (!key) return patch.map(stripDirectives);
  const merged = current.map(cloneJson) as JsonObject[];
  for (const item of patch as JsonObject[]) {
    const index = merged.findIndex(m => m[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index >= 0) merged.splice(index, 1);
    } else if (index >= 0) {
      merged[index] = applyStrategicMergePatch(
        merged[index],
        item,
      ) as JsonObject;
    } else {
      merged.push(stripDirectives(item) as JsonObject);
    }
  }
  return merged;
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isPlainObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (!k.startsWith('$')) out[k] = stripDirectives(v);
  }
  return out;
}
