import type { Middleware } from 'koa';
import { AppError } from '@hosp/shared';
import type { Logger } from '../../logger';
import { RateLimiter } from '../../store/rate-limiter';
import type { RateLimitsRepo } from '../../store/rate-limits.repo';
import type { AppState, AppContext } from '../context';

export interface RateLimitOptions {
  name: string;
  windowMs: number;
  max: number;
  key: (ctx: AppContext) => string;
  now?: () => number;
}

/** A limiter shared with every instance through the database (see RateLimiter). */
export function sharedLimiter(store: RateLimitsRepo, log: Logger, opts: Omit<RateLimitOptions, 'key'>): RateLimiter {
  return new RateLimiter(store, { ...opts, onStoreError: (err) => log.warn({ limit: opts.name, err }, 'rate limit store unavailable; local window only') });
}

/** Refuses with RATE_LIMITED (and Retry-After) once the key's window is full on all instances together. */
export function rateLimit(store: RateLimitsRepo, log: Logger, opts: RateLimitOptions): Middleware<AppState> {
  const limiter = sharedLimiter(store, log, opts);
  return async (ctx, next) => {
    const decision = await limiter.hit(opts.key(ctx as AppContext));
    if (!decision.allowed) {
      ctx.set('Retry-After', String(decision.retryAfterS));
      throw new AppError('RATE_LIMITED', '操作太频繁，请稍后再试');
    }
    await next();
  };
}
