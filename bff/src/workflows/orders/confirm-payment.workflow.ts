import { AppError } from '@hosp/shared';
import type { Deps } from '../../deps';
import type { Order } from '../../domain/orders/order';
import type { Actor } from '../../domain/orders/order-state';
import { enqueuePost } from './post-order.job';
import { paidFromCard } from '../../domain/outpatient/outpatient-details';
import { startRefund } from './refund';

export interface PaymentFact {
  tradeNo: string;
  chargeNo?: string | null;
  traceNo: string | null;
  /** A notice names the amount paid; a query does not (the charge was made for the order's amount). */
  amountFen?: number;
  paidAt: Date;
  tradeMode: string | null;
}

export type ConfirmOutcome = 'paid' | 'duplicate' | 'refunding-after-close';

/**
 * The one place a payment becomes `paid`, whoever learnt of it first (notice, poll, the client's
 * return, a repeated recharge answered "already paid"). The state change and the posting job
 * commit together; repeats change nothing.
 */
export async function confirmPayment(deps: Deps, fact: PaymentFact, actor: Actor): Promise<ConfirmOutcome> {
  const now = deps.now();
  return deps.store.db.transaction().execute(async (tx) => {
    const order = await deps.orders.get(fact.tradeNo, tx);
    if (!order) throw new AppError('NOT_FOUND', 'unknown order', { tradeNo: fact.tradeNo });
    // The platform never charged a one-card payment: a platform fact about one is not ours to book.
    if (paidFromCard(order)) throw new AppError('CONFLICT', 'a one-card payment has no platform charge', { tradeNo: fact.tradeNo });
    if (fact.amountFen !== undefined && fact.amountFen !== order.amountFen) {
      throw new AppError('CONFLICT', 'paid amount differs from the order', { tradeNo: fact.tradeNo, paidFen: fact.amountFen, orderFen: order.amountFen });
    }
    const patch = {
      ...(fact.chargeNo ? { chargeNo: fact.chargeNo } : {}),
      traceNo: fact.traceNo ?? order.traceNo,
      paidAt: fact.paidAt.toISOString(),
      tradeMode: fact.tradeMode ?? order.tradeMode,
      payUnknownSince: null,
    };
    if (order.state === 'created' || order.state === 'paying') {
      const moved = await deps.orders.transition(tx, fact.tradeNo, 'paid', { actor, reason: `payment confirmed (${actor})`, patch }, now);
      if (!moved) return 'duplicate';
      await enqueuePost(deps, tx, fact.tradeNo, now);
      return 'paid';
    }
    if (order.state === 'closed') {
      await deps.orders.patch(tx, fact.tradeNo, patch, now);
      await startRefund(deps, tx, fact.tradeNo, { actor, cause: 'late_payment', reason: 'paid after the order was closed' }, now);
      return 'refunding-after-close';
    }
    return 'duplicate';
  });
}

/**
 * The platform said the charge is paid without a notice's details (033001 on a repeated recharge or
 * a close): its query gives the trace number and time; without them the payment is still certain.
 */
export async function confirmFromPlatform(deps: Deps, order: Order): Promise<ConfirmOutcome> {
  const status = order.payer ? await deps.payment.queryCharge({ outChargeNo: order.tradeNo, payer: order.payer, traceNo: order.traceNo }) : null;
  const paid = status?.state === 'paid' ? status : null;
  return confirmPayment(deps, { tradeNo: order.tradeNo, traceNo: paid?.traceNo ?? null, paidAt: paid?.paidAt ?? deps.now(), tradeMode: paid?.tradeMode ?? null }, 'platform');
}

/** The platform's answer about an unpaid order is unclear: it may be paid, so it is not offered for payment again. */
export async function markPaymentUnknown(deps: Deps, order: Order): Promise<void> {
  if (order.payUnknownSince) return;
  await deps.orders.patch(deps.store.db, order.tradeNo, { payUnknownSince: deps.now().toISOString() }, deps.now());
}
