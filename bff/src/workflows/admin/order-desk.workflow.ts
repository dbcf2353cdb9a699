import { AppError, maskIdNumber, maskName, maskPhone } from '@hosp/shared';
import { z } from 'zod';
import type { Deps } from '../../deps';
import type { Order, OrderEvent, Refund } from '../../domain/orders/order';
import type { OrderState } from '../../domain/orders/order-state';
import { scrubString } from '../../logger';
import { notifyOrderEvent } from '../orders/order-notices';
import { startRefund } from '../orders/refund';

/**
 * The operator's order desk, shared by the JSON API and the console: which orders wait for a
 * person and why, one order's story, and settling an order by hand — always with a note, always on the timeline.
 */

/** attention: only a person can settle it; the others are settling by themselves (shown so nothing hides). */
export const WAITING_STATES: readonly OrderState[] = ['attention', 'paid', 'posting', 'refunding'];

export interface WaitingOrder {
  tradeNo: string;
  state: OrderState;
  kind: string;
  amountFen: number;
  /** Why it waits: the recorded reason for attention, null while it is settling by itself. */
  attentionReason: string | null;
  paidAt: string | null;
  updatedAt: string;
}

export async function ordersWaiting(deps: Deps, limit = 500): Promise<WaitingOrder[]> {
  const orders = await deps.orders.listByState([...WAITING_STATES], limit);
  return orders
    .map((o) => ({ tradeNo: o.tradeNo, state: o.state, kind: o.kind, amountFen: o.amountFen, attentionReason: o.attentionReason, paidAt: o.paidAt, updatedAt: o.updatedAt }))
    .sort((a, b) => Number(b.state === 'attention') - Number(a.state === 'attention') || a.updatedAt.localeCompare(b.updatedAt));
}

export interface OrderStory {
  order: Order;
  events: OrderEvent[];
  refunds: Refund[];
}

/** One order with its timeline and refunds; free text scrubbed of ID and phone numbers. */
export async function orderStory(deps: Deps, tradeNo: string): Promise<OrderStory | null> {
  const order = await deps.orders.get(tradeNo);
  if (!order) return null;
  const events = (await deps.orders.events(tradeNo)).map((e) => ({ ...e, reason: scrubString(e.reason) }));
  const refunds = (await deps.refunds.forOrder(tradeNo)).map((r) => ({ ...r, reason: scrubString(r.reason) }));
  return { order, events, refunds };
}

export const RESOLVE_ACTIONS = ['refund', 'posted', 'closed'] as const;
export type ResolveAction = (typeof RESOLVE_ACTIONS)[number];
export const ResolveInput = z.object({ action: z.enum(RESOLVE_ACTIONS), note: z.string().trim().min(4).max(500) });

/**
 * Settles an order in attention: refund it, confirm HIS has it, or close it when it never took
 * money (a lost HIS lock, released at the HIS by hand). `by` names the operator on the timeline.
 */
export async function resolveOrder(deps: Deps, tradeNo: string, input: { action: ResolveAction; note: string }, by?: string): Promise<void> {
  const { action, note } = input;
  const who = by ? `operator ${by}` : 'operator';
  const now = deps.now();
  const done = await deps.store.db.transaction().execute(async (tx) => {
    const order = await deps.orders.get(tradeNo, tx);
    if (!order) throw new AppError('NOT_FOUND', 'no such order');
    if (action === 'refund') return startRefund(deps, tx, tradeNo, { actor: 'operator', cause: 'operator', reason: `${who}: ${note}`, from: ['attention'] }, now);
    if (action === 'closed') {
      if (order.paidAt !== null) throw new AppError('CONFLICT', 'a paid order is refunded or posted, never closed');
      return deps.orders.transition(tx, tradeNo, 'closed', { actor: 'operator', reason: `${who} released the HIS place: ${note}`, from: ['attention'] }, now);
    }
    const moved = await deps.orders.transition(tx, tradeNo, 'posted', { actor: 'operator', reason: `${who} confirmed HIS has it: ${note}`, from: ['attention'] }, now);
    if (moved) await notifyOrderEvent(deps, tx, order, 'order_posted', now);
    return moved;
  });
  if (!done) throw new AppError('CONFLICT', 'only an order in attention can be resolved');
  deps.log.warn({ tradeNo, action, by }, 'order resolved by an operator');
}

const MASKS: Record<string, (v: string) => string> = { idNumber: maskIdNumber, idCard: maskIdNumber, id_card: maskIdNumber, realName: maskName, real_name: maskName, phone: maskPhone };

/** Enough for an operator to recognise the person, not enough to use the data. */
export function masked(value: unknown): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (Array.isArray(value)) return value.map(masked);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && MASKS[k] ? MASKS[k](v) : masked(v)]));
  }
  return value;
}

/** Pushed messages no patient matched, personal data masked. */
export async function unmatchedMessages(deps: Deps) {
  return (await deps.notices.unmatched()).map((m) => ({ id: m.id, source: m.source, kind: m.kind, reason: m.reason, receivedAt: m.received_at, payload: masked(m.payload) }));
}

export interface HisRefundRow {
  hisId: string;
  tradeNo: string;
  outRefundNo: string;
  amountFen: number;
  state: string;
  isReverse: boolean;
  createdAt: string;
  settledAt: string | null;
}

/** Refunds HIS started (refundApply): newest first. */
export async function hisStartedRefunds(deps: Deps, limit = 200): Promise<HisRefundRow[]> {
  const rows = await deps.store.db.selectFrom('refunds').selectAll().where('his_id', 'is not', null).orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ hisId: r.his_id!, tradeNo: r.trade_no, outRefundNo: r.out_refund_no, amountFen: Number(r.amount_fen), state: r.state, isReverse: Number(r.is_reverse ?? 0) === 1, createdAt: r.created_at, settledAt: r.settled_at }));
}
