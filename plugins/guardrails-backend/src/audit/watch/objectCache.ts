import { KubernetesManifest } from '@guardrails-dev/plugin-guardrails-engine';
import { Scope, scopeOf } from './scopes';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** `apiVersion|kind`: the kinds a cluster is watched by. */
export function kindId(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

function objectKey(object: KubernetesManifest): string {
  const { metadata = {} } = object;
  return `${object.apiVersion}|${object.kind}|${metadata.namespace ?? ''}|${
    metadata.name ?? ''
  }`;
}

/**
 * What evaluation needs of an object. managedFields and kubectl's copy of the last applied object are often most
 * of an object's size and no guardrail reads them in an audit.
 */
export function keptForEvaluation(
  object: KubernetesManifest,
): KubernetesManifest {
  const metadata = object.metadata;
  if (!metadata) return object;
  const { managedFields: _managedFields, ...kept } =
    metadata as typeof metadata & {
      managedFields?: unknown;
    };
  if (kept.annotations && LAST_APPLIED in kept.annotations) {
    const { [LAST_APPLIED]: _lastApplied, ...annotations } = kept.annotations;
    kept.annotations = annotations;
  }
  return { ...object, metadata: kept };
}

/**
 * The objects a watched cluster holds, kept per kind and per namespace so that a changed namespace is read without
 * scanning the cluster.
 */
export class ObjectCache {
  private readonly objects = new Map<string, KubernetesManifest>();
  private readonly byKind = new Map<string, Set<string>>();
  private readonly byNamespace = new Map<string, Set<string>>();
  private readonly namespaceObjects = new Map<string, KubernetesManifest>();

  get size(): number {
    return this.objects.size;
  }

  /** Stores an added or modified object; returns the scope it changes, or none when it is the same version. */
  put(object: KubernetesManifest): Scope | undefined {
    const key = objectKey(object);
    const before = this.objects.get(key);
    const version = object.metadata?.resourceVersion;
    if (before && version && before.metadata?.resourceVersion === version) {
      return undefined;
    }
    const kept = keptForEvaluation(object);
    this.objects.set(key, kept);
    add(this.byKind, kindId(object.apiVersion, object.kind), key);
    const namespace = object.metadata?.namespace;
    if (namespace) add(this.byNamespace, namespace, key);
    if (isNamespaceObject(object) && object.metadata?.name) {
      this.namespaceObjects.set(object.metadata.name, kept);
    }
    return scopeOf(object);
  }

  /** Forgets a deleted object; returns the scope it changes, or none when it was not held. */
  remove(object: KubernetesManifest): Scope | undefined {
    const key = objectKey(object);
    if (!this.objects.delete(key)) return undefined;
    this.byKind.get(kindId(object.apiVersion, object.kind))?.delete(key);
    const namespace = object.metadata?.namespace;
    if (namespace) {
      const keys = this.byNamespace.get(namespace);
      keys?.delete(key);
      if (keys?.size === 0) this.byNamespace.delete(namespace);
    }
    if (isNamespaceObject(object) && object.metadata?.name) {
      this.namespaceObjects.delete(object.metadata.name);
    }
    return scopeOf(object);
  }

  /**
   * Replaces every object of a kind with a fresh list of it (after a 410 Gone): returns the scopes of the objects
   * added, changed or gone.
   */
  replaceKind(
    apiVersion: string,
    kind: string,
    objects: KubernetesManifest[],
  ): Scope[] {
    const scopes: Scope[] = [];
    const listed = new Set<string>();
    for (const object of objects) {
      listed.add(objectKey(object));
      const scope = this.put(object);
      if (scope) scopes.push(scope);
    }
    for (const key of [...(this.byKind.get(kindId(apiVersion, kind)) ?? [])]) {
      if (listed.has(key)) continue;
      const gone = this.objects.get(key);
      const scope = gone && this.remove(gone);
      if (scope) scopes.push(scope);
    }
    return scopes;
  }

  /** The objects of a kind. */
  ofKind(apiVersion: string, kind: string): KubernetesManifest[] {
    return [...(this.byKind.get(kindId(apiVersion, kind)) ?? [])].map(
      key => this.objects.get(key)!,
    );
  }

  /** The objects a scope evaluates: a namespace's Namespace object and every object in it, or the one object. */
  objectsOf(scope: Scope): KubernetesManifest[] {
    if ('namespace' in scope) {
      const namespace = this.namespaceObjects.get(scope.namespace);
      const inside = [...(this.byNamespace.get(scope.namespace) ?? [])].map(
        key => this.objects.get(key)!,
      );
      return namespace ? [namespace, ...inside] : inside;
    }
    const object = this.objects.get(
      `${scope.apiVersion}|${scope.kind}||${scope.name}`,
    );
    return object ? [object] : [];
  }

  /** Every Namespace object by name. */
  namespaces(): Map<string, KubernetesManifest> {
    return this.namespaceObjects;
  }

  /** Every object, in no particular order. */
  all(): KubernetesManifest[] {
    return [...this.objects.values()];
  }

  /** Whether the cache holds an object of this address. */
  get(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubernetesManifest | undefined {
    return this.objects.get(`${apiVersion}|${kind}|${namespace ?? ''}|${name}`);
  }
}

function isNamespaceObject(object: KubernetesManifest): boolean {
  return object.apiVersion === 'v1' && object.kind === 'Namespace';
}

function add(map: Map<string, Set<string>>, key: string, value: string) {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}
