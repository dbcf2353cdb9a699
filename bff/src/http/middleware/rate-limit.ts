import type { Middleware } from 'koa';
import { AppError } from '@hosp/shared';
import type { AppState, AppContext } from '../context';

/**
 * Fixed-window limiter kept in this process. With several instances each enforces its own window,
 * so the effective limit is per instance; good enough against scripted abuse of one endpoint.
 */
export function rateLimit(opts: { windowMs: number; max: number; key: (ctx: AppContext) => string; now?: () => number }): Middleware<AppState> {
  const hits = new Map<string, { windowStart: number; count: number }>();
  const now = opts.now ?? Date.now;
  return async (ctx, next) => {
    const t = now();
    const key = opts.key(ctx as AppContext);
    let entry = hits.get(key);
    if (!entry || t - entry.windowStart >= opts.windowMs) {
      entry = { windowStart: t, count: 0 };
      hits.set(key, entry);
      if (hits.size > 50_000) {
        for (const [k, v] of hits) if (t - v.windowStart >= opts.windowMs) hits.delete(k);
      }
    }
    entry.count += 1;
    if (entry.count > opts.max) {
      ctx.set('Retry-After', String(Math.ceil((entry.windowStart + opts.windowMs - t) / 1000)));
      throw new AppError('RATE_LIMITED', '操作太频繁，请稍后再试');
    }
    await next();
  };
}
