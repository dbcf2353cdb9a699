import { AppError } from '@hosp/shared';
import type { Deps } from '../../deps';
import { refundableFen } from '../../domain/finance/his-refund';
import { refundNoFor } from '../../domain/orders/order';
import type { Actor, OrderState } from '../../domain/orders/order-state';
import type { RefundCause } from '../../domain/orders/refund-cause';
import type { Db } from '../../store/db';
import { paidFromCard } from '../../domain/outpatient/outpatient-details';
import { enqueueRefund } from './refund-order.job';

/**
 * Moves an order to `refunding` and records its refund and refund job, all in the caller's
 * transaction. The refund number is fixed here, once, and the total can never exceed what was paid;
 * it refunds what is left after earlier (partial) refunds.
 */
export async function startRefund(deps: Deps, tx: Db, tradeNo: string, opts: { actor: Actor; cause: RefundCause; reason: string; from?: readonly OrderState[] }, now: Date): Promise<boolean> {
  const order = await deps.orders.get(tradeNo, tx);
  if (!order) throw new AppError('NOT_FOUND', '订单不存在');
  // The platform took nothing for a one-card payment, so it never refunds one; HIS returns it to the card.
  if (paidFromCard(order)) throw new AppError('CONFLICT', '一卡通余额缴费的订单不经支付平台退款，请到医院窗口办理', { tradeNo });
  const moved = await deps.orders.transition(tx, tradeNo, 'refunding', { actor: opts.actor, reason: opts.reason, ...(opts.from ? { from: opts.from } : {}) }, now);
  if (!moved) return false;
  const refunds = await deps.refunds.forOrder(tradeNo, tx);
  const outRefundNo = refundNoFor(tradeNo, refunds.length + 1);
  // What the hospital refunded already (refundApply) stays refunded: this returns the rest.
  const rest = refundableFen(order, refunds);
  if (rest <= 0) throw new AppError('CONFLICT', '退款金额超过已支付金额', { tradeNo });
  const ok = await deps.refunds.create(tx, { outRefundNo, tradeNo, amountFen: rest, reason: opts.reason, cause: opts.cause }, order.amountFen, now);
  if (!ok) throw new AppError('CONFLICT', '退款金额超过已支付金额', { tradeNo });
  await enqueueRefund(deps, tx, tradeNo, outRefundNo, now);
  return true;
}
