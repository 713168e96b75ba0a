import { ApiError, badRequest } from '../api/status';
import { cloneJson, isPlainObject, jsonEqual } from '../store/objects';

function patchError(message: string): ApiError {
  return new ApiError(
    422,
    'Invalid',
    `the server rejected our request due to an error in our request: ${message}`,
  );
}

function parsePointer(pointer: unknown): string[] {
  if (
    typeof pointer !== 'string' ||
    (pointer !== '' && !pointer.startsWith('/'))
  ) {
    throw patchError(`invalid JSON pointer ${JSON.stringify(pointer)}`);
  }
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

/** Resolves the parent container of a path; throws when an intermediate step is missing. */
function parentOf(doc: unknown, path: string[], pointer: string): Container {
  let current = doc;
  for (const segment of path.slice(0, -1)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isPlainObject(current)) current = current[segment];
    else current = undefined;
    if (current === undefined)
      throw patchError(`doc is missing path: ${pointer}`);
  }
  if (!Array.isArray(current) && !isPlainObject(current)) {
    throw patchError(`doc is missing path: ${pointer}`);
  }
  return current;
}

function arrayIndex(
  arr: unknown[],
  segment: string,
  pointer: string,
  forAdd: boolean,
): number {
  if (forAdd && segment === '-') return arr.length;
  if (!/^\d+$/.test(segment))
    throw patchError(
      `invalid array index ${JSON.stringify(segment)} in ${pointer}`,
    );
  const index = Number(segment);
  if (index > arr.length || (!forAdd && index === arr.length)) {
    throw patchError(`array index out of bounds in ${pointer}`);
  }
  return index;
}

function getAt(doc: unknown, pointer: string): unknown {
  const path = parsePointer(pointer);
  if (path.length === 0) return doc;
  const parent = parentOf(doc, path, pointer);
  const last = path[path.length - 1];
  const value = Array.isArray(parent)
    ? parent[arrayIndex(parent, last, pointer, false)]
    : parent[last];
  if (value === undefined) throw patchError(`doc is missing path: ${pointer}`);
  return value;
}

function removeAt(doc: unknown, pointer: string): unknown {
  const path = parsePointer(pointer);
  if (path.length === 0) throw patchError('cannot remove the whole document');
  const parent = parentOf(doc, path, pointer);
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    return parent.splice(arrayIndex(parent, last, pointer, false), 1)[0];
  }
  if (!(last in parent))
    throw patchError(
      `remove operation does not apply: doc is missing key: ${pointer}`,
    );
  const old = parent[last];
  delete parent[last];
  return old;
}

function addAt(doc: unknown, pointer: string, value: unknown): unknown {
  const path = parsePointer(pointer);
  if (path.length === 0) return cloneJson(value);
  const parent = parentOf(doc, path, pointer);
  const last = path[path.length - 1];
  if (Array.isArray(parent))
    parent.splice(arrayIndex(parent, last, pointer, true), 0, cloneJson(value));
  else parent[last] = cloneJson(value);
  return doc;
}

/** Applies a JSON patch (RFC 6902) to a copy of the document. */
export function applyJsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch))
    throw badRequest('a JSON patch must be a list of operations');
  let doc = cloneJson(target);
  patch.forEach((op, i) => {
    if (!isPlainObject(op) || typeof op.op !== 'string') {
      throw badRequest(
        `JSON patch operation ${i} must be an object with an "op"`,
      );
    }
    const path = op.path as string;
    switch (op.op) {
      case 'add':
        doc = addAt(doc, path, op.value);
        break;
      case 'remove':
        removeAt(doc, path);
        break;
      case 'replace':
        getAt(doc, path);
        if (parsePointer(path).length === 0) doc = cloneJson(op.value);
        else {
          removeAt(doc, path);
          doc = addAt(doc, path, op.value);
        }
        break;
      case 'move': {
        const value = removeAt(doc, op.from as string);
        doc = addAt(doc, path, value);
        break;
      }
      case 'copy':
        doc = addAt(doc, path, getAt(doc, op.from as string));
        break;
      case 'test':
        if (!jsonEqual(getAt(doc, path), op.value))
          throw patchError(`testing value ${path} failed: test failed`);
        break;
      default:
        throw badRequest(
          `unknown JSON patch operation ${JSON.stringify(op.op)} at index ${i}`,
        );
    }
  });
  return doc;
}
