import { isPlainObject, JsonObject, KubeObject } from '../store/objects';
import { crdNames } from './customResourceType';

/** Names a definition asks for or was granted (`spec.names`, `status.acceptedNames`). */
interface Names {
  plural?: string;
  singular?: string;
  kind?: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

/** What the naming controller decides: the names granted, and the conflict when one is refused. */
export interface NamingResult {
  accepted: Names;
  conflict?: { reason: string; message: string };
}

function acceptedOf(crd: KubeObject): Names {
  const status = isPlainObject(crd.status) ? crd.status : {};
  return isPlainObject(status.acceptedNames)
    ? (status.acceptedNames as Names)
    : {};
}

const groupOf = (crd: KubeObject) =>
  String((crd.spec as JsonObject | undefined)?.group ?? '');

/**
 * The API server's NamingConditionController: a definition's plural, singular and short names must not be
 * granted to another definition of its group, nor its kind and list kind; names it already holds stay its own.
 * A refused name keeps what was granted before, and the last conflict found is reported
 * (`PluralConflict`, `SingularConflict`, `ShortNamesConflict`, `KindConflict`, `ListKindConflict`).
 */
export function acceptNames(crd: KubeObject, all: KubeObject[]): NamingResult {
  const others = all.filter(
    o => o.metadata.name !== crd.metadata.name && groupOf(o) === groupOf(crd),
  );
  const resources = new Set<string>();
  const kinds = new Set<string>();
  for (const o of others) {
    const n = acceptedOf(o);
    for (const r of [n.plural, n.singular, ...(n.shortNames ?? [])])
      if (r) resources.add(r);
    for (const k of [n.kind, n.listKind]) if (k) kinds.add(k);
  }
  const requested = crdNames(crd);
  const held = acceptedOf(crd);
  const accepted: Names = {};
  let conflict: NamingResult['conflict'];
  const fresh = (
    name: string,
    granted: string | undefined,
    used: Set<string>,
  ) => name === granted || !used.has(name);
  const single = (
    field: 'plural' | 'singular' | 'kind' | 'listKind',
    used: Set<string>,
    reason: string,
  ) => {
    const name = requested[field];
    if (fresh(name, held[field], used)) accepted[field] = name;
    else {
      if (held[field]) accepted[field] = held[field];
      conflict = { reason, message: `"${name}" is already in use` };
    }
  };
  single('plural', resources, 'PluralConflict');
  single('singular', resources, 'SingularConflict');
  const heldShort = new Set(held.shortNames ?? []);
  let shortConflict = false;
  for (const s of requested.shortNames ?? []) {
    if (heldShort.has(s) || !resources.has(s)) continue;
    shortConflict = true;
    conflict = {
      reason: 'ShortNamesConflict',
      message: `"${s}" is already in use`,
    };
  }
  const shortNames = shortConflict ? held.shortNames : requested.shortNames;
  if (shortNames?.length) accepted.shortNames = shortNames;
  single('kind', kinds, 'KindConflict');
  single('listKind', kinds, 'ListKindConflict');
  if (requested.categories?.length) accepted.categories = requested.categories;
  return { accepted, ...(conflict ? { conflict } : {}) };
}
