import { ResourceType } from '../api/resources';
import { ResourceRegistry } from '../api/ResourceRegistry';
import { canonicalOrder, cloneJson, KubeObject } from './objects';

/** Store key of an object: etcd orders `<namespace>/<name>` keys the same way. */
export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** What a write did to one object, as etcd's watch reports it. */
export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * One change of the store. `object` is the new stored state (absent for DELETED), `previous` the state it
 * replaced (absent for ADDED). Both are the stored objects themselves, never changed afterwards: readers must
 * not change them either.
 */
export interface StoreChange {
  type: ChangeType;
  rt: ResourceType;
  key: string;
  object?: Readonly<KubeObject>;
  previous?: Readonly<KubeObject>;
  /** The resourceVersion of the change; a deletion gets its own, as in etcd. */
  resourceVersion: number;
  /** When the change happened (ms since the epoch). */
  at: number;
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
  /** The types the cluster serves, built-in and custom. */
  readonly types = new ResourceRegistry();
  private revision = 0;
  private readonly data = new Map<ResourceType, Map<string, KubeObject>>();
  private readonly listeners: Array<(change: StoreChange) => void> = [];
  private readonly controllers: Array<(change: StoreChange) => void> = [];

  /** Calls `listener` synchronously after every change, in resourceVersion order. */
  onChange(listener: (change: StoreChange) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Calls `controller` after every change, once every listener has seen it, so the writes a controller makes
   * in answer (a quota's status) reach listeners after the change that caused them, as on a cluster.
   */
  addController(controller: (change: StoreChange) => void): void {
    this.controllers.push(controller);
  }

  private emit(change: Omit<StoreChange, 'at'>): void {
    const full = { ...change, at: Date.now() };
    for (const listener of this.listeners) listener(full);
    for (const controller of this.controllers) controller(full);
  }

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

  /** Stores an object under the resourceVersion it carries (from `nextResourceVersion`). */
  put(rt: ResourceType, object: KubeObject): void {
    const key = objectKey(
      object.metadata.namespace,
      object.metadata.name ?? '',
    );
    const table = this.table(rt);
    const previous = table.get(key);
    const stored = cloneJson(canonicalOrder(object));
    table.set(key, stored);
    this.emit({
      type: previous ? 'MODIFIED' : 'ADDED',
      rt,
      key,
      object: stored,
      previous,
      resourceVersion: Number(stored.metadata.resourceVersion),
    });
  }

  /** Deletes an object; the deletion takes the next resourceVersion. */
  remove(rt: ResourceType, namespace: string | undefined, name: string): void {
    const key = objectKey(namespace, name);
    const table = this.table(rt);
    const previous = table.get(key);
    if (!previous) return;
    table.delete(key);
    this.emit({
      type: 'DELETED',
      rt,
      key,
      previous,
      resourceVersion: Number(this.nextResourceVersion()),
    });
  }

  /** Deletes every object of a type, one deletion each, as the API server does when a CRD goes. */
  removeAll(rt: ResourceType): void {
    const table = this.data.get(rt);
    if (!table) return;
    for (const object of [...table.values()])
      this.remove(rt, object.metadata.namespace, object.metadata.name ?? '');
    this.data.delete(rt);
  }

  /** Removes every namespaced object in a namespace, one deletion each, as the namespace controller does. */
  removeNamespaceContents(namespace: string): void {
    for (const [rt, table] of this.data) {
      if (!rt.namespaced) continue;
      for (const object of [...table.values()]) {
        if (object.metadata.namespace === namespace)
          this.remove(rt, namespace, object.metadata.name ?? '');
      }
    }
  }
}
