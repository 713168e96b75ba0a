import { ResourceType, apiVersionOf } from '../api/resources';
import { isPlainObject, jsonEqual, KubeObject } from '../store/objects';
import {
  fromFieldsV1,
  leafPaths,
  parsePathKey,
  toFieldsV1,
  valueAt,
} from './fieldPaths';

/** One `metadata.managedFields` entry with its fields as a set of path keys. */
export interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fields: Set<string>;
}

/** RFC 3339 time with second precision, the way the API server writes timestamps. */
export function kubeTime(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Reads the entries stored on an object. */
export function readEntries(obj: KubeObject | undefined): ManagerEntry[] {
  const raw = obj?.metadata.managedFields;
  if (!Array.isArray(raw)) return [];
  return raw.filter(isPlainObject).map(e => ({
    manager: String(e.manager ?? ''),
    operation: e.operation === 'Apply' ? 'Apply' : 'Update',
    apiVersion: String(e.apiVersion ?? ''),
    time: String(e.time ?? ''),
    fields: fromFieldsV1(e.fieldsV1),
  }));
}

/** Writes entries onto an object, dropping entries that own nothing. */
export function writeEntries(obj: KubeObject, entries: ManagerEntry[]): void {
  const kept = entries.filter(e => e.fields.size > 0);
  if (kept.length === 0) {
    delete obj.metadata.managedFields;
    return;
  }
  obj.metadata.managedFields = kept.map(e => ({
    manager: e.manager,
    operation: e.operation,
    apiVersion: e.apiVersion,
    time: e.time,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(e.fields),
  }));
}

/**
 * The ownership a non-apply write starts from. Like the API server, a write that carries a well-formed,
 * non-empty managedFields list different from the stored one sets ownership directly (how client-go's
 * csaupgrade hands fields from an Update manager to an Apply manager); an omitted, empty, echoed or
 * malformed list keeps the stored ownership, so clients unaware of managedFields cannot erase it.
 */
export function requestedOwnership(
  candidate: KubeObject,
  stored: KubeObject,
): unknown[] | undefined {
  const requested = candidate.metadata.managedFields;
  const wellFormed =
    Array.isArray(requested) &&
    requested.length > 0 &&
    requested.every(
      e =>
        isPlainObject(e) &&
        typeof e.manager === 'string' &&
        e.manager !== '' &&
        (e.operation === 'Apply' || e.operation === 'Update') &&
        (e.fieldsType === undefined || e.fieldsType === 'FieldsV1') &&
        (e.fieldsV1 === undefined || isPlainObject(e.fieldsV1)),
    );
  return wellFormed ? (requested as unknown[]) : stored.metadata.managedFields;
}

/**
 * Records a non-apply write (create, update, patch) by `manager`: the fields it set or changed become its
 * own (operation Update) and leave every other manager; fields the write removed leave everyone. Ownership
 * starts from `after`'s managedFields (see {@link requestedOwnership}).
 */
export function recordUpdate(
  before: KubeObject | undefined,
  after: KubeObject,
  manager: string,
  rt: ResourceType,
): void {
  const oldPaths = before ? leafPaths(before, rt) : new Set<string>();
  const newPaths = leafPaths(after, rt);
  const changed = new Set(
    [...newPaths].filter(
      p =>
        !oldPaths.has(p) ||
        !jsonEqual(
          valueAt(before, parsePathKey(p)),
          valueAt(after, parsePathKey(p)),
        ),
    ),
  );
  const entries = readEntries(after);
  const time = kubeTime();
  for (const entry of entries) {
    for (const p of entry.fields) {
      const mine = entry.manager === manager && entry.operation === 'Update';
      if (!newPaths.has(p) || (!mine && changed.has(p))) entry.fields.delete(p);
    }
  }
  if (changed.size > 0) {
    let own = entries.find(
      e => e.manager === manager && e.operation === 'Update',
    );
    if (!own) {
      own = {
        manager,
        operation: 'Update',
        apiVersion: apiVersionOf(rt),
        time,
        fields: new Set(),
      };
      entries.push(own);
    }
    own.time = time;
    for (const p of changed) own.fields.add(p);
  }
  writeEntries(after, entries);
}
