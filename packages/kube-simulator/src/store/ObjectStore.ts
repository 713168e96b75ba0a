import { ResourceType } from '../api/resources';
import { canonicalOrder, cloneJson, KubeObject } from './objects';

/** Store key of an object: etcd orders `<namespace>/<name>` keys the same way. */
export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** Byte order of keys, as etcd lists them (not locale order). */
function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * The in-memory object store with the cluster-wide resourceVersion counter. Everything going in or out is
 * copied, so callers can never change stored objects by accident.
 */
export class ObjectStore {
  private revision = 0;
  private readonly data = new Map<ResourceType, Map<string, KubeObject>>();

  /** Advances the counter and returns the new resourceVersion. */
  nextResourceVersion(): string {
    this.revision += 1;
    return String(this.revision);
  }

  currentResourceVersion(): string {
    return String(this.revision);
  }

  private table(rt: ResourceType): Map<string, KubeObject> {
    let table = this.data.get(rt);
    if (!table) {
      table = new Map();
      this.data.set(rt, table);
    }
    return table;
  }

  get(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return cloneJson(this.table(rt).get(objectKey(namespace, name)));
  }

  /**
   * Objects of a type in key order, only those in `namespace` when given and matching `predicate`. The
   * objects are the stored ones, not copies, so large lists stay cheap: callers must not change them and
   * copy what they hand out (`cloneJson`).
   */
  scan(
    rt: ResourceType,
    namespace?: string,
    predicate: (object: Readonly<KubeObject>) => boolean = () => true,
  ): Array<{ key: string; object: Readonly<KubeObject> }> {
    return [...this.table(rt).entries()]
      .filter(
        ([, o]) =>
          (namespace === undefined || o.metadata.namespace === namespace) &&
          predicate(o),
      )
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, object]) => ({ key, object }));
  }

  put(rt: ResourceType, object: KubeObject): void {
    this.table(rt).set(
      objectKey(object.metadata.namespace, object.metadata.name ?? ''),
      cloneJson(canonicalOrder(object)),
    );
  }

  remove(rt: ResourceType, namespace: string | undefined, name: string): void {
    this.table(rt).delete(objectKey(namespace, name));
  }

  /** Removes every namespaced object in a namespace, as namespace deletion does. */
  removeNamespaceContents(namespace: string): void {
    for (const [rt, table] of this.data) {
      if (!rt.namespaced) continue;
      for (const [key, object] of table) {
        if (object.metadata.namespace === namespace) table.delete(key);
      }
    }
  }
}
