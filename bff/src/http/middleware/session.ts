import type { Middleware } from 'koa';
import { AppError } from '@hosp/shared';
import type { SessionsRepo } from '../../store/sessions.repo';
import type { AppState } from '../context';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,128})$/;

export function bearerToken(header: string): string | undefined {
  return BEARER.exec(header.trim())?.[1];
}

/**
 * Resolves the session of a request that must be logged in. A live session is remembered for a few
 * seconds so a burst of reads costs one database look-up; logout on this instance forgets it at
 * once, and another instance honours a revoked token for at most `cacheMs`.
 */
export function requireSession(sessions: SessionsRepo, now: () => Date, cacheMs = 5_000): Middleware<AppState> & { forget(token: string): void } {
  const cache = new Map<string, { accountId: string; until: number }>();
  const middleware: Middleware<AppState> = async (ctx, next) => {
    const token = bearerToken(ctx.get('authorization'));
    if (!token) throw new AppError('UNAUTHENTICATED', '请先登录');
    const t = now().getTime();
    const hit = cache.get(token);
    if (hit && hit.until > t) {
      ctx.state.accountId = hit.accountId;
      ctx.state.sessionToken = token;
      return next();
    }
    const found = await sessions.resolve(token, now());
    if (found === 'missing') throw new AppError('UNAUTHENTICATED', '请先登录');
    if (found === 'expired') throw new AppError('SESSION_EXPIRED', '登录已过期，请重新登录');
    if (cache.size > 10_000) cache.clear();
    cache.set(token, { accountId: found.accountId, until: t + cacheMs });
    ctx.state.accountId = found.accountId;
    ctx.state.sessionToken = token;
    await next();
  };
  return Object.assign(middleware, { forget: (token: string) => void cache.delete(token) });
}
