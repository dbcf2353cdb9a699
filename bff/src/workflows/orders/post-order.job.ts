import type { Deps } from '../../deps';
import { isHisError } from '../../domain/his-errors';
import type { OrderStatusResult, PostResult } from '../../domain/booking/ports';
import { payTypeFor } from '../../domain/orders/order-kind';
import type { Order, Receipt } from '../../domain/orders/order';
import type { JobOutcome } from '../../jobs/job-runner';
import type { Job } from '../../store/jobs.repo';
import { later } from '../../domain/clock';
import { notifyOrderEvent } from './order-notices';
import { startRefund } from './refund';

/** HIS's document: a payment is notified at most 3 times per round. */
export const ATTEMPTS_PER_ROUND = 3;

type Unknown = { state: 'unknown'; reason: string };

async function guard<T>(call: () => Promise<T>): Promise<T | Unknown> {
  try {
    return await call();
  } catch (err) {
    if (isHisError(err)) return { state: 'unknown', reason: `${err.code}: ${String(err.detail?.reason ?? err.message)}` };
    throw err;
  }
}

function receiptOf(r: Extract<PostResult, { state: 'posted' }> | Extract<OrderStatusResult, { state: 'posted' }>): Receipt {
  return {
    invoiceNo: r.invoiceNo,
    clinicNo: 'clinicNo' in r ? r.clinicNo : null,
    queueNo: r.queueNo,
    hisPayId: 'hisPayId' in r ? r.hisPayId : null,
    registerId: r.hisBookingId,
  };
}

/** hisRef stays the lock's id (what cancel needs); HIS's visit id goes in the receipt. */
async function markPosted(deps: Deps, order: Order, receipt: Receipt, how: string): Promise<void> {
  const now = deps.now();
  await deps.store.db.transaction().execute(async (tx) => {
    if (await deps.orders.transition(tx, order.tradeNo, 'posted', { actor: 'his', reason: how, patch: { receipt } }, now)) {
      await notifyOrderEvent(deps, tx, order, 'order_posted', now);
    }
  });
}

/**
 * Tells HIS a payment was made, following its document: the same tradeNo and fields every time,
 * at most 3 notices a round, stop and refund at once on isRefund=1, otherwise ask queryOrderStatus
 * before deciding, then further rounds with backoff until the configured window ends.
 */
export async function postOrderJob(deps: Deps, job: Job): Promise<JobOutcome> {
  const tradeNo = String(job.payload.tradeNo);
  const round = Number(job.payload.round ?? 1);
  const cfg = deps.config.orders;
  let order = await deps.orders.get(tradeNo);
  if (!order || !['paid', 'posting'].includes(order.state)) return { done: true };
  const handler = deps.kinds[order.kind];
  if (!handler) throw new Error(`no handler for order kind ${order.kind}`);
  const now = deps.now();

  // Record the attempt before the side effect: a crash never yields a fourth notice in a round.
  const attempt = (order.postRound === round ? order.postAttempts : 0) + 1;
  await deps.store.db.transaction().execute(async (tx) => {
    if (order!.state === 'paid') {
      await deps.orders.transition(tx, tradeNo, 'posting', { actor: 'system', reason: 'notifying HIS of the payment' }, now);
    }
    await deps.orders.patch(tx, tradeNo, { postRound: round, postAttempts: attempt }, now);
  });
  order = { ...order, postRound: round, postAttempts: attempt };

  const result = await guard(() => handler.post(order!, payTypeFor(order!.payClient, order!.statusNote)));
  if (result.state === 'posted') {
    await markPosted(deps, order, receiptOf(result), `HIS confirmed (round ${round}, notice ${attempt})`);
    return { done: true };
  }
  if (result.state === 'failed' && result.isRefund) {
    await deps.store.db.transaction().execute((tx) =>
      startRefund(deps, tx, tradeNo, { actor: 'his', reason: `HIS refused the payment and asked for a refund: ${result.message}` }, deps.now()),
    );
    return { done: true };
  }

  const status = await guard(() => handler.queryPosted(order!));
  if (status.state === 'posted') {
    await markPosted(deps, order, receiptOf(status), 'queryOrderStatus: HIS has the payment');
    return { done: true };
  }
  const why = result.state === 'failed' ? `HIS error: ${result.message}` : result.reason;
  const after = deps.now();
  if (attempt < ATTEMPTS_PER_ROUND) {
    return { retryAt: later(after, cfg.attemptGapSeconds), payload: { tradeNo, round }, note: why };
  }
  const paidAt = Date.parse(order.paidAt ?? order.createdAt);
  if (after.getTime() - paidAt >= cfg.postingWindowHours * 3_600_000) {
    await giveUp(deps, order, status.state === 'not_posted', why);
    return { done: true };
  }
  const pause = Math.min(3600, cfg.roundBackoffSeconds * 2 ** (round - 1));
  return { retryAt: later(after, pause), payload: { tradeNo, round: round + 1 }, note: why };
}

/** The window is over. Refund only when HIS said it does not have the payment; otherwise a person decides. */
async function giveUp(deps: Deps, order: Order, hisSaysNotPosted: boolean, why: string): Promise<void> {
  const now = deps.now();
  const reason = `HIS did not take the payment within ${deps.config.orders.postingWindowHours} h (${why})`;
  await deps.store.db.transaction().execute(async (tx) => {
    if (hisSaysNotPosted && deps.config.orders.postingGiveUp === 'refund') {
      await startRefund(deps, tx, order.tradeNo, { actor: 'system', reason }, now);
    } else {
      const detail = hisSaysNotPosted ? reason : `${reason}; HIS could not confirm either way`;
      if (await deps.orders.transition(tx, order.tradeNo, 'attention', { actor: 'system', reason: detail, patch: { attentionReason: detail } }, now)) {
        await notifyOrderEvent(deps, tx, order, 'order_attention', now);
      }
    }
  });
}
