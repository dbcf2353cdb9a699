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
  const session = await deps.sessions.create(account.id, now, deps.config.security.sessionTtlHours * 3_600_000);
  deps.log.info({ accountId: account.id, platform }, 'login');
  return {
    token: session.token,
    expiresAt: session.expiresAt.toISOString(),
    me: { accountId: account.id, platform: account.platform as Me['platform'], elderMode: account.elderMode },
  };
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
