import { sql } from 'kysely';
import type { Deps } from '../../deps';
import { decideHisRefund, hisRefundAnswer, hisRefundStatus, sameHisRefund, type HisRefundRequest, type HisRefundResult, type HisRefundStatus } from '../../domain/finance/his-refund';
import { refundNoFor, type Refund } from '../../domain/orders/order';
import { isUniqueViolation } from '../../store/orders.repo';
import { enqueueRefund, runRefundNow } from '../orders/refund-order.job';

export interface HisRefundAnswer {
  result: HisRefundResult;
  message: string;
}

type Recorded = { refund: Refund } | { refused: string };

/**
 * refundApply (§14): HIS starts a refund of one of our orders. The refund row, keyed by HIS's
 * `hisId` (unique), is written with its job in one transaction that holds the order row, so
 * concurrent requests can neither refund one hisId twice nor together exceed what was paid. Then
 * the platform is asked here for at most `orders.hisRefundWaitMs`; whatever has not settled by then
 * is UNKNOWN, and HIS's repeats read the same row until it settles.
 */
export async function applyHisRefund(deps: Deps, req: HisRefundRequest): Promise<HisRefundAnswer> {
  let recorded: Recorded;
  try {
    recorded = await record(deps, req);
  } catch (err) {
    // Another request with this hisId (perhaps for another order) inserted first: answer from its row.
    if (!isUniqueViolation(err)) throw err;
    const first = await deps.refunds.byHisId(req.hisId);
    if (!first) throw err;
    recorded = sameHisRefund(first, req) ? { refund: first } : { refused: 'hisId already used for another refund' };
  }
  if ('refused' in recorded) {
    deps.log.info({ hisId: req.hisId.slice(0, 64), tradeNo: req.tradeNo.slice(0, 64), reason: recorded.refused }, 'HIS refund refused');
    return { result: 'ERROR', message: recorded.refused };
  }
  const refund = recorded.refund.state === 'pending' ? await settleSoon(deps, recorded.refund) : recorded.refund;
  return hisRefundAnswer(refund);
}

async function record(deps: Deps, req: HisRefundRequest): Promise<Recorded> {
  const now = deps.now();
  return deps.store.db.transaction().execute(async (tx): Promise<Recorded> => {
    // PostgreSQL: the order row is the lock every refund of this order queues on. SQLite runs one
    // write transaction at a time, which serialises them already.
    if (deps.store.dialect === 'postgres') await sql`select trade_no from orders where trade_no = ${req.tradeNo} for update`.execute(tx);
    const seen = await deps.refunds.byHisId(req.hisId, tx);
    if (seen) return sameHisRefund(seen, req) ? { refund: seen } : { refused: 'hisId already used for another refund' };
    const order = await deps.orders.get(req.tradeNo, tx);
    const refunds = order ? await deps.refunds.forOrder(order.tradeNo, tx) : [];
    const decision = decideHisRefund(order, refunds, req);
    if (decision.kind === 'refuse' || !order) return { refused: decision.kind === 'refuse' ? decision.reason : 'unknown tradeNo' };
    const outRefundNo = refundNoFor(order.tradeNo, refunds.length + 1);
    const reason = `HIS refund ${req.hisId}${req.isReverse ? ' (reversal)' : ''}`;
    const his = { hisId: req.hisId, isReverse: req.isReverse, cashier: req.cashier };
    if (!(await deps.refunds.create(tx, { outRefundNo, tradeNo: order.tradeNo, amountFen: req.amountFen, reason, cause: 'hospital', his }, order.amountFen, now))) {
      return { refused: 'refundAmount exceeds the refundable amount' };
    }
    // The whole remainder ends the order refunded; part of it leaves the order as it is.
    if (decision.whole && !(await deps.orders.transition(tx, order.tradeNo, 'refunding', { actor: 'his', reason, from: ['posted', 'attention'] }, now))) {
      throw new Error(`order ${order.tradeNo} moved while locked`);
    }
    await enqueueRefund(deps, tx, order.tradeNo, outRefundNo, now);
    const refund = await deps.refunds.get(outRefundNo, tx);
    if (!refund) throw new Error(`refund ${outRefundNo} not found after insert`);
    return { refund };
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/** Asks the platform now (unless a runner already is) and waits for the refund to settle, at most the configured time. */
async function settleSoon(deps: Deps, refund: Refund): Promise<Refund> {
  const deadline = Date.now() + deps.config.orders.hisRefundWaitMs;
  const attempt = runRefundNow(deps, refund.outRefundNo).catch((err) => deps.log.warn({ err }, 'inline refund failed'));
  await Promise.race([attempt, sleep(Math.max(0, deadline - Date.now()))]);
  for (;;) {
    const now = await deps.refunds.get(refund.outRefundNo);
    if (!now || now.state !== 'pending' || Date.now() >= deadline) return now ?? refund;
    await sleep(Math.min(50, Math.max(1, deadline - Date.now())));
  }
}

export type HisRefundQuery = { found: false } | { found: true; refundNo: string; tradeNo: string; amountFen: number; status: HisRefundStatus };

/** queryRefundStatus (§15.1): a refund HIS started, by its hisId. */
export async function queryHisRefund(deps: Deps, hisId: string): Promise<HisRefundQuery> {
  const refund = await deps.refunds.byHisId(hisId);
  if (!refund) return { found: false };
  return { found: true, refundNo: refund.outRefundNo, tradeNo: refund.tradeNo, amountFen: refund.amountFen, status: hisRefundStatus(refund) };
}
