/**
 * Daily bills of past days, kept in this process: a past day's lines do not change, and a family
 * re-reads them often. Bounded; oldest entries go first. Concurrent reads of one key share a call.
 */
export class DayBillCache<T = import('@hosp/shared').DayBillView> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly max = 5_000) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const p = load();
    this.entries.set(key, p);
    // A failed read is not remembered: the next one asks HIS again.
    p.catch(() => this.entries.delete(key));
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return p;
  }
}
