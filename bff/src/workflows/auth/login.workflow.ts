import { AppError, type LoginRequest, type LoginResponse, type Me } from '@hosp/shared';
import type { Deps } from '../../deps';

/** Demo accounts are namespaced so they can never collide with a real platform subject. */
const DEMO_NAME = /^[\p{L}\p{N}_-]{1,32}$/u;

export async function login(deps: Deps, req: LoginRequest): Promise<LoginResponse> {
  let platform: string;
  let subject: string;
  if (req.platform === 'demo') {
    if (deps.config.mode !== 'demo') throw new AppError('FORBIDDEN', '演示登录仅在演示环境可用');
    if (!DEMO_NAME.test(req.code)) throw new AppError('VALIDATION_FAILED', '演示用户名只能包含文字、数字、下划线');
    platform = 'demo';
    subject = `demo:${req.code}`;
  } else {
    const identity = await deps.identity[req.platform].exchange(req.code);
    platform = req.platform;
    subject = identity.subject;
  }
  const now = deps.now();
  const account = await deps.accounts.upsertBySubject(platform, subject, now);
  const { ttlMs, maxMs } = sessionLifetime(deps, platform);
  const session = await deps.sessions.create(account.id, now, ttlMs, { platform, maxUntil: new Date(now.getTime() + maxMs) });
  deps.log.info({ accountId: account.id, platform }, 'login');
  return response(session, now, { accountId: account.id, platform: account.platform as Me['platform'], elderMode: account.elderMode });
}

/**
 * How long a token lives and how long after login refreshes may keep extending it. The H5 page
 * keeps its token in the webview's storage (where the hospital app expects it), so its tokens are
 * short-lived and refreshed while in use.
 */
export function sessionLifetime(deps: Deps, platform: string | null): { ttlMs: number; maxMs: number } {
  const s = deps.config.security;
  if (platform === 'h5') return { ttlMs: s.h5SessionTtlMinutes * 60_000, maxMs: s.h5SessionMaxHours * 3_600_000 };
  return { ttlMs: s.sessionTtlHours * 3_600_000, maxMs: Math.max(s.sessionMaxHours, s.sessionTtlHours) * 3_600_000 };
}

function response(session: { token: string; expiresAt: Date }, now: Date, me: Me): LoginResponse {
  return {
    token: session.token,
    expiresAt: session.expiresAt.toISOString(),
    expiresInSeconds: Math.max(1, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000)),
    me,
  };
}

/** A fresh token for a live session (the old one stays valid for a few seconds). */
export async function refreshSession(deps: Deps, token: string): Promise<LoginResponse> {
  const now = deps.now();
  const fresh = await deps.sessions.refresh(token, now, (platform) => sessionLifetime(deps, platform));
  if (fresh === 'missing') throw new AppError('UNAUTHENTICATED', '请先登录');
  if (fresh === 'expired') throw new AppError('SESSION_EXPIRED', '登录已过期，请重新登录');
  return response(fresh, now, await me(deps, fresh.accountId));
}

export async function me(deps: Deps, accountId: string): Promise<Me> {
  const account = await deps.accounts.get(accountId);
  if (!account) throw new AppError('UNAUTHENTICATED', '请先登录');
  return { accountId: account.id, platform: account.platform as Me['platform'], elderMode: account.elderMode };
}

export async function setPreferences(deps: Deps, accountId: string, prefs: { elderMode: boolean }): Promise<Me> {
  await deps.accounts.setElderMode(accountId, prefs.elderMode);
  return me(deps, accountId);
}

export async function logout(deps: Deps, token: string): Promise<{ ok: true }> {
  await deps.sessions.revoke(token, deps.now());
  return { ok: true };
}
