import { timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import { AppError } from '@hosp/shared';
import type { Middleware } from 'koa';
import type { Deps } from '../../deps';
import { ordersWaiting, resolveOrder, ResolveInput, unmatchedMessages } from '../../workflows/admin/order-desk.workflow';
import { listSyncErrors } from '../../workflows/lab/sync-errors.workflow';
import type { AppState } from '../context';
import { rejectUnsafeText } from '../text-safety';

/** The operator's bearer token, compared in constant time. */
export function requireAdmin(token: string): Middleware<AppState> {
  const expected = Buffer.from(token);
  return async (ctx, next) => {
    const given = Buffer.from(/^Bearer (.+)$/.exec(ctx.get('authorization'))?.[1] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('UNAUTHENTICATED', 'operator token required');
    await next();
  };
}

/**
 * The JSON side of the order desk (scripts, monitoring; people use the console at /admin): the
 * orders waiting for a person (with why), the pushed messages no patient matched, the background
 * syncs that are failing, and settling an order by hand. Personal data leaves masked. Off unless
 * `admin.token` is configured.
 */
export function adminRoutes(router: Router<AppState>, deps: Deps): void {
  const token = deps.config.admin.token;
  if (!token) return;
  const admin = requireAdmin(token);
  router.get('/admin/orders/attention', admin, async (ctx) => {
    const settling = (state: string) => (state === 'refunding' ? 'refund in progress' : 'payment being posted to HIS');
    ctx.body = { orders: (await ordersWaiting(deps)).map(({ attentionReason, ...o }) => ({ ...o, reason: attentionReason ?? settling(o.state) })) };
  });
  router.get('/admin/unmatched', admin, async (ctx) => {
    ctx.body = { messages: await unmatchedMessages(deps) };
  });
  // Background syncs failing now (e.g. the lab answering in a shape we do not read): codes and key names only.
  router.get('/admin/sync-errors', admin, async (ctx) => {
    ctx.body = { errors: await listSyncErrors(deps) };
  });
  router.post('/admin/orders/:tradeNo/resolve', admin, async (ctx) => {
    rejectUnsafeText({ params: ctx.params, body: ctx.state.body });
    await resolveOrder(deps, String(ctx.params.tradeNo), ResolveInput.parse(ctx.state.body ?? {}));
    ctx.body = { ok: true };
  });
}
