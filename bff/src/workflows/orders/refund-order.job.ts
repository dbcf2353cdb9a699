import type { Deps } from '../../deps';
import type { JobOutcome } from '../../jobs/job-runner';
import type { Job } from '../../store/jobs.repo';
import { later } from '../../domain/clock';
import { notifyOrderEvent } from './order-notices';

/**
 * Asks the platform to refund, with the same outRefundNo every time. "In progress" and unknown
 * answers (999999, 040040, …) are asked again until they settle; a refusal needs a person.
 */
export async function refundOrderJob(deps: Deps, job: Job): Promise<JobOutcome> {
  const outRefundNo = String(job.payload.outRefundNo);
  const refund = await deps.refunds.get(outRefundNo);
  if (!refund || refund.state !== 'pending') return { done: true };
  const order = await deps.orders.get(refund.tradeNo);
  if (!order) return { done: true };

  const result = await deps.payment.refund({ outRefundNo, outChargeNo: order.tradeNo, refundFen: refund.amountFen, chargedFen: order.amountFen, reason: refund.reason });
  await deps.refunds.recordAttempt(outRefundNo, result.state === 'refunded' ? 'refunded' : result.code);
  const now = deps.now();
  if (result.state === 'refunded') {
    await deps.store.db.transaction().execute(async (tx) => {
      await deps.refunds.settle(tx, outRefundNo, 'refunded', result.refundNo, now);
      if (await deps.orders.transition(tx, order.tradeNo, 'refunded', { actor: 'platform', reason: `refund ${outRefundNo} completed` }, now)) {
        await notifyOrderEvent(deps, tx, order, 'order_refunded', now);
      }
    });
    return { done: true };
  }
  if (result.state === 'rejected') {
    const reason = `refund ${outRefundNo} refused by the platform: ${result.code} ${result.message}`;
    await deps.store.db.transaction().execute(async (tx) => {
      await deps.refunds.settle(tx, outRefundNo, 'rejected', null, now);
      if (await deps.orders.transition(tx, order.tradeNo, 'attention', { actor: 'platform', reason, patch: { attentionReason: reason } }, now)) {
        await notifyOrderEvent(deps, tx, order, 'order_attention', now);
      }
    });
    return { done: true };
  }
  const pause = Math.min(600, deps.config.orders.refundRetrySeconds * 2 ** Math.min(job.attempts - 1, 5));
  return { retryAt: later(now, pause), note: `refund pending: ${result.code} ${result.message}` };
}
