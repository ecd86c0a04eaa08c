/**
 * A small time-bounded, size-bounded cache of promises, shared by concurrent callers
 * of the same key (one lookup in flight per key). Failed lookups are not kept.
 *
 * @internal
 */
export class TargetCache<T> {
  private readonly entries = new Map<
    string,
    { expires: number; value: Promise<T> }
  >();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) {
      return load();
    }
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) {
      return hit.value;
    }
    if (this.entries.size >= this.maxEntries) {
      for (const [k, entry] of this.entries) {
        if (entry.expires <= now || this.entries.size >= this.maxEntries) {
          this.entries.delete(k);
        } else {
          break;
        }
      }
    }
    const value = load();
    this.entries.set(key, { expires: now + this.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) {
        this.entries.delete(key);
      }
    });
    return value;
  }
}
