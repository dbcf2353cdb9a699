import type { Deps } from '../../deps';
import type { JobOutcome } from '../../jobs/job-runner';
import type { Job } from '../../store/jobs.repo';
import { confirmPayment, flagAmountMismatch } from './confirm-payment.workflow';
import { later } from '../../domain/clock';

/** Asks the platform about one order and books what it says; shared by the poll job and the client's return. */
export async function syncPayment(deps: Deps, tradeNo: string): Promise<'paid' | 'unpaid' | 'unknown'> {
  const order = await deps.orders.get(tradeNo);
  if (!order) return 'unknown';
  if (!['created', 'paying', 'closed'].includes(order.state)) return 'paid';
  const status = await deps.payment.queryCharge(tradeNo);
  if (status.state !== 'paid') return status.state === 'unknown' ? 'unknown' : 'unpaid';
  if (status.amountFen !== order.amountFen) {
    await flagAmountMismatch(deps, tradeNo, status.amountFen);
    return 'unknown';
  }
  await confirmPayment(deps, { tradeNo, chargeNo: status.chargeNo, traceNo: status.traceNo, amountFen: status.amountFen, paidAt: status.paidAt, tradeMode: status.tradeMode }, 'platform');
  return 'paid';
}

/** Notices may never come: poll until the order is paid or its time limit passes. */
export async function pollPaymentJob(deps: Deps, job: Job): Promise<JobOutcome> {
  const tradeNo = String(job.payload.tradeNo);
  const order = await deps.orders.get(tradeNo);
  if (!order || !['created', 'paying'].includes(order.state)) return { done: true };
  const result = await syncPayment(deps, tradeNo);
  const now = deps.now();
  if (result === 'paid' || now.toISOString() > order.expiresAt) return { done: true };
  return { retryAt: later(now, deps.config.orders.pollSeconds) };
}
