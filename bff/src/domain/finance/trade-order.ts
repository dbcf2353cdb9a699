/**
 * The day's trades in tradeNo order. Trade numbers begin with the time the order was made, so a
 * day read by payment time (ours, or HIS's listing) is already in that order or nearly, and
 * walking both sides in it reads memory in order: a hash join over a million trades visited them
 * out of order and, once they no longer fit the CPU cache, 10× the trades took 20–30× the time
 * (bench/reconcile.bench.ts).
 */

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// The matching core sorts the same arrays twice (which trades to ask about, then the report): once is enough.
const copies = new WeakMap<readonly unknown[], Map<unknown, readonly unknown[]>>();

/** `xs` by `key`, stably; `xs` itself when already in order (checked in one pass). TimSort is nearly linear on nearly sorted input. */
export function inKeyOrder<T>(xs: readonly T[], key: (x: T) => string): readonly T[] {
  for (let i = 1; i < xs.length; i++) {
    if (key(xs[i - 1]!) > key(xs[i]!)) {
      const byKey = copies.get(xs) ?? new Map<unknown, readonly unknown[]>();
      const known = byKey.get(key) as readonly T[] | undefined;
      if (known) return known;
      const copy = [...xs].sort((a, b) => cmp(key(a), key(b)));
      copies.set(xs, byKey.set(key, copy));
      return copy;
    }
  }
  return xs;
}

/** The distinct `wanted` keys missing from `known`, in key order. */
export function missingKeys(wanted: readonly string[], known: readonly string[]): string[] {
  const a = inKeyOrder(wanted, (k) => k);
  const b = inKeyOrder(known, (k) => k);
  const out: string[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const k = a[i]!;
    if (i > 0 && a[i - 1] === k) continue;
    while (j < b.length && b[j]! < k) j++;
    if (j >= b.length || b[j] !== k) out.push(k);
  }
  return out;
}
