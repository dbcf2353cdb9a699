import { z } from 'zod';
import type { Deps } from '../../deps';
import { UNPAID } from '../../domain/orders/order-state';
import { later } from '../../domain/time';
import { defineJob, enqueueJob } from '../../jobs/job-kind';
import type { Db } from '../../store/db';
import { paidFromCard } from '../../domain/outpatient/outpatient-details';
import { confirmPayment, markPaymentUnknown } from './confirm-payment.workflow';

export type SyncOutcome = 'paid' | 'unpaid' | 'unknown';

/**
 * Asks the platform about one order and books what it says; shared by the poll job, expiry and the
 * client's return. `succ` is paid for the order's own amount (the query names none).
 */
export async function syncPayment(deps: Deps, tradeNo: string): Promise<SyncOutcome> {
  const order = await deps.orders.get(tradeNo);
  // No platform charge exists for a one-card payment: the platform has nothing to say about it.
  if (!order || paidFromCard(order)) return 'unknown';
  if (!['created', 'paying', 'closed'].includes(order.state)) return 'paid';
  if (!order.payer) return 'unknown';
  const status = await deps.payment.queryCharge({ outChargeNo: tradeNo, payer: order.payer, traceNo: order.traceNo });
  if (status.state === 'paid') {
    await confirmPayment(deps, { tradeNo, traceNo: status.traceNo, paidAt: status.paidAt ?? deps.now(), tradeMode: status.tradeMode }, 'platform');
    return 'paid';
  }
  if (status.state === 'unknown') {
    if (order.state !== 'closed') await markPaymentUnknown(deps, order);
    return 'unknown';
  }
  return 'unpaid';
}

/**
 * Notices may never come: ask with backoff (pollSeconds, doubling, capped at pollMaxSeconds) for as
 * long as the order is unpaid — past its time limit too, until expiry's close or a payment settles it.
 */
export const pollJob = defineJob({
  kind: 'order.poll',
  payload: z.object({ tradeNo: z.string(), attempt: z.number().int().min(0).default(0) }),
  async run(deps: Deps, { tradeNo, attempt }) {
    const order = await deps.orders.get(tradeNo);
    if (!order || !UNPAID.includes(order.state)) return { done: true };
    if ((await syncPayment(deps, tradeNo)) === 'paid') return { done: true };
    return { retryAt: later(deps.now(), pollDelay(deps, attempt + 1)), payload: { tradeNo, attempt: attempt + 1 } };
  },
});

function pollDelay(deps: Deps, attempt: number): number {
  const { pollSeconds, pollMaxSeconds } = deps.config.orders;
  return Math.min(pollMaxSeconds, pollSeconds * 2 ** Math.min(attempt, 16));
}

export function enqueuePoll(deps: Deps, tx: Db, tradeNo: string, now: Date): Promise<boolean> {
  return enqueueJob(deps.jobs, tx, pollJob, { key: `poll:${tradeNo}`, payload: { tradeNo, attempt: 0 }, runAt: later(now, pollDelay(deps, 0)) }, now);
}
