import { z } from 'zod';
import type { Deps } from '../../deps';
import { isHisError } from '../../domain/his-errors';
import type { Order } from '../../domain/orders/order';
import { payTypeFor } from '../../domain/orders/order-kind';
import { decidePosting, type PostingDecision, type PostingPolicy, type Unknown } from '../../domain/orders/posting-rules';
import { later } from '../../domain/time';
import { defineJob, enqueueJob, type JobOutcome } from '../../jobs/job-kind';
import type { Db } from '../../store/db';
import { notifyOrderEvent } from './order-notices';
import { startRefund } from './refund';

/** A HIS call that failed without an answer is an unknown outcome, not an error of ours. */
export async function unknownOnHisError<T>(call: () => Promise<T>): Promise<T | Unknown> {
  try {
    return await call();
  } catch (err) {
    if (isHisError(err)) return { state: 'unknown', reason: `${err.code}: ${String(err.detail?.reason ?? err.message)}` };
    throw err;
  }
}

function policyOf(deps: Deps): PostingPolicy {
  const o = deps.config.orders;
  return { attemptGapSeconds: o.attemptGapSeconds, roundBackoffSeconds: o.roundBackoffSeconds, windowHours: o.postingWindowHours, giveUp: o.postingGiveUp, queryErrorMeans: o.queryErrorMeans };
}

/**
 * Tells HIS a payment was made. The attempt is recorded before the notice is sent (a crash never
 * yields a fourth notice in a round); what follows is decided by the document's rules
 * (`decidePosting`), and only applied here.
 */
export const postJob = defineJob({
  kind: 'order.post',
  payload: z.object({ tradeNo: z.string(), round: z.number().int().min(1).default(1) }),
  async run(deps: Deps, { tradeNo, round }): Promise<JobOutcome> {
    const found = await deps.orders.get(tradeNo);
    if (!found || !['paid', 'posting'].includes(found.state)) return { done: true };
    const provider = deps.kinds.get(found.kind);
    const attempt = (found.postRound === round ? found.postAttempts : 0) + 1;
    const now = deps.now();
    await deps.store.db.transaction().execute(async (tx) => {
      if (found.state === 'paid') await deps.orders.transition(tx, tradeNo, 'posting', { actor: 'system', reason: 'notifying HIS of the payment' }, now);
      await deps.orders.patch(tx, tradeNo, { postRound: round, postAttempts: attempt }, now);
    });
    const order = deps.kinds.typed({ ...found, postRound: round, postAttempts: attempt }, provider);
    const facts = { round, attempt, paidAt: new Date(order.paidAt ?? order.createdAt), now, post: await unknownOnHisError(() => provider.post(order, payTypeFor(order.payClient, order.tradeMode))) };
    let decision = decidePosting(facts, policyOf(deps));
    if (decision.action === 'query') {
      const query = await unknownOnHisError(() => provider.queryPosted(order));
      decision = decidePosting({ ...facts, now: deps.now(), query }, policyOf(deps));
    }
    return apply(deps, found, decision);
  },
});

export function enqueuePost(deps: Deps, tx: Db, tradeNo: string, now: Date): Promise<boolean> {
  return enqueueJob(deps.jobs, tx, postJob, { key: `post:${tradeNo}`, payload: { tradeNo, round: 1 }, runAt: now }, now);
}

async function apply(deps: Deps, order: Order, d: PostingDecision): Promise<JobOutcome> {
  const now = deps.now();
  switch (d.action) {
    case 'retry':
      return { retryAt: later(now, d.afterSeconds), payload: { tradeNo: order.tradeNo, round: d.round }, note: d.note };
    case 'query':
      throw new Error('posting rules asked for a query twice');
    case 'posted': {
      const receipt = { ...d.receipt, ...(d.extra ?? {}) };
      const how = d.via === 'notice' ? `HIS confirmed (round ${order.postRound})` : 'queryOrderStatus: HIS has the payment';
      await deps.store.db.transaction().execute(async (tx) => {
        if (await deps.orders.transition(tx, order.tradeNo, 'posted', { actor: 'his', reason: how, patch: { receipt } }, now)) {
          await notifyOrderEvent(deps, tx, { ...order, receipt }, 'order_posted', now);
        }
      });
      return { done: true };
    }
    case 'refund':
      await deps.store.db.transaction().execute((tx) => startRefund(deps, tx, order.tradeNo, { actor: 'his', cause: 'his_declined', reason: d.reason }, now));
      return { done: true };
    case 'attention':
      await deps.store.db.transaction().execute(async (tx) => {
        if (await deps.orders.transition(tx, order.tradeNo, 'attention', { actor: 'system', reason: d.reason, patch: { attentionReason: d.reason } }, now)) {
          await notifyOrderEvent(deps, tx, order, 'order_attention', now);
        }
      });
      return { done: true };
  }
}
