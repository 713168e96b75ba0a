import { KubernetesObject } from './types';

/** Metadata the server owns. Sending managedFields in an apply is an error; resourceVersion would
 * turn the apply into an optimistic-lock update. */
const SERVER_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

/** The apply configuration to send for an object: the object without server-owned metadata. */
export function applyBody(object: KubernetesObject): KubernetesObject {
  const metadata = Object.fromEntries(
    Object.entries(object.metadata ?? {}).filter(
      ([field]) => !SERVER_METADATA.includes(field),
    ),
  );
  return { ...object, metadata };
}

/** Whether two versions of an object have the same content, ignoring server bookkeeping. */
export function sameContent(a: KubernetesObject, b: KubernetesObject): boolean {
  return canonical(applyBody(a)) === canonical(applyBody(b));
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(byKey))
      : v,
  );
}

/** Code-point order of keys, independent of the machine's locale. */
function byKey([a]: [string, unknown], [b]: [string, unknown]): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
