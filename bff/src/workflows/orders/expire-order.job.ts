import type { Deps } from '../../deps';
import type { JobOutcome } from '../../jobs/job-runner';
import type { Job } from '../../store/jobs.repo';
import { confirmPayment } from './confirm-payment.workflow';
import { later } from '../../domain/clock';

/**
 * An unpaid order past its time limit: close the platform order first (so it can no longer be
 * paid), then release the HIS lock, then mark it closed. A payment that beat the close is booked.
 */
export async function closeUnpaid(deps: Deps, tradeNo: string, actor: 'system' | 'patient', reason: string): Promise<'closed' | 'paid' | 'retry' | 'gone'> {
  const order = await deps.orders.get(tradeNo);
  if (!order || !['created', 'paying'].includes(order.state)) return 'gone';
  const closed = await deps.payment.closeCharge(tradeNo);
  if (closed === 'unknown') return 'retry';
  if (closed === 'already_paid') {
    const status = await deps.payment.queryCharge(tradeNo);
    if (status.state !== 'paid') return 'retry';
    await confirmPayment(deps, { tradeNo, chargeNo: status.chargeNo, traceNo: status.traceNo, amountFen: status.amountFen, paidAt: status.paidAt, tradeMode: status.tradeMode }, 'platform');
    return 'paid';
  }
  const handler = deps.kinds[order.kind];
  if (order.hisRef && handler) await handler.releaseUnpaid(order);
  const now = deps.now();
  await deps.store.db.transaction().execute((tx) => deps.orders.transition(tx, tradeNo, 'closed', { actor, reason, from: ['created', 'paying'] }, now));
  return 'closed';
}

export async function expireOrderJob(deps: Deps, job: Job): Promise<JobOutcome> {
  const outcome = await closeUnpaid(deps, String(job.payload.tradeNo), 'system', 'not paid in time');
  if (outcome === 'retry') return { retryAt: later(deps.now(), 30), note: 'platform close outcome unknown' };
  return { done: true };
}
