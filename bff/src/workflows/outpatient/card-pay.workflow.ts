import { z } from 'zod';
import type { Deps } from '../../deps';
import type { Order } from '../../domain/orders/order';
import type { PostResult } from '../../domain/orders/order-kind';
import { decidePosting, type PostingDecision, type Unknown } from '../../domain/orders/posting-rules';
import { CARD_PAY_CHANNEL, paidFromCard } from '../../domain/outpatient/outpatient-details';
import { later } from '../../domain/time';
import { defineJob, enqueueJob, type JobOutcome } from '../../jobs/job-kind';
import type { Db } from '../../store/db';
import { notifyOrderEvent } from '../orders/order-notices';
import { unknownOnHisError } from '../orders/post-order.job';

/**
 * Outpatient fees paid from the one-card balance (§8.3 payType eCardPay). No payment platform is
 * involved: the outpatientPay notice itself is the debit, and HIS decides whether the balance
 * suffices. How such an order moves through the state machine (README "Paying from the one-card"):
 *
 *   created → paying   in the creation transaction: payedTime fixed, this job enqueued (outbox);
 *   paying  → paid → posting → posted   in one transaction once HIS has it (notice or §15.2);
 *   paying  → closed   when HIS answers an error and §15.2 does not have it (余额不足): no money moved;
 *   paying  → attention   when HIS's answer stays unknown past the posting window.
 *
 * Every notice carries the same tradeNo and fields (payedTime is the order's), at most 3 a round,
 * recorded before it is sent, so a crash never sends a fourth and HIS books it once.
 */

/** Where the job picks up after a crash: once HIS's slowest answer must have come. */
export function backupAt(deps: Deps, now: Date): Date {
  return later(now, deps.config.his.timeoutMs / 1000 + 10);
}

export function enqueueCardPay(deps: Deps, tx: Db, tradeNo: string, now: Date): Promise<boolean> {
  return enqueueJob(deps.jobs, tx, cardPayJob, { key: `card-pay:${tradeNo}`, payload: { tradeNo, round: 1 }, runAt: backupAt(deps, now) }, now);
}

/** One notice of a card payment and what follows from HIS's answer. */
export async function attemptCardPay(deps: Deps, tradeNo: string, round: number): Promise<JobOutcome> {
  const found = await deps.orders.get(tradeNo);
  if (!found || found.state !== 'paying' || !paidFromCard(found) || !found.paidAt) return { done: true };
  const provider = deps.kinds.get('hisSrc');
  const attempt = (found.postRound === round ? found.postAttempts : 0) + 1;
  const now = deps.now();
  await deps.store.db.transaction().execute((tx) => deps.orders.patch(tx, tradeNo, { postRound: round, postAttempts: attempt }, now));
  const order = deps.kinds.typed({ ...found, postRound: round, postAttempts: attempt }, provider);
  const o = deps.config.orders;
  const policy = { attemptGapSeconds: o.attemptGapSeconds, roundBackoffSeconds: o.roundBackoffSeconds, windowHours: o.postingWindowHours, giveUp: 'refund' as const, queryErrorMeans: o.queryErrorMeans };
  const post = await unknownOnHisError(() => provider.post(order, CARD_PAY_CHANNEL));
  const facts = { round, attempt, paidAt: new Date(found.paidAt), now, post };
  let decision = decidePosting(facts, policy);
  let refusedBy: string | null = post.state === 'failed' && post.isRefund ? post.message : null;
  if (decision.action === 'query') {
    const query = await unknownOnHisError(() => provider.queryPosted(order));
    decision = decidePosting({ ...facts, now: deps.now(), query }, policy);
    // HIS answered this very notice with an error and does not have the payment either: §8.3 says a
    // tradeNo it processed gets that result again, so nothing was taken from the card.
    if (decision.action !== 'posted' && post.state === 'failed' && query.state === 'error') refusedBy = post.message;
  }
  return apply(deps, found, refusedBy !== null ? { action: 'refund', reason: refusedBy } : decision, post);
}

async function apply(deps: Deps, order: Order, d: PostingDecision, post: PostResult | Unknown): Promise<JobOutcome> {
  const now = deps.now();
  const { tradeNo } = order;
  switch (d.action) {
    case 'retry':
      return { retryAt: later(now, d.afterSeconds), payload: { tradeNo, round: d.round }, note: d.note };
    case 'query':
      throw new Error('posting rules asked for a query twice');
    case 'posted': {
      const receipt = { ...d.receipt, ...(d.extra ?? {}) };
      await deps.store.db.transaction().execute(async (tx) => {
        const took = await deps.orders.transition(tx, tradeNo, 'paid', { actor: 'his', reason: 'HIS took the payment from the one-card balance (eCardPay)', from: ['paying'] }, now);
        if (!took) return;
        await deps.orders.transition(tx, tradeNo, 'posting', { actor: 'system', reason: 'the card payment is its own notice to HIS' }, now);
        await deps.orders.transition(tx, tradeNo, 'posted', { actor: 'his', reason: d.via === 'notice' ? 'HIS confirmed the card payment' : 'queryOrderStatus: HIS has the card payment', patch: { receipt } }, now);
        await notifyOrderEvent(deps, tx, { ...order, receipt }, 'order_posted', now);
      });
      return { done: true };
    }
    case 'refund': {
      // Nothing to refund: HIS took nothing. The order closes with HIS's words and frees its prescriptions.
      const words = post.state === 'failed' ? post.message : d.reason;
      await deps.store.db.transaction().execute((tx) =>
        deps.orders.transition(tx, tradeNo, 'closed', { actor: 'his', reason: `HIS refused the card payment: ${d.reason}`, from: ['paying'], patch: { statusNote: `refused:ECARD_PAY_REFUSED:一卡通缴费未成功（${words.replace(/:/g, '：')}）` } }, now),
      );
      return { done: true };
    }
    case 'attention':
      await deps.store.db.transaction().execute(async (tx) => {
        if (await deps.orders.transition(tx, tradeNo, 'attention', { actor: 'system', reason: d.reason, from: ['paying'], patch: { attentionReason: `one-card payment: ${d.reason}` } }, now)) {
          await notifyOrderEvent(deps, tx, order, 'order_attention', now);
        }
      });
      return { done: true };
  }
}

/** Resumes a card payment after a crash, and carries its later rounds. */
export const cardPayJob = defineJob({
  kind: 'order.card-pay',
  payload: z.object({ tradeNo: z.string(), round: z.number().int().min(1).default(1) }),
  run: (deps: Deps, { tradeNo, round }): Promise<JobOutcome> => attemptCardPay(deps, tradeNo, round),
});
