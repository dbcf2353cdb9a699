import { AppError } from '@hosp/shared';
import type { Deps } from '../../deps';
import type { Actor } from '../../domain/orders/order-state';
import { enqueuePost } from './order-jobs';
import { startRefund } from './refund';

export interface PaymentFact {
  tradeNo: string;
  chargeNo: string;
  traceNo: string | null;
  amountFen: number;
  paidAt: Date;
  tradeMode: string | null;
}

export type ConfirmOutcome = 'paid' | 'duplicate' | 'refunding-after-close';

/**
 * The one place a payment becomes `paid`, whoever learnt of it first (notice, poll, the client's
 * return). The state change and the posting job commit together; repeats change nothing.
 */
export async function confirmPayment(deps: Deps, fact: PaymentFact, actor: Actor): Promise<ConfirmOutcome> {
  const now = deps.now();
  return deps.store.db.transaction().execute(async (tx) => {
    const order = await deps.orders.get(fact.tradeNo, tx);
    if (!order) throw new AppError('NOT_FOUND', 'unknown order', { tradeNo: fact.tradeNo });
    if (fact.amountFen !== order.amountFen) {
      throw new AppError('CONFLICT', 'paid amount differs from the order', { tradeNo: fact.tradeNo, paidFen: fact.amountFen, orderFen: order.amountFen });
    }
    const patch = { chargeNo: fact.chargeNo, traceNo: fact.traceNo, paidAt: fact.paidAt.toISOString(), statusNote: fact.tradeMode };
    if (order.state === 'created' || order.state === 'paying') {
      const moved = await deps.orders.transition(tx, fact.tradeNo, 'paid', { actor, reason: `payment confirmed (${actor})`, patch }, now);
      if (!moved) return 'duplicate';
      await enqueuePost(deps, tx, fact.tradeNo, now);
      return 'paid';
    }
    if (order.state === 'closed') {
      await deps.orders.patch(tx, fact.tradeNo, patch, now);
      await startRefund(deps, tx, fact.tradeNo, { actor, reason: 'paid after the order was closed' }, now);
      return 'refunding-after-close';
    }
    return 'duplicate';
  });
}

/**
 * A platform query found the order paid but for another amount: never booked, never silent.
 */
export async function flagAmountMismatch(deps: Deps, tradeNo: string, paidFen: number): Promise<void> {
  const now = deps.now();
  await deps.store.db.transaction().execute(async (tx) => {
    await deps.orders.transition(tx, tradeNo, 'attention', { actor: 'platform', reason: `platform reports ${paidFen} fen paid, order is for a different amount`, patch: { attentionReason: 'amount mismatch' } }, now);
  });
}
