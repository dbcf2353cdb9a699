import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import { AppError } from '@hosp/shared';
import type { Deps } from '../../deps';
import { can } from '../../domain/admin/roles';
import { rateLimitsRepo } from '../../store/rate-limits.repo';
import { activeOperator, operatorLogin, operatorLogout } from '../../workflows/admin/operator-auth.workflow';
import type { AppContext, AppState } from '../context';
import { sharedLimiter } from '../middleware/rate-limit';
import { auditor, LOGIN_CSRF_COOKIE, readCookie, readForm, sameToken, SESSION_COOKIE, setCookie, type ConsolePage, type PageResult } from './console-kit';
import { CONSOLE_CSS, layout } from './layout';
import { loginView, problemView } from './login.view';
import { CONSOLE_PAGES } from './pages';

/** Only a console path of ours is a place to return to after login. */
const safeNext = (next: string | undefined) => (next && /^\/admin(\/[A-Za-z0-9._~%/-]*)?(\?[^\s#\\]*)?$/.test(next) && !next.startsWith('//') ? next : '/admin');

function send(ctx: AppContext, status: number, body: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = body;
}

/**
 * The operator console under /admin: server-rendered pages (no scripts), a login form, opaque
 * session cookies, a CSRF token on every form, roles, and the audit trail. Pages are modules in
 * ./pages; this file does what every page needs.
 */
export function consoleRoutes(router: Router<AppState>, deps: Deps, pages: readonly ConsolePage[] = CONSOLE_PAGES): void {
  const limiter = sharedLimiter(rateLimitsRepo(deps.store.db), deps.log, { name: 'operator-login', windowMs: 60_000, max: deps.config.admin.login.perMinute });
  const navPages = pages.filter((p) => p.nav).sort((a, b) => a.nav!.order - b.nav!.order);

  router.get('/admin/assets/console.css', (ctx) => {
    ctx.type = 'text/css; charset=utf-8';
    ctx.body = CONSOLE_CSS;
  });

  router.get('/admin/login', async (ctx) => {
    const token = readCookie(ctx, SESSION_COOKIE);
    if (token && (await activeOperator(deps, token))) return ctx.redirect('/admin');
    const pre = randomBytes(24).toString('base64url');
    setCookie(ctx, deps, LOGIN_CSRF_COOKIE, pre);
    send(ctx, 200, loginView(pre, safeNext(String(ctx.query.next ?? '')), null));
  });

  router.post('/admin/login', async (ctx) => {
    const form = readForm(ctx);
    const pre = readCookie(ctx, LOGIN_CSRF_COOKIE);
    const decision = await limiter.hit(ctx.ip);
    if (!decision.allowed) {
      ctx.set('Retry-After', String(decision.retryAfterS));
      return send(ctx, 429, loginView(pre ?? '', safeNext(form.next), `登录尝试过于频繁，请 ${decision.retryAfterS} 秒后再试。`, form.username ?? ''));
    }
    if (!pre || !sameToken(form._csrf, pre)) return send(ctx, 403, problemView('表单已过期', '登录表单已过期，请重新打开登录页面。', '/admin/login'));
    const result = await operatorLogin(deps, form.username ?? '', form.password ?? '', ctx.ip);
    if (!result.ok) return send(ctx, 401, loginView(pre, safeNext(form.next), '用户名或密码不正确。连续输错多次后，账号会暂时锁定。', form.username ?? ''));
    setCookie(ctx, deps, LOGIN_CSRF_COOKIE, '', { clear: true });
    setCookie(ctx, deps, SESSION_COOKIE, result.token);
    ctx.redirect(safeNext(form.next));
  });

  router.post('/admin/logout', async (ctx) => {
    const token = readCookie(ctx, SESSION_COOKIE);
    const active = token ? await activeOperator(deps, token) : null;
    if (token && active) {
      if (!sameToken(readForm(ctx)._csrf, active.csrfToken)) return send(ctx, 403, problemView('表单已过期', '表单已过期，请刷新页面后重试。'));
      await operatorLogout(deps, token, active.operator, ctx.ip);
    }
    setCookie(ctx, deps, SESSION_COOKIE, '', { clear: true });
    ctx.redirect('/admin/login');
  });

  const serve = (page: ConsolePage, method: 'get' | 'post') => async (ctx: AppContext) => {
    const token = readCookie(ctx, SESSION_COOKIE);
    const active = token ? await activeOperator(deps, token) : null;
    if (!token || !active) {
      if (token) setCookie(ctx, deps, SESSION_COOKIE, '', { clear: true });
      if (method === 'get') return ctx.redirect(`/admin/login?next=${encodeURIComponent(ctx.originalUrl)}`);
      return send(ctx, 401, problemView('请重新登录', '登录已过期，请重新登录后再提交。', '/admin/login'));
    }
    const { operator, csrfToken } = active;
    const form = method === 'post' ? readForm(ctx) : {};
    if (method === 'post' && !sameToken(form._csrf, csrfToken)) {
      ctx.state.log.warn({ path: ctx.path, operator: operator.username }, 'console form refused: CSRF token missing or wrong');
      return send(ctx, 403, problemView('表单已过期', '表单已过期或不是从本系统提交的，请刷新页面后重试。'));
    }
    const permission = method === 'post' ? page.post!.permission : page.permission;
    if (!can(operator.role, permission)) return send(ctx, 403, problemView('没有权限', '您的角色无权进行这项操作，请联系管理员。'));
    const pc = {
      deps, ctx, operator, csrfToken, form, address: ctx.ip,
      params: Object.fromEntries(Object.entries(ctx.params ?? {}).map(([k, v]) => [k, String(v)])),
      query: Object.fromEntries(Object.entries(ctx.query).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : (v ?? '')])),
      audit: auditor(deps, operator, ctx.ip),
    };
    let result: PageResult;
    try {
      result = method === 'post' ? await page.post!.handle(pc) : await page.get(pc);
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return send(ctx, err.status, problemView('无法完成', err.message));
      ctx.state.log.error({ err, path: ctx.path }, 'console page failed');
      return send(ctx, 500, problemView('系统繁忙', '页面出错了，请稍后再试。'));
    }
    if ('redirect' in result) return ctx.redirect(result.redirect);
    if ('file' in result) {
      ctx.type = result.file.type;
      ctx.attachment(result.file.name);
      ctx.body = result.file.body;
      return;
    }
    const nav = navPages.filter((p) => can(operator.role, p.permission)).map((p) => ({ href: p.path, label: p.nav!.label }));
    send(ctx, result.status ?? 200, layout({ title: result.title ?? page.title, body: result.body, operator, csrfToken, nav, current: page.nav ? page.path : undefined }));
  };

  for (const page of pages) {
    router.get(page.path, serve(page, 'get'));
    if (page.post) router.post(page.path, serve(page, 'post'));
  }
}
