import { AppError, type OrderDetail } from '@hosp/shared';
import type { Deps } from '../../deps';
import { beijingDate, later } from '../../domain/clock';
import { isHisError } from '../../domain/his-errors';
import type { JobOutcome } from '../../jobs/job-runner';
import type { Job } from '../../store/jobs.repo';
import { closeUnpaid } from './expire-order.job';
import { orderDetailView, statusView } from './order-view';
import { startRefund } from './refund';

export const CANCEL_CHECK_JOB = 'order.cancel-check';

/**
 * The patient cancels. Unpaid: the platform order is closed and the slot released. Posted: HIS
 * cancels the booking first, then the refund is recorded. A crash between the two is caught by a
 * check job written before HIS is called, which hands the order to a person instead of losing it.
 */
export async function cancelOrder(deps: Deps, accountId: string, tradeNo: string): Promise<OrderDetail> {
  const order = await deps.orders.getOwned(accountId, tradeNo);
  if (!order) throw new AppError('NOT_FOUND', '订单不存在');
  const view = statusView(order, await deps.refunds.forOrder(tradeNo), beijingDate(deps.now()));
  if (!view.canCancel) throw new AppError('CONFLICT', order.state === 'paid' || order.state === 'posting' ? '正在与医院确认支付结果，请稍后再取消' : '该订单当前不能取消');

  if (order.state === 'created' || order.state === 'paying') {
    const outcome = await closeUnpaid(deps, tradeNo, 'patient', 'cancelled by the patient before paying');
    if (outcome === 'retry') throw new AppError('PAYMENT_UNAVAILABLE', '支付平台繁忙，请稍后再试');
  } else {
    const handler = deps.kinds[order.kind];
    if (!handler?.cancelPosted) throw new AppError('CONFLICT', '该订单不支持线上取消');
    const now = deps.now();
    await deps.store.db.transaction().execute((tx) =>
      deps.jobs.enqueue(tx, { kind: CANCEL_CHECK_JOB, key: `cancel-check:${tradeNo}`, payload: { tradeNo }, runAt: later(now, 300) }, now),
    );
    try {
      await handler.cancelPosted(order);
    } catch (err) {
      // HIS said no: the booking stands, nothing to check. No answer: the check job stays.
      if (isHisError(err, 'HIS_REJECTED')) await deps.jobs.withdraw(`cancel-check:${tradeNo}`, deps.now());
      throw err;
    }
    await deps.store.db.transaction().execute((tx) => startRefund(deps, tx, tradeNo, { actor: 'patient', reason: 'booking cancelled by the patient; HIS cancelled it', from: ['posted'] }, deps.now()));
  }
  return orderDetailView(deps, (await deps.orders.get(tradeNo))!);
}

/** Runs after a posted-booking cancellation: if no refund was recorded, a person must look. */
export async function cancelCheckJob(deps: Deps, job: Job): Promise<JobOutcome> {
  const tradeNo = String(job.payload.tradeNo);
  const order = await deps.orders.get(tradeNo);
  if (order?.state === 'posted' && (await deps.refunds.forOrder(tradeNo)).length === 0) {
    const reason = 'the patient cancelled; whether HIS cancelled the booking is unknown (interrupted)';
    await deps.store.db.transaction().execute((tx) => deps.orders.transition(tx, tradeNo, 'attention', { actor: 'system', reason, patch: { attentionReason: reason } }, deps.now()));
  }
  return { done: true };
}
