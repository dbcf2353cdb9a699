import type { Middleware } from 'koa';
import { AppError } from '@hosp/shared';
import type { SessionsRepo } from '../../store/sessions.repo';
import type { AppState } from '../context';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,128})$/;

export function bearerToken(header: string): string | undefined {
  return BEARER.exec(header.trim())?.[1];
}

/** Resolves the session of a request that must be logged in. */
export function requireSession(sessions: SessionsRepo, now: () => Date): Middleware<AppState> {
  return async (ctx, next) => {
    const token = bearerToken(ctx.get('authorization'));
    if (!token) throw new AppError('UNAUTHENTICATED', '请先登录');
    const found = await sessions.resolve(token, now());
    if (found === 'missing') throw new AppError('UNAUTHENTICATED', '请先登录');
    if (found === 'expired') throw new AppError('SESSION_EXPIRED', '登录已过期，请重新登录');
    ctx.state.accountId = found.accountId;
    ctx.state.sessionToken = token;
    ctx.state.log = ctx.state.log.child({ accountId: found.accountId });
    await next();
  };
}
