import { isPlainObject } from '../store/objects';

/** Merge keys of well-known associative lists (the `patchMergeKey` / `listMapKeys` of the Kubernetes types). */
const KNOWN_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  conditions: 'type',
};

/**
 * The key that identifies items of a list, or undefined when the list is atomic (replaced as a whole).
 * Known Kubernetes lists use their declared key; other lists of objects that all carry a string `name`
 * are keyed by name; everything else is atomic.
 */
export function listKeyFor(
  field: string,
  items: unknown[],
): string | undefined {
  if (items.length === 0 || !items.every(isPlainObject)) return undefined;
  const objects = items as Array<Record<string, unknown>>;
  const has = (key: string) => objects.every(i => i[key] !== undefined);
  if (field === 'ports') {
    if (has('containerPort')) return 'containerPort';
    if (has('port')) return 'port';
    return undefined;
  }
  const known = KNOWN_KEYS[field];
  if (known && has(known)) return known;
  if (objects.every(i => typeof i.name === 'string')) return 'name';
  return undefined;
}
