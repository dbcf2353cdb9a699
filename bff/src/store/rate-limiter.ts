import type { RateLimitsRepo } from './rate-limits.repo';

export interface LimitDecision {
  allowed: boolean;
  /** Seconds until the window ends (for Retry-After). */
  retryAfterS: number;
}

export interface RateLimiterOptions {
  /** Names the limit in the shared table (e.g. "login"). */
  name: string;
  windowMs: number;
  max: number;
  now?: () => number;
  /** Told when the shared counter could not be reached (the local window then decides alone). */
  onStoreError?: (err: unknown) => void;
}

/**
 * A limit that holds across instances: the shared database counts every hit; this process's own
 * window is only a first filter (once it alone is over the limit, the database is not asked). If
 * the database cannot be reached the local window still applies.
 */
export class RateLimiter {
  private readonly local = new Map<string, { windowStart: number; count: number }>();
  private readonly now: () => number;
  private lastPurge = 0;

  constructor(
    private readonly store: RateLimitsRepo,
    private readonly opts: RateLimiterOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  async hit(key: string): Promise<LimitDecision> {
    const t = this.now();
    const { windowMs, max } = this.opts;
    const windowStart = Math.floor(t / windowMs) * windowMs;
    const retryAfterS = Math.max(1, Math.ceil((windowStart + windowMs - t) / 1000));
    let entry = this.local.get(key);
    if (!entry || entry.windowStart !== windowStart) {
      entry = { windowStart, count: 0 };
      this.local.set(key, entry);
      if (this.local.size > 50_000) for (const [k, v] of this.local) if (v.windowStart !== windowStart) this.local.delete(k);
    }
    entry.count += 1;
    if (entry.count > max) return { allowed: false, retryAfterS };
    try {
      const { hits } = await this.store.hit(`${this.opts.name}:${key}`, windowMs, new Date(t));
      this.purgeNowAndThen(t);
      return { allowed: hits <= max, retryAfterS };
    } catch (err) {
      this.opts.onStoreError?.(err);
      return { allowed: true, retryAfterS };
    }
  }

  /** Ended windows are deleted about once a minute per process (any instance's purge serves all). */
  private purgeNowAndThen(t: number): void {
    if (t - this.lastPurge < 60_000) return;
    this.lastPurge = t;
    this.store.purge(new Date(t)).catch((err: unknown) => this.opts.onStoreError?.(err));
  }
}
