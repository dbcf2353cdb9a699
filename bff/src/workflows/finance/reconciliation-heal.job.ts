import { z } from 'zod';
import type { Deps } from '../../deps';
import { isHisError } from '../../domain/his-errors';
import { later } from '../../domain/time';
import { defineJob, enqueueJob, type JobOutcome } from '../../jobs/job-kind';
import type { Db } from '../../store/db';
import type { ItemStatus } from '../../store/reconciliation.repo';
import { notifyOrderEvent } from '../orders/order-notices';
import { postJob } from '../orders/post-order.job';
import { refundJob } from '../orders/refund-order.job';

/**
 * A safe action of the reconciliation, run by itself and followed to its end: re-posting goes
 * through the existing posting job (notice, then queryOrderStatus); an order a person already
 * holds is only asked about (queryOrderStatus) and marked posted if HIS has it; a stuck refund is
 * handed to the existing refund job again (same outRefundNo, so never a second refund). What it
 * came to is written on the report's item.
 */
const Payload = z.object({
  runId: z.string(),
  date: z.string(),
  tradeNo: z.string(),
  action: z.enum(['repost', 'retry_refund']),
  startedAt: z.string().optional(),
  kicked: z.boolean().default(false),
});
type HealPayload = z.infer<typeof Payload>;

export function enqueueHeal(deps: Deps, tx: Db, p: { runId: string; date: string; tradeNo: string; action: 'repost' | 'retry_refund' }, now: Date): Promise<boolean> {
  return enqueueJob(deps.jobs, tx, healJob, { key: `recon-heal:${p.runId}:${p.tradeNo}`, payload: { ...p, startedAt: now.toISOString(), kicked: false }, runAt: now }, now);
}

export const healJob = defineJob({
  kind: 'reconciliation.heal',
  payload: Payload,
  run: (deps: Deps, p) => heal(deps, p),
});

async function finish(deps: Deps, p: HealPayload, status: ItemStatus, outcome: string): Promise<JobOutcome> {
  await deps.reconciliation.recordOutcome(p.runId, p.tradeNo, status, outcome, deps.now());
  deps.log.info({ tradeNo: p.tradeNo, action: p.action, status }, 'reconciliation action finished');
  return { done: true };
}

function waitOrGiveUp(deps: Deps, p: HealPayload, what: string): Promise<JobOutcome> | JobOutcome {
  const now = deps.now();
  const { healCheckSeconds, healGiveUpMinutes } = deps.config.reconciliation;
  if (now.getTime() - Date.parse(p.startedAt ?? now.toISOString()) > healGiveUpMinutes * 60_000) return finish(deps, p, 'heal_failed', `${what}; handed to a person`);
  return { retryAt: later(now, healCheckSeconds), payload: { ...p, kicked: true }, note: what };
}

async function heal(deps: Deps, p: HealPayload): Promise<JobOutcome> {
  const order = await deps.orders.get(p.tradeNo);
  if (!order) return finish(deps, p, 'heal_failed', 'order not found');
  const now = deps.now();
  if (p.action === 'retry_refund') {
    const pending = (await deps.refunds.forOrder(p.tradeNo)).filter((r) => r.state === 'pending');
    if (pending.length === 0) return finish(deps, p, 'healed', `refunds settled; order ${order.state}`);
    if (!p.kicked) {
      await deps.store.db.transaction().execute(async (tx) => {
        for (const r of pending) await enqueueJob(deps.jobs, tx, refundJob, { key: `refund:${r.outRefundNo}:recon:${p.runId}`, payload: { tradeNo: p.tradeNo, outRefundNo: r.outRefundNo }, runAt: now }, now);
      });
    }
    return waitOrGiveUp(deps, p, `refund ${pending.map((r) => r.outRefundNo).join(',')} still pending`);
  }
  switch (order.state) {
    case 'posted':
      return finish(deps, p, 'healed', 'posted: HIS has the payment');
    case 'refunding':
    case 'refunded':
      return finish(deps, p, 'healed', `HIS declined it; order ${order.state}`);
    case 'attention':
      return askHis(deps, p, order);
    case 'paid':
    case 'posting':
      if (!p.kicked) {
        // A fresh round of the posting job (its own key): notices, then queryOrderStatus.
        await deps.store.db.transaction().execute((tx) => enqueueJob(deps.jobs, tx, postJob, { key: `post:${p.tradeNo}:recon:${p.runId}`, payload: { tradeNo: p.tradeNo, round: order.postRound + 1 }, runAt: now }, now));
      }
      return waitOrGiveUp(deps, p, `order still ${order.state}`);
    default:
      return finish(deps, p, 'heal_failed', `order is ${order.state}: not a payment to post`);
  }
}

/** A person holds this order already: only ask HIS, and mark it posted if HIS has it. */
async function askHis(deps: Deps, p: HealPayload, order: NonNullable<Awaited<ReturnType<Deps['orders']['get']>>>): Promise<JobOutcome> {
  const provider = deps.kinds.get(order.kind);
  let status;
  try {
    status = await provider.queryPosted(deps.kinds.typed(order, provider));
  } catch (err) {
    if (!isHisError(err)) throw err;
    return waitOrGiveUp(deps, p, `queryOrderStatus failed: ${err.code}`);
  }
  if (status.state !== 'posted') return finish(deps, p, 'heal_failed', 'queryOrderStatus: HIS does not have it; a person decides');
  const receipt = { invoiceNo: status.invoiceNo, clinicNo: null, queueNo: status.queueNo, hisPayId: status.hisPayId, registerId: status.hisBookingId };
  const now = deps.now();
  const moved = await deps.store.db.transaction().execute(async (tx) => {
    const ok = await deps.orders.transition(tx, order.tradeNo, 'posted', { actor: 'his', reason: 'reconciliation: queryOrderStatus says HIS has the payment', patch: { receipt }, from: ['attention'] }, now);
    if (ok) await notifyOrderEvent(deps, tx, { ...order, receipt }, 'order_posted', now);
    return ok;
  });
  return finish(deps, p, moved ? 'healed' : 'heal_failed', moved ? 'queryOrderStatus: HIS has it; marked posted' : 'order moved meanwhile');
}
