import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Deps } from '../../deps';
import type { Order, Refund } from '../../domain/orders/order';
import type { RefundResult } from '../../domain/payments/ports';
import { later } from '../../domain/time';
import { errorBackoffMs } from '../../jobs/job-runner';
import { defineJob, enqueueJob, type JobOutcome } from '../../jobs/job-kind';
import type { Db } from '../../store/db';
import type { Job } from '../../store/jobs.repo';
import { notifyOrderEvent } from './order-notices';

/**
 * Asks the platform to refund, with the same outRefundNo every time, by the charge's traceNo,
 * outChargeNo and amount. An unclear answer (999999, 040040, in progress, no reply) is followed by
 * hop.trade.query before anything is sent again; a refusal needs a person. A refund that has not
 * settled within `refundAttentionMinutes` goes to a person and is still asked about.
 */
export const refundJob = defineJob({
  kind: 'order.refund',
  payload: z.object({ tradeNo: z.string(), outRefundNo: z.string() }),
  run: (deps: Deps, p, job) => refundOnce(deps, p.outRefundNo, job),
});

export function enqueueRefund(deps: Deps, tx: Db, tradeNo: string, outRefundNo: string, now: Date): Promise<boolean> {
  return enqueueJob(deps.jobs, tx, refundJob, { key: `refund:${outRefundNo}`, payload: { tradeNo, outRefundNo }, runAt: now }, now);
}

/**
 * Runs a refund's job here and now when nobody else holds it (a caller that must answer quickly,
 * e.g. HIS's refundApply), with the same lease and bookkeeping as the job runner, so the platform
 * is asked by one runner at a time whoever started it. Returns when this attempt is over.
 */
export async function runRefundNow(deps: Deps, outRefundNo: string): Promise<void> {
  const owner = `inline-${process.pid}-${randomBytes(3).toString('hex')}`;
  const job = await deps.jobs.claimKey(`refund:${outRefundNo}`, owner, deps.now(), deps.config.jobs.leaseMs);
  if (!job) return;
  try {
    const outcome = await refundOnce(deps, outRefundNo, job);
    if ('done' in outcome) await deps.jobs.complete(job.id, owner, deps.now());
    else await deps.jobs.reschedule(job.id, owner, outcome.retryAt, outcome.note ?? null, deps.now(), outcome.payload);
  } catch (err) {
    deps.log.warn({ key: job.key, err }, 'inline refund attempt failed; the job will retry');
    await deps.jobs.reschedule(job.id, owner, new Date(deps.now().getTime() + errorBackoffMs(job.attempts)), err instanceof Error ? err.message : String(err), deps.now()).catch(() => undefined);
  }
}

async function refundOnce(deps: Deps, outRefundNo: string, job: Job): Promise<JobOutcome> {
  const refund = await deps.refunds.get(outRefundNo);
  if (!refund || refund.state !== 'pending') return { done: true };
  const order = await deps.orders.get(refund.tradeNo);
  if (!order) return { done: true };
  if (!order.payer) return escalate(deps, order, refund, 'the order has no payer account recorded (created before it was kept)');

  if (refund.attempts > 0) {
    // The last answer was unclear: learn what became of it before sending the same refund again.
    const status = await deps.payment.queryRefund(outRefundNo, order.payer);
    if (status.state === 'refunded') return settle(deps, order, refund, { state: 'refunded', refundNo: null, refundedAt: status.refundedAt ?? deps.now() });
    if (status.state === 'pending' || status.state === 'unknown') return wait(deps, order, refund, job, status.state === 'unknown' ? status.reason : 'in progress');
  }
  const traceNo = order.traceNo ?? (await learnTraceNo(deps, order));
  if (!traceNo) return wait(deps, order, refund, job, 'the payment trace number is not known yet');

  const result = await deps.payment.refund({
    outRefundNo,
    charge: { outChargeNo: order.tradeNo, payer: order.payer, traceNo },
    channel: order.payChannel ?? order.tradeMode ?? '',
    refundFen: refund.amountFen,
    chargedFen: order.amountFen,
    // HIS started it and settles its own side: the platform must not call HIS's refund again (§ refundType hisDecide).
    flow: refund.cause === 'hospital' ? 'hisDecide' : deps.config.payment.refundType[order.kind],
    reason: refund.reason,
  });
  await deps.refunds.recordAttempt(outRefundNo, result.state === 'refunded' ? 'refunded' : result.code);
  if (result.state === 'pending') return wait(deps, order, refund, job, `${result.code} ${result.message}`);
  return settle(deps, order, refund, result);
}

