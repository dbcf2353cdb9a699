/**
 * A small TTL cache whose misses are coalesced: while one load of a key is in flight, every other
 * caller of that key waits for it instead of calling the upstream again. Failures are not cached.
 * This is what keeps HIS load proportional to distinct keys ÷ TTL, not to the number of patients.
 */
export class SingleFlightCache<V> {
  private readonly values = new Map<string, { value: V; expires: number }>();
  private readonly inflight = new Map<string, Promise<V>>();
  /** Bumped on invalidation so a load that started before it is not stored afterwards. */
  private generation = 0;
  loads = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.values.get(key);
    if (hit && hit.expires > this.now()) return hit.value;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const gen = this.generation;
    this.loads += 1;
    const p = load().then(
      (value) => {
        this.inflight.delete(key);
        if (gen === this.generation && this.ttlMs > 0) {
          if (this.values.size >= this.maxEntries) this.values.clear();
          this.values.set(key, { value, expires: this.now() + this.ttlMs });
        }
        return value;
      },
      (err: unknown) => {
        this.inflight.delete(key);
        throw err;
      },
    );
    this.inflight.set(key, p);
    return p;
  }

  /** Drops entries whose key matches; loads already in flight will not be stored. */
  invalidate(match: (key: string) => boolean = () => true): void {
    this.generation += 1;
    for (const key of [...this.values.keys()]) if (match(key)) this.values.delete(key);
  }
}
