import { findByKind, RESOURCE_TYPES, ResourceType } from '../api/resources';
import { kubeTime } from '../apply/managedFields';
import {
  cloneJson,
  isPlainObject,
  JsonObject,
  jsonEqual,
  KubeObject,
} from '../store/objects';
import { ObjectStore, StoreChange } from '../store/ObjectStore';
import { acceptNames, NamingResult } from './crdNaming';
import { customResourceType } from './customResourceType';

export const CRDS = findByKind(
  'apiextensions.k8s.io/v1',
  'CustomResourceDefinition',
) as ResourceType;

const builtIn = (rt: ResourceType) =>
  RESOURCE_TYPES.some(b => b.group === rt.group && b.plural === rt.plural);

function condition(
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  previous: unknown,
): JsonObject {
  const old = Array.isArray(previous)
    ? previous.find(c => isPlainObject(c) && c.type === type)
    : undefined;
  const unchanged =
    isPlainObject(old) && old.status === status && old.reason === reason;
  return {
    type,
    status,
    lastTransitionTime: unchanged ? old.lastTransitionTime : kubeTime(),
    reason,
    message,
  };
}

const wasEstablished = (crd: KubeObject) =>
  Array.isArray((crd.status as JsonObject | undefined)?.conditions) &&
  ((crd.status as JsonObject).conditions as unknown[]).some(
    c => isPlainObject(c) && c.type === 'Established' && c.status === 'True',
  );

/**
 * What the API server's CRD controllers do, at once: a CustomResourceDefinition that is written starts (or keeps)
 * serving its custom resource and gets the `NamesAccepted` and `Established` conditions, its `acceptedNames` and
 * `storedVersions`; a deleted one stops serving, and its objects are deleted first (DELETED for each).
 * A definition of a type the simulator serves built in (PolicyReport, …) is established without changing it.
 */
export class CrdController {
  /** The type each definition serves, by definition name; kept across updates so stored objects stay. */
  private readonly served = new Map<string, ResourceType>();

  constructor(private readonly store: ObjectStore) {}

  start(): void {
    this.store.addController(change => {
      if (change.rt === CRDS) this.onChange(change);
    });
  }

  private onChange(change: StoreChange): void {
    const name = (change.object ?? change.previous)?.metadata.name ?? '';
    if (change.type === 'DELETED') {
      this.stopServing(name, true);
      // Names the definition held are free again: the others of its group may now be accepted.
      const group = (change.previous?.spec as JsonObject | undefined)?.group;
      for (const { object } of this.store.scan(CRDS))
        if ((object.spec as JsonObject | undefined)?.group === group)
          this.sync(object);
      return;
    }
    this.sync(change.object as KubeObject);
  }

  private sync(crd: KubeObject): void {
    const name = crd.metadata.name ?? '';
    const naming = acceptNames(
      crd,
      this.store.scan(CRDS).map(e => e.object),
    );
    // A refused name leaves a served type as it was; a type never established is not served.
    if (!naming.conflict) this.serve(name, crd);
    else if (!wasEstablished(crd)) this.stopServing(name, false);
    this.writeStatus(crd, naming);
  }

  private serve(name: string, crd: KubeObject): void {
    const next = customResourceType(crd);
    const current = this.served.get(name);
    if (!next || builtIn(next)) {
      this.stopServing(name, false);
      return;
    }
    if (
      current &&
      current.group === next.group &&
      current.plural === next.plural &&
      current.namespaced === next.namespaced
    ) {
      // Same storage: update names, version and schema in place, so the stored objects stay reachable.
      for (const key of ['shortNames', 'categories'] as const)
        if (!(key in next)) delete current[key];
      Object.assign(current, next);
      this.store.types.register(current);
      return;
    }
    if (current) this.stopServing(name, true);
    this.served.set(name, next);
    this.store.types.register(next);
  }

  /** Stops serving a definition's type; its objects are deleted with the definition, kept otherwise. */
  private stopServing(name: string, removeObjects: boolean): void {
    const rt = this.served.get(name);
    if (!rt) return;
    this.served.delete(name);
    if (removeObjects) this.store.removeAll(rt);
    this.store.types.unregister(rt);
  }

  private writeStatus(crd: KubeObject, naming: NamingResult): void {
    const previous = isPlainObject(crd.status) ? crd.status : {};
    const versions = Array.isArray(
      (crd.spec as JsonObject | undefined)?.versions,
    )
      ? ((crd.spec as JsonObject).versions as unknown[]).filter(isPlainObject)
      : [];
    const storage = versions.find(v => v.storage === true)?.name;
    const stored = Array.isArray(previous.storedVersions)
      ? previous.storedVersions.map(String)
      : [];
    const { conflict } = naming;
    // Established is never taken back once set, as the naming controller leaves it.
    const established = !conflict || wasEstablished(crd);
    const status: JsonObject = {
      acceptedNames: naming.accepted as JsonObject,
      conditions: [
        conflict
          ? condition(
              'NamesAccepted',
              'False',
              conflict.reason,
              conflict.message,
              previous.conditions,
            )
          : condition(
              'NamesAccepted',
              'True',
              'NoConflicts',
              'no conflicts found',
              previous.conditions,
            ),
        established
          ? condition(
              'Established',
              'True',
              'InitialNamesAccepted',
              'the initial names have been accepted',
              previous.conditions,
            )
          : condition(
              'Established',
              'False',
              'NotAccepted',
              'not all names are accepted',
              previous.conditions,
            ),
      ],
      storedVersions: [
        ...new Set([
          ...stored,
          ...(typeof storage === 'string' ? [storage] : []),
        ]),
      ],
    };
    if (jsonEqual(status, crd.status)) return;
    const next = cloneJson(crd);
    next.status = status;
    next.metadata.resourceVersion = this.store.nextResourceVersion();
    this.store.put(CRDS, next);
  }
}
