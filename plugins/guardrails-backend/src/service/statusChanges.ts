import { EntityStatusTime } from '../db';

/** What an audit changed in the summary: the entities the catalog should process again. */
export interface StatusChanges {
  /** Entities whose status is new, changed or gone (each then labelled anew, or unknown). */
  entities: string[];
  /**
   * Namespace Resources added to or removed from a changed entity's namespaces: the catalog relates a Resource to
   * its components while it processes the Resource.
   */
  namespaces: string[];
}

/**
 * The entities whose recorded status differs between two audits, by their status keys (`statusKey`: everything the
 * catalog puts on an entity but the time, which changes with the key).
 */
export function statusChanges(
  before: ReadonlyMap<string, EntityStatusTime>,
  after: readonly EntityStatusTime[],
): StatusChanges {
  const entities = new Set<string>();
  const namespaces = new Set<string>();
  const remaining = new Map(before);
  for (const status of after) {
    const entityRef = status.entityRef.toLowerCase();
    const previous = remaining.get(entityRef);
    remaining.delete(entityRef);
    if (previous?.key === status.key) continue;
    entities.add(entityRef);
    for (const ref of changedNamespaces(previous?.key, status.key)) {
      namespaces.add(ref);
    }
  }
  for (const [entityRef, previous] of remaining) {
    entities.add(entityRef);
    for (const ref of namespacesOfKey(previous.key)) namespaces.add(ref);
  }
  return { entities: [...entities].sort(), namespaces: [...namespaces].sort() };
}

function changedNamespaces(before: string | undefined, after: string) {
  const was = new Set(before === undefined ? [] : namespacesOfKey(before));
  const is = new Set(namespacesOfKey(after));
  return [
    ...[...was].filter(ref => !is.has(ref)),
    ...[...is].filter(ref => !was.has(ref)),
  ];
}

/** The namespaces of a status key (`statusKey` writes them seventh); none when the key is of another form. */
function namespacesOfKey(key: string): string[] {
  try {
    const parsed: unknown = JSON.parse(key);
    const namespaces = Array.isArray(parsed) ? parsed[6] : undefined;
    return Array.isArray(namespaces)
      ? namespaces.filter((n): n is string => typeof n === 'string')
      : [];
  } catch {
    return [];
  }
}
