import { ApiError } from '../api/status';
import { isPlainObject, KubeObject } from '../store/objects';
import { ResourceCall } from './resourceCall';

/** DELETE's `preconditions` (uid, resourceVersion): 409 Conflict when the stored object differs. */
export function checkPreconditions(
  call: ResourceCall,
  stored: KubeObject,
): void {
  const body = isPlainObject(call.body) ? call.body : {};
  const pre = isPlainObject(body.preconditions) ? body.preconditions : {};
  const name = stored.metadata.name ?? '';
  if (pre.uid !== undefined && pre.uid !== stored.metadata.uid) {
    throw new ApiError(
      409,
      'Conflict',
      `Precondition failed: UID in precondition: ${String(
        pre.uid,
      )}, UID in object meta: ${stored.metadata.uid}`,
      {
        name,
        ...(call.rt.group ? { group: call.rt.group } : {}),
        kind: call.rt.plural,
      },
    );
  }
  if (
    pre.resourceVersion !== undefined &&
    pre.resourceVersion !== stored.metadata.resourceVersion
  ) {
    throw new ApiError(
      409,
      'Conflict',
      `Precondition failed: ResourceVersion in precondition: ${String(
        pre.resourceVersion,
      )}, ResourceVersion in object meta: ${stored.metadata.resourceVersion}`,
      {
        name,
        ...(call.rt.group ? { group: call.rt.group } : {}),
        kind: call.rt.plural,
      },
    );
  }
}
