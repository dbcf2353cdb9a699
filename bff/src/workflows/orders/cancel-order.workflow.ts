import { AppError, type OrderDetail } from '@hosp/shared';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { isHisError } from '../../domain/his-errors';
import { later } from '../../domain/time';
import { defineJob, enqueueJob } from '../../jobs/job-kind';
import { closeUnpaid } from './expire-order.job';
import { orderDetailView, statusView, viewContext } from './order-view';
import { startRefund } from './refund';

/**
 * Runs after a posted-order cancellation: if no refund was recorded (the process died between HIS
 * cancelling and the refund being written), a person must look.
 */
export const cancelCheckJob = defineJob({
  kind: 'order.cancel-check',
  payload: z.object({ tradeNo: z.string() }),
  async run(deps: Deps, { tradeNo }) {
    const order = await deps.orders.get(tradeNo);
    if (order?.state === 'posted' && (await deps.refunds.forOrder(tradeNo)).length === 0) {
      const reason = 'the patient cancelled; whether HIS cancelled the booking is unknown (interrupted)';
      await deps.store.db.transaction().execute((tx) => deps.orders.transition(tx, tradeNo, 'attention', { actor: 'system', reason, patch: { attentionReason: reason } }, deps.now()));
    }
    return { done: true };
  },
});

/**
 * The patient cancels. Unpaid: the platform order is closed and the place released. Posted: HIS
 * cancels it first (where HIS can), then the refund is recorded. A crash between the two is caught
 * by a check job written before HIS is called, which hands the order to a person instead of losing it.
 */
export async function cancelOrder(deps: Deps, accountId: string, tradeNo: string): Promise<OrderDetail> {
  const order = await deps.orders.getOwned(accountId, tradeNo);
  if (!order) throw new AppError('NOT_FOUND', '订单不存在');
  const view = statusView(order, await deps.refunds.forOrder(tradeNo), viewContext(deps, order));
  if (!view.canCancel) {
    const paidNotPosted = order.state === 'paid' || order.state === 'posting';
    throw new AppError('CONFLICT', paidNotPosted ? '正在与医院确认支付结果，请稍后再取消' : order.state === 'posted' ? '该订单不支持线上取消，请到医院窗口办理' : '该订单当前不能取消');
  }
  if (order.state === 'created' || order.state === 'paying') {
    const outcome = await closeUnpaid(deps, tradeNo, 'patient', 'cancelled by the patient before paying');
    if (outcome === 'retry') throw new AppError('PAYMENT_UNAVAILABLE', '支付平台繁忙，请稍后再试');
  } else {
    const provider = deps.kinds.get(order.kind);
    if (!provider.cancelPosted) throw new AppError('CONFLICT', '该订单不支持线上取消，请到医院窗口办理');
    const now = deps.now();
    await deps.store.db.transaction().execute((tx) =>
      enqueueJob(deps.jobs, tx, cancelCheckJob, { key: `cancel-check:${tradeNo}`, payload: { tradeNo }, runAt: later(now, 300) }, now),
    );
    try {
      await provider.cancelPosted(deps.kinds.typed(order, provider));
    } catch (err) {
      // HIS said no: the booking stands, nothing to check. No answer: the check job stays.
      if (isHisError(err, 'HIS_REJECTED')) await deps.jobs.withdraw(`cancel-check:${tradeNo}`, deps.now());
      throw err;
    }
    await deps.store.db.transaction().execute((tx) => startRefund(deps, tx, tradeNo, { actor: 'patient', cause: 'patient_cancelled', reason: 'booking cancelled by the patient; HIS cancelled it', from: ['posted'] }, deps.now()));
  }
  return orderDetailView(deps, (await deps.orders.get(tradeNo))!);
}
