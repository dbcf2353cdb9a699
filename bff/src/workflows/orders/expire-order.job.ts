import { z } from 'zod';
import type { Deps } from '../../deps';
import type { Order } from '../../domain/orders/order';
import { UNPAID } from '../../domain/orders/order-state';
import { later } from '../../domain/time';
import { defineJob, enqueueJob } from '../../jobs/job-kind';
import type { Db } from '../../store/db';
import { paidFromCard } from '../../domain/outpatient/outpatient-details';
import { confirmFromPlatform, confirmPayment, markPaymentUnknown } from './confirm-payment.workflow';

export type CloseOutcome = 'closed' | 'paid' | 'retry' | 'gone' | 'attention';

/**
 * Closes an unpaid order. The platform is asked first, since the patient may have paid: a paid
 * charge is confirmed (its HIS place is kept for posting), an unclear answer means "later", and
 * only a charge the platform agrees is unpaid is closed. Then the HIS place is released, then the
 * order is marked closed. An order whose HIS lock reply was lost goes to a person with its keys.
 */
export async function closeUnpaid(deps: Deps, tradeNo: string, actor: 'system' | 'patient', reason: string): Promise<CloseOutcome> {
  const order = await deps.orders.get(tradeNo);
  // A one-card payment is never closed from here: HIS may be taking it (card-pay.workflow decides).
  if (!order || !UNPAID.includes(order.state) || paidFromCard(order)) return 'gone';
  if (order.payer) {
    const ref = { outChargeNo: tradeNo, payer: order.payer, traceNo: order.traceNo };
    const status = await deps.payment.queryCharge(ref);
    if (status.state === 'paid') {
      await confirmPayment(deps, { tradeNo, traceNo: status.traceNo, paidAt: status.paidAt ?? deps.now(), tradeMode: status.tradeMode }, 'platform');
      return 'paid';
    }
    if (status.state === 'unknown') return unclear(deps, order);
    const closed = await deps.payment.closeCharge(ref);
    if (closed === 'already_paid') {
      await confirmFromPlatform(deps, order);
      return 'paid';
    }
    if (closed === 'unknown') return unclear(deps, order);
  }
  const provider = deps.kinds.get(order.kind);
  const typed = deps.kinds.typed(order, provider);
  if (!order.hisRef && provider.heldInHis) return lockUnknown(deps, order, `HIS lock reply never arrived (${provider.heldInHis(typed)})`);
  if (order.hisRef) await provider.releaseUnpaid(typed);
  const now = deps.now();
  await deps.store.db.transaction().execute((tx) => deps.orders.transition(tx, tradeNo, 'closed', { actor, reason, from: UNPAID }, now));
  return 'closed';
}

async function unclear(deps: Deps, order: Order): Promise<CloseOutcome> {
  await markPaymentUnknown(deps, order);
  return 'retry';
}

/** A HIS place may be held that we cannot name by id: a person releases it (README: residual risk). */
export async function lockUnknown(deps: Deps, order: Order, reason: string): Promise<CloseOutcome> {
  const now = deps.now();
  // No patient notice: no money was taken; the order page says the booking was not completed.
  await deps.store.db.transaction().execute((tx) => deps.orders.transition(tx, order.tradeNo, 'attention', { actor: 'system', reason, patch: { attentionReason: reason }, from: UNPAID }, now));
  return 'attention';
}

export const expireJob = defineJob({
  kind: 'order.expire',
  payload: z.object({ tradeNo: z.string() }),
  async run(deps: Deps, { tradeNo }) {
    const outcome = await closeUnpaid(deps, tradeNo, 'system', 'not paid in time');
    if (outcome === 'retry') return { retryAt: later(deps.now(), 30), note: 'platform outcome unclear' };
    return { done: true };
  },
});

export function enqueueExpire(deps: Deps, tx: Db, tradeNo: string, at: Date, now: Date): Promise<boolean> {
  return enqueueJob(deps.jobs, tx, expireJob, { key: `expire:${tradeNo}`, payload: { tradeNo }, runAt: at }, now);
}
