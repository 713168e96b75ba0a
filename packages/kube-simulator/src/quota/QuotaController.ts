import { findByKind, ResourceType } from '../api/resources';
import { cloneJson, jsonEqual } from '../store/objects';
import { ObjectStore, StoreChange } from '../store/ObjectStore';
import { QUOTAS, quotaStatus } from './quotaStatus';

const NAMESPACES = findByKind('v1', 'Namespace') as ResourceType;

/**
 * The quota controller of a simulated cluster: every ResourceQuota's `status` (hard and used) is recomputed
 * whenever an object in its namespace changes, synchronously, so the write that changed usage is answered
 * after the quota's new status is stored and watchers see the quota MODIFIED right after the change.
 */
export class QuotaController {
  constructor(private readonly store: ObjectStore) {}

  /** Brings every quota's status up to date (after seeding), then follows changes. */
  start(): void {
    for (const { object } of this.store.scan(QUOTAS))
      this.sync(object.metadata.namespace ?? '', object.metadata.name ?? '');
    this.store.addController(change => this.onChange(change));
  }

  private onChange(change: StoreChange): void {
    if (!change.rt.namespaced) return;
    const namespace = (change.object ?? change.previous)?.metadata.namespace;
    if (!namespace) return;
    // A namespace being deleted loses its objects and quotas together; recounting in between is noise.
    if (
      this.store.get(NAMESPACES, undefined, namespace)?.metadata
        .deletionTimestamp
    )
      return;
    for (const { object } of this.store.scan(QUOTAS, namespace))
      this.sync(namespace, object.metadata.name ?? '');
  }

  private sync(namespace: string, name: string): void {
    const quota = this.store.get(QUOTAS, namespace, name);
    if (!quota) return;
    const status = quotaStatus(this.store, quota);
    if (jsonEqual(status, quota.status)) return;
    const next = cloneJson(quota);
    next.status = status;
    next.metadata.resourceVersion = this.store.nextResourceVersion();
    this.store.put(QUOTAS, next);
  }
}
