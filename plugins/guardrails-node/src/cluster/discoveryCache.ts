/**
 * Discovery answers by key, each kept for `refreshMs`, so a CustomResourceDefinition installed or deleted shows
 * within that time without a discovery request per use. Concurrent lookups of one key share one request; a failed
 * lookup is not kept, so the next one tries again.
 */
export class DiscoveryCache<T> {
  private readonly entries = new Map<
    string,
    { value: Promise<T>; fetchedAt: number }
  >();

  constructor(
    private readonly refreshMs: number,
    private readonly now: () => number,
  ) {}

  get(key: string, fetch: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.fetchedAt < this.refreshMs) {
      return entry.value;
    }
    const value = fetch();
    const fresh = { value, fetchedAt: this.now() };
    this.entries.set(key, fresh);
    value.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    return value;
  }

  /** Whether the key's answer was asked for within the last `ms` milliseconds. */
  askedWithin(key: string, ms: number): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && this.now() - entry.fetchedAt < ms;
  }

  /** Drops what is known of a key, so its next lookup asks the cluster. */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