/** A charge confirmed without its trace number (e.g. 033001 on a repeated recharge): the query gives it. */
async function learnTraceNo(deps: Deps, order: Order): Promise<string | null> {
  const status = await deps.payment.queryCharge({ outChargeNo: order.tradeNo, payer: order.payer!, traceNo: null });
  if (status.state !== 'paid' || !status.traceNo) return null;
  await deps.orders.patch(deps.store.db, order.tradeNo, { traceNo: status.traceNo }, deps.now());
  return status.traceNo;
}

async function settle(deps: Deps, order: Order, refund: Refund, result: Exclude<RefundResult, { state: 'pending' }>): Promise<JobOutcome> {
  const now = deps.now();
  await deps.store.db.transaction().execute(async (tx) => {
    if (result.state === 'refunded') {
      await deps.refunds.settle(tx, refund.outRefundNo, 'refunded', result.refundNo, now);
      // Partial refunds (HIS's refundApply) leave the order as it is until all it was paid has gone back.
      const refunds = await deps.refunds.forOrder(order.tradeNo, tx);
      const back = refunds.filter((r) => r.state === 'refunded').reduce((sum, r) => sum + r.amountFen, 0);
      const whole = back >= order.amountFen && !refunds.some((r) => r.state === 'pending');
      if (whole && (await deps.orders.transition(tx, order.tradeNo, 'refunded', { actor: 'platform', reason: `refund ${refund.outRefundNo} completed`, from: ['refunding', 'attention'] }, now))) {
        await notifyOrderEvent(deps, tx, order, 'order_refunded', now, refund.amountFen === order.amountFen ? undefined : refund);
      } else if (!whole && refund.amountFen < order.amountFen) {
        await notifyOrderEvent(deps, tx, order, 'order_refunded', now, refund);
      }
      return;
    }
    const reason = `refund ${refund.outRefundNo} refused by the platform: ${result.code} ${result.message}`;
    await deps.refunds.settle(tx, refund.outRefundNo, 'rejected', null, now);
    if (await deps.orders.transition(tx, order.tradeNo, 'attention', { actor: 'platform', reason, patch: { attentionReason: reason } }, now)) {
      await notifyOrderEvent(deps, tx, order, 'order_attention', now);
    }
  });
  return { done: true };
}

/** Not settled yet: ask again later; past the configured time a person is told (the asking goes on). */
async function wait(deps: Deps, order: Order, refund: Refund, job: Job, why: string): Promise<JobOutcome> {
  const now = deps.now();
  const cfg = deps.config.orders;
  // A partial refund of a posted order that does not settle goes to a person too.
  if ((order.state === 'refunding' || order.state === 'posted') && now.getTime() - Date.parse(refund.createdAt) >= cfg.refundAttentionMinutes * 60_000) {
    await escalate(deps, order, refund, `refund ${refund.outRefundNo} not settled after ${cfg.refundAttentionMinutes} min (${why})`);
  }
  const pause = Math.min(600, cfg.refundRetrySeconds * 2 ** Math.min(Math.max(job.attempts - 1, 0), 5));
  return { retryAt: later(now, pause), note: `refund pending: ${why}` };
}

async function escalate(deps: Deps, order: Order, refund: Refund, reason: string): Promise<JobOutcome> {
  const now = deps.now();
  await deps.store.db.transaction().execute(async (tx) => {
    if (await deps.orders.transition(tx, order.tradeNo, 'attention', { actor: 'system', reason, patch: { attentionReason: reason } }, now)) {
      await notifyOrderEvent(deps, tx, order, 'order_attention', now);
    }
  });
  return order.payer ? { retryAt: later(now, deps.config.orders.refundRetrySeconds), note: reason } : { done: true };
}
