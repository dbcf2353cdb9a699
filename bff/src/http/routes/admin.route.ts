import { timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import { AppError, maskIdNumber, maskName, maskPhone } from '@hosp/shared';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { scrubString } from '../../logger';
import { listSyncErrors } from '../../workflows/lab/sync-errors.workflow';
import { notifyOrderEvent } from '../../workflows/orders/order-notices';
import { startRefund } from '../../workflows/orders/refund';
import type { AppState } from '../context';
import { rejectUnsafeText } from '../text-safety';

const Resolve = z.object({ action: z.enum(['refund', 'posted', 'closed']), note: z.string().trim().min(4).max(500) });

const MASKS: Record<string, (v: string) => string> = { idNumber: maskIdNumber, idCard: maskIdNumber, id_card: maskIdNumber, realName: maskName, real_name: maskName, phone: maskPhone };

/** Enough for an operator to recognise the person, not enough to use the data. */
function masked(value: unknown): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (Array.isArray(value)) return value.map(masked);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && MASKS[k] ? MASKS[k](v) : masked(v)]));
  }
  return value;
}

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
 * What on-call needs: the orders waiting for a person (with why), the pushed messages no patient
 * matched, the background syncs that are failing, and a way to settle an order by hand — always with a note, always on the timeline.
 * Personal data leaves masked. Off unless `admin.token` is configured.
 */
export function adminRoutes(router: Router<AppState>, deps: Deps): void {
  const token = deps.config.admin.token;
  if (!token) return;
  const admin = requireAdmin(token);
  router.get('/admin/orders/attention', admin, async (ctx) => {
    const orders = await deps.orders.listByState(['attention', 'paid', 'posting', 'refunding'], 500);
    const settling = (o: (typeof orders)[number]) => (o.state === 'refunding' ? 'refund in progress' : 'payment being posted to HIS');
    ctx.body = { orders: orders.map((o) => ({ tradeNo: o.tradeNo, state: o.state, kind: o.kind, amountFen: o.amountFen, reason: o.attentionReason ?? settling(o), paidAt: o.paidAt, updatedAt: o.updatedAt })) };
  });
  router.get('/admin/unmatched', admin, async (ctx) => {
    ctx.body = { messages: (await deps.notices.unmatched()).map((m) => ({ id: m.id, source: m.source, kind: m.kind, reason: m.reason, receivedAt: m.received_at, payload: masked(m.payload) })) };
  });
  // Background syncs failing now (e.g. the lab answering in a shape we do not read): codes and key names only.
  router.get('/admin/sync-errors', admin, async (ctx) => {
    ctx.body = { errors: await listSyncErrors(deps) };
  });
  router.post('/admin/orders/:tradeNo/resolve', admin, async (ctx) => {
    rejectUnsafeText({ params: ctx.params, body: ctx.state.body });
    const { action, note } = Resolve.parse(ctx.state.body ?? {});
    const tradeNo = String(ctx.params.tradeNo);
    const now = deps.now();
    const done = await deps.store.db.transaction().execute(async (tx) => {
      const order = await deps.orders.get(tradeNo, tx);
      if (!order) throw new AppError('NOT_FOUND', 'no such order');
      if (action === 'refund') return startRefund(deps, tx, tradeNo, { actor: 'operator', cause: 'operator', reason: `operator: ${note}`, from: ['attention'] }, now);
      // Only an order that never took money (a lost HIS lock, released at the HIS by hand) is closed.
      if (action === 'closed') {
        if (order.paidAt !== null) throw new AppError('CONFLICT', 'a paid order is refunded or posted, never closed');
        return deps.orders.transition(tx, tradeNo, 'closed', { actor: 'operator', reason: `operator released the HIS place: ${note}`, from: ['attention'] }, now);
      }
      const moved = await deps.orders.transition(tx, tradeNo, 'posted', { actor: 'operator', reason: `operator confirmed HIS has it: ${note}`, from: ['attention'] }, now);
      if (moved) await notifyOrderEvent(deps, tx, order, 'order_posted', now);
      return moved;
    });
    if (!done) throw new AppError('CONFLICT', 'only an order in attention can be resolved');
    deps.log.warn({ tradeNo, action }, 'order resolved by an operator');
    ctx.body = { ok: true };
  });
}
