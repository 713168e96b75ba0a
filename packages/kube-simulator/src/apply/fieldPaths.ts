import { ResourceType } from '../api/resources';
import { listKeyFor } from '../patch/listKeys';
import { isPlainObject, JsonObject } from '../store/objects';

/**
 * A field path as a list of FieldsV1 keys: `f:<field>` for a map field, `k:{"<key>":<value>}` for an item of
 * a keyed list, and `.` for the item itself. Stored in sets as its JSON text.
 */
export type FieldPath = string[];

/** The metadata fields that take part in ownership; the rest are set by the server. */
const OWNED_METADATA = [
  'labels',
  'annotations',
  'finalizers',
  'ownerReferences',
];

export const pathKey = (path: FieldPath): string => JSON.stringify(path);
export const parsePathKey = (key: string): FieldPath => JSON.parse(key);

/** The leaf paths an object sets, at the granularity ownership is tracked. */
export function leafPaths(obj: JsonObject, rt: ResourceType): Set<string> {
  const out = new Set<string>();
  const walk = (value: unknown, path: FieldPath, field: string) => {
    if (isPlainObject(value)) {
      const keys = Object.keys(value);
      if (keys.length === 0) out.add(pathKey(path));
      for (const k of keys) walk(value[k], [...path, `f:${k}`], k);
      return;
    }
    if (Array.isArray(value)) {
      const key = listKeyFor(field, value);
      if (!key) {
        out.add(pathKey(path));
        return;
      }
      for (const item of value as JsonObject[]) {
        const itemPath = [...path, `k:${JSON.stringify({ [key]: item[key] })}`];
        out.add(pathKey([...itemPath, '.']));
        for (const k of Object.keys(item))
          walk(item[k], [...itemPath, `f:${k}`], k);
      }
      return;
    }
    out.add(pathKey(path));
  };
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind') continue;
    if (k === 'status' && rt.statusSubresource) continue;
    if (k === 'metadata') {
      if (!isPlainObject(v)) continue;
      for (const m of OWNED_METADATA) {
        if (v[m] !== undefined) walk(v[m], ['f:metadata', `f:${m}`], m);
      }
      continue;
    }
    walk(v, [`f:${k}`], k);
  }
  return out;
}

function findItem(list: unknown, segment: string): JsonObject | undefined {
  if (!Array.isArray(list)) return undefined;
  const [[key, value]] = Object.entries(
    JSON.parse(segment.slice(2)) as JsonObject,
  );
  return list.find(i => isPlainObject(i) && i[key] === value) as
    | JsonObject
    | undefined;
}

/** One step down a path: a map field or a keyed list item. */
function step(current: unknown, segment: string): unknown {
  if (segment.startsWith('f:')) {
    return isPlainObject(current) ? current[segment.slice(2)] : undefined;
  }
  return findItem(current, segment);
}

/** The value at a path; an item marker (`.`) reads as `true` when the item exists. */
export function valueAt(obj: unknown, path: FieldPath): unknown {
  let current: unknown = obj;
  for (const segment of path) {
    if (current === undefined) return undefined;
    if (segment === '.') return true;
    current = step(current, segment);
  }
  return current;
}

function removeFrom(container: unknown, segment: string): void {
  if (segment.startsWith('f:')) {
    if (isPlainObject(container)) delete container[segment.slice(2)];
    return;
  }
  const item = findItem(container, segment);
  if (Array.isArray(container) && item)
    container.splice(container.indexOf(item), 1);
}

/**
 * Removes the value at a path: a field is deleted, an item marker (`.`) removes the list item. Maps left
 * empty by the removal are removed too, as the API server prunes fields nobody owns.
 */
export function removePath(obj: JsonObject, path: FieldPath): void {
  const depth = path[path.length - 1] === '.' ? path.length - 1 : path.length;
  // chain[i] is the value reached after i segments.
  const chain: unknown[] = [obj];
  for (const segment of path.slice(0, depth)) {
    const current = chain[chain.length - 1];
    const next = step(current, segment);
    if (next === undefined) return;
    chain.push(next);
  }
  removeFrom(chain[depth - 1], path[depth - 1]);
  for (let d = depth - 1; d >= 1; d--) {
    const node = chain[d];
    if (!isPlainObject(node) || Object.keys(node).length > 0) return;
    // List items go only through their own marker, never because they became empty.
    if (!path[d - 1].startsWith('f:')) return;
    removeFrom(chain[d - 1], path[d - 1]);
  }
}

/** Human form of a path, as conflict messages show it: `.spec.containers[name="app"].image`. */
export function describePath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (segment === '.') continue;
    if (segment.startsWith('f:')) out += `.${segment.slice(2)}`;
    else {
      const fields = Object.entries(JSON.parse(segment.slice(2)) as JsonObject)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',');
      out += `[${fields}]`;
    }
  }
  return out;
}

/** Ownership sets as the nested FieldsV1 object the API server returns. */
export function toFieldsV1(paths: Iterable<string>): JsonObject {
  const root: JsonObject = {};
  for (const key of [...paths].sort()) {
    let node = root;
    for (const segment of parsePathKey(key)) {
      node[segment] = node[segment] ?? {};
      node = node[segment] as JsonObject;
    }
  }
  return root;
}

/** The leaf paths of a FieldsV1 object. */
export function fromFieldsV1(fields: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown, path: FieldPath) => {
    if (!isPlainObject(node)) return;
    const keys = Object.keys(node);
    if (keys.length === 0 && path.length > 0) out.add(pathKey(path));
    for (const k of keys) walk(node[k], [...path, k]);
  };
  walk(fields, []);
  return out;
}
