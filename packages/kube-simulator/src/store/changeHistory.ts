import { ResourceType } from '../api/resources';
import { StoreChange } from './ObjectStore';

/** How many changes are kept per resource type for watches to resume from. */
export interface HistoryLimits {
  /** At most this many. */
  limit: number;
  /** At least this many, however old. */
  minimum: number;
  /** Changes younger than this (ms) are kept, up to `limit`. */
  freshMs: number;
}

/**
 * kube-apiserver's watch cache: per resource, at least 100 events and those of the last 75 s, at most 100 Ki.
 * Its buffer doubles while full of fresh events and halves when a quarter is stale; evicting the stale ones
 * one by one keeps the same window without the resizing.
 */
export const DEFAULT_HISTORY_LIMITS: HistoryLimits = {
  limit: 100 * 1024,
  minimum: 100,
  freshMs: 75_000,
};

/** The changes of one type in resourceVersion order, with the oldest resourceVersion a watch may resume from. */
class TypeHistory {
  private changes: StoreChange[] = [];
  private head = 0;

  /** Watches may resume from this resourceVersion or later. */
  floor: number;

  constructor(floor: number) {
    this.floor = floor;
  }

  get size(): number {
    return this.changes.length - this.head;
  }

  append(change: StoreChange, limits: HistoryLimits): void {
    this.changes.push(change);
    const minimum = Math.min(limits.minimum, limits.limit);
    while (
      this.size > limits.limit ||
      (this.size > minimum &&
        change.at - this.changes[this.head].at > limits.freshMs)
    ) {
      this.head += 1;
      // As the watch cache reports it: the oldest kept event's resourceVersion minus one.
      this.floor = this.changes[this.head].resourceVersion - 1;
    }
    // Drop evicted slots in bulk, so eviction stays O(1) on average.
    if (this.head > 1024 && this.head * 2 > this.changes.length) {
      this.changes = this.changes.slice(this.head);
      this.head = 0;
    }
  }

  /** Changes after `resourceVersion`, oldest first. */
  after(resourceVersion: number): StoreChange[] {
    let lo = this.head;
    let hi = this.changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.changes[mid].resourceVersion > resourceVersion) hi = mid;
      else lo = mid + 1;
    }
    return this.changes.slice(lo);
  }

  clear(floor: number): void {
    this.changes = [];
    this.head = 0;
    this.floor = floor;
  }
}

/** The result of asking for the changes after a resourceVersion. */
export type ChangesSince =
  | { changes: StoreChange[] }
  /** The resourceVersion is older than the window; `floor` is the oldest one that is not. */
  | { tooOld: true; floor: number };

/**
 * A bounded window of recent changes per resource type, which watches resume from. A watch asking for changes
 * after a resourceVersion older than its type's window gets 410 Gone, as kube-apiserver's watch cache answers.
 */
export class ChangeHistory {
  private readonly types = new Map<ResourceType, TypeHistory>();

  /** `startResourceVersion`: the store's resourceVersion when the history starts (seeds are before it). */
  constructor(
    private startResourceVersion: number,
    private readonly limits: HistoryLimits,
  ) {}

  private of(rt: ResourceType): TypeHistory {
    let history = this.types.get(rt);
    if (!history) {
      history = new TypeHistory(this.startResourceVersion);
      this.types.set(rt, history);
    }
    return history;
  }

  record(change: StoreChange): void {
    this.of(change.rt).append(change, this.limits);
  }

  since(rt: ResourceType, resourceVersion: number): ChangesSince {
    const history = this.of(rt);
    if (resourceVersion < history.floor)
      return { tooOld: true, floor: history.floor };
    return { changes: history.after(resourceVersion) };
  }

  /** Forgets every change: watches may then resume only from `resourceVersion` or later. */
  compact(resourceVersion: number): void {
    this.startResourceVersion = resourceVersion;
    for (const history of this.types.values()) history.clear(resourceVersion);
  }

  /** Changes kept, all types together. */
  size(): number {
    let total = 0;
    for (const history of this.types.values()) total += history.size;
    return total;
  }
}
