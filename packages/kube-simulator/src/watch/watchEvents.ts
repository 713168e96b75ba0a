import { apiVersionOf, ResourceType } from '../api/resources';
import { KubeObject } from '../store/objects';
import { StoreChange } from '../store/ObjectStore';

/** The event types of a watch stream. */
export type WatchEventType =
  | 'ADDED'
  | 'MODIFIED'
  | 'DELETED'
  | 'BOOKMARK'
  | 'ERROR';

/** One event as the stream carries it (`metav1.WatchEvent`). */
export interface WatchEvent {
  type: WatchEventType;
  object: Readonly<Record<string, unknown>>;
}

/** The annotation on the bookmark that ends the initial events of `sendInitialEvents=true`. */
export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/** The object with another resourceVersion, sharing everything else. */
function withResourceVersion(
  obj: Readonly<KubeObject>,
  resourceVersion: number,
): KubeObject {
  return {
    ...obj,
    metadata: { ...obj.metadata, resourceVersion: String(resourceVersion) },
  };
}

/**
 * What a watcher with a selector sees of a change, as the watch cache decides it from the object before and
 * after: ADDED when it starts matching, MODIFIED while it matches, DELETED (the previous state with the
 * change's resourceVersion) when it stops matching or is deleted; nothing when it matches neither.
 */
export function eventFor(
  change: StoreChange,
  matches: (obj: Readonly<KubeObject>) => boolean,
): WatchEvent | undefined {
  const now = change.object !== undefined && matches(change.object);
  const before = change.previous !== undefined && matches(change.previous);
  if (now)
    return { type: before ? 'MODIFIED' : 'ADDED', object: change.object! };
  if (before) {
    return {
      type: 'DELETED',
      object: withResourceVersion(change.previous!, change.resourceVersion),
    };
  }
  return undefined;
}

/**
 * A bookmark: an object of the watched kind carrying only the resourceVersion the watcher has seen everything
 * up to (the API server's also has the kind's empty fields, which clients ignore).
 */
export function bookmarkEvent(
  rt: ResourceType,
  resourceVersion: string,
  initialEventsEnd = false,
): WatchEvent {
  return {
    type: 'BOOKMARK',
    object: {
      kind: rt.kind,
      apiVersion: apiVersionOf(rt),
      metadata: {
        resourceVersion,
        ...(initialEventsEnd
          ? { annotations: { [INITIAL_EVENTS_END]: 'true' } }
          : {}),
      },
    },
  };
}
