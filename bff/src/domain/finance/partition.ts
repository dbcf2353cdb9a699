/**
 * Splits a day's trades into small groups by a hash of the tradeNo, so each join runs on maps that
 * stay in the CPU cache. One map of a million trades does not, and its lookups then cost more the
 * larger the day: measured, 10× the trades took 20–30× the time (bench/reconcile.bench.ts).
 */

/** Entries per group: small enough for the cache, large enough to keep the groups few. */
const GROUP = 512;

/** FNV-1a over the last 10 UTF-16 code units: where trade numbers differ (they end in a sequence). */
export function bucketOf(key: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = Math.max(0, key.length - 10); i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % buckets;
}

export function bucketCount(size: number): number {
  return Math.max(1, Math.ceil(size / GROUP));
}

/** `xs` spread over `buckets` groups by `key`, each group in its input order. */
export function partitionBy<T>(xs: readonly T[], key: (x: T) => string, buckets: number): T[][] {
  const out: T[][] = Array.from({ length: buckets }, () => []);
  for (const x of xs) out[bucketOf(key(x), buckets)]!.push(x);
  return out;
}

/** The distinct keys of `xs` that are not in `known`, in first-seen order within each group. */
export function keysNotIn(xs: readonly string[], known: readonly string[]): string[] {
  const n = bucketCount(xs.length + known.length);
  const have = partitionBy(known, (k) => k, n);
  const out: string[] = [];
  partitionBy(xs, (k) => k, n).forEach((group, i) => {
    const seen = new Set(have[i]);
    for (const k of group) {
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(k);
    }
  });
  return out;
}
