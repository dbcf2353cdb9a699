import type Router from '@koa/router';
import { api } from '@hosp/shared';
import type { Middleware } from 'koa';
import type { Deps } from '../../deps';
import { login, logout, me, refreshSession, setPreferences } from '../../workflows/auth/login.workflow';
import type { AppState } from '../context';
import { mount } from '../contract-route';
import { rateLimit } from '../middleware/rate-limit';
import { rateLimitsRepo } from '../../store/rate-limits.repo';

export function authRoutes(router: Router<AppState>, deps: Deps, auth: Middleware<AppState> & { forget(token: string): void }): void {
  const loginLimit = rateLimit(rateLimitsRepo(deps.store.db), deps.log, { name: 'login', windowMs: 60_000, max: deps.config.rateLimits.loginPerMinute, key: (ctx) => ctx.ip });
  mount(router, api.login, [loginLimit], ({ body }) => login(deps, body));
  mount(router, api.refreshSession, [auth], async ({ ctx }) => {
    const fresh = await refreshSession(deps, ctx.state.sessionToken ?? '');
    // The old token is about to die: forget its cached session here at once.
    auth.forget(ctx.state.sessionToken ?? '');
    return fresh;
  });
  mount(router, api.logout, [auth], ({ ctx }) => {
    auth.forget(ctx.state.sessionToken ?? '');
    return logout(deps, ctx.state.sessionToken ?? '');
  });
  mount(router, api.me, [auth], ({ accountId }) => me(deps, accountId));
  mount(router, api.setPreferences, [auth], ({ accountId, body }) => setPreferences(deps, accountId, body));
}
