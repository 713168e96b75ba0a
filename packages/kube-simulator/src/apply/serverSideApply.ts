import { ResourceType, apiVersionOf } from '../api/resources';
import { ApiError } from '../api/status';
import { listKeyFor } from '../patch/listKeys';
import {
  cloneJson,
  isPlainObject,
  jsonEqual,
  JsonObject,
  KubeObject,
} from '../store/objects';
import {
  describePath,
  leafPaths,
  parsePathKey,
  removePath,
  valueAt,
} from './fieldPaths';
import {
  kubeTime,
  ManagerEntry,
  readEntries,
  writeEntries,
} from './managedFields';

/** Merges an applied configuration into the live object: maps and keyed lists merge, the rest replaces. */
function mergeApplied(live: unknown, applied: unknown, field: string): unknown {
  if (isPlainObject(live) && isPlainObject(applied)) {
    const out: JsonObject = { ...live };
    for (const [k, v] of Object.entries(applied))
      out[k] = mergeApplied(live[k], v, k);
    return out;
  }
  if (Array.isArray(live) && Array.isArray(applied)) {
    const key = listKeyFor(field, [...live, ...applied]);
    if (key) {
      const out = live.map(cloneJson) as JsonObject[];
      for (const item of applied as JsonObject[]) {
        const index = out.findIndex(o => o[key] === item[key]);
        if (index >= 0)
          out[index] = mergeApplied(out[index], item, '') as JsonObject;
        else out.push(cloneJson(item));
      }
      return out;
    }
  }
  return cloneJson(applied);
}

interface Conflict {
  path: string;
  entry: ManagerEntry;
}

/** A manager as the API server names it in conflicts: appliers by name, updaters with their API version. */
function printManager(entry: ManagerEntry): string {
  return entry.operation === 'Update'
    ? `"${entry.manager}" using ${entry.apiVersion}`
    : `"${entry.manager}"`;
}

/** The 409 the API server answers, worded as it words it (one line per manager for several conflicts). */
function conflictError(conflicts: Conflict[]): ApiError {
  const causes = conflicts.map(c => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.entry)}`,
    field: describePath(parsePathKey(c.path)),
  }));
  if (conflicts.length === 1) {
    return new ApiError(
      409,
      'Conflict',
      `Apply failed with 1 conflict: ${causes[0].message}: ${causes[0].field}`,
      { causes },
    );
  }
  const byManager = new Map<string, string[]>();
  conflicts.forEach((c, i) => {
    const name = printManager(c.entry);
    byManager.set(name, [...(byManager.get(name) ?? []), causes[i].field]);
  });
  const lines = [...byManager.keys()]
    .sort()
    .flatMap(name => [
      `conflicts with ${name}:`,
      ...byManager.get(name)!.map(field => `- ${field}`),
    ]);
  return new ApiError(
    409,
    'Conflict',
    `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`,
    { causes },
  );
}

/**
 * Server-side apply of `applied` by `manager` onto `live` (absent when creating). Fields `manager` applied
 * before and no longer applies are removed unless another manager owns them. A field another manager owns
 * with a different value is a 409 Conflict naming field and manager, unless `force` takes it over.
 * Returns the new object with `metadata.managedFields` updated; server-set metadata is left to the caller.
 */
export function serverSideApply(
  live: KubeObject | undefined,
  applied: KubeObject,
  manager: string,
  force: boolean,
  rt: ResourceType,
): KubeObject {
  const appliedPaths = leafPaths(applied, rt);
  const entries: ManagerEntry[] = readEntries(live);
  let own = entries.find(e => e.manager === manager && e.operation === 'Apply');
  const others = entries.filter(e => e.manager !== manager);

  const conflicts: Conflict[] = [];
  for (const entry of others) {
    for (const p of entry.fields) {
      if (!appliedPaths.has(p)) continue;
      const path = parsePathKey(p);
      if (!jsonEqual(valueAt(live, path), valueAt(applied, path))) {
        conflicts.push({ path: p, entry });
      }
    }
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);
  for (const c of conflicts) c.entry.fields.delete(c.path);

  const result = cloneJson(live ?? ({} as KubeObject));
  const ownedByOthers = (p: string) =>
    entries.some(e => e !== own && e.fields.has(p));
  for (const p of own?.fields ?? []) {
    if (!appliedPaths.has(p) && !ownedByOthers(p))
      removePath(result, parsePathKey(p));
  }
  const merged = mergeApplied(result, applied, '') as KubeObject;
  if (rt.statusSubresource) {
    if (live?.status !== undefined) merged.status = cloneJson(live.status);
    else delete merged.status;
  }

  if (!own) {
    own = {
      manager,
      operation: 'Apply',
      apiVersion: apiVersionOf(rt),
      time: '',
      fields: new Set(),
    };
    entries.push(own);
  }
  own.fields = appliedPaths;
  own.time = kubeTime();
  own.apiVersion = apiVersionOf(rt);
  writeEntries(merged, entries);
  return merged;
}
