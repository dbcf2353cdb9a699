import type { Db } from './db';

/**
 * Fixed-window counters in the shared database, so N instances enforce one limit, not N. A
 * window starts at a multiple of its length: every instance counts into the same row.
 */
export function rateLimitsRepo(db: Db) {
  return {
    /** Adds `by` hits to the bucket's current window and answers the window's total. */
    async hit(bucket: string, windowMs: number, now: Date, by = 1): Promise<{ hits: number; windowEnd: number }> {
      const start = Math.floor(now.getTime() / windowMs) * windowMs;
      const windowStart = new Date(start).toISOString();
      const windowEnd = new Date(start + windowMs).toISOString();
      const row = await db
        .insertInto('rate_limits')
        .values({ bucket, window_start: windowStart, window_end: windowEnd, hits: by })
        .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_limits.hits', '+', by) })))
        .returning('hits')
        .executeTakeFirstOrThrow();
      return { hits: Number(row.hits), windowEnd: start + windowMs };
    },
    /** Forgets windows that have ended. */
    async purge(now: Date): Promise<number> {
      const r = await db.deleteFrom('rate_limits').where('window_end', '<', now.toISOString()).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type RateLimitsRepo = ReturnType<typeof rateLimitsRepo>;
