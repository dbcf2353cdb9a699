import { setTimeout as sleep } from 'node:timers/promises';
import type { Deps } from '../../deps';
import type { OurTrade, PlatformView } from '../../domain/finance/reconcile';
import { CARD_PAY_CHANNEL } from '../../domain/outpatient/outpatient-details';
import type { ChargeStatus } from '../../domain/payments/ports';

/** The platform's word on the trades in question (hop.trade.query, pay then refund), batched and paced. */

function chargeOf(s: ChargeStatus): PlatformView['charge'] {
  switch (s.state) {
    case 'paid':
      return 'paid';
    case 'not_found':
    case 'closed':
    case 'failed':
      return 'unpaid';
    default:
      return 'unknown';
  }
}

async function viewOf(deps: Deps, trade: OurTrade): Promise<{ view: PlatformView | null; calls: number }> {
  const order = await deps.orders.get(trade.tradeNo);
  // Paid from the one-card: no platform money moved, so the platform has nothing to say about it.
  if (order?.payChannel === CARD_PAY_CHANNEL) return { view: null, calls: 0 };
  if (!order?.payer) return { view: { charge: 'unknown', refunds: {} }, calls: 0 };
  const charge = chargeOf(await deps.payment.queryCharge({ outChargeNo: order.tradeNo, payer: order.payer, traceNo: order.traceNo }));
  const refunds: Record<string, PlatformView['refunds'][string]> = {};
  let calls = 1;
  for (const r of trade.refunds.filter((x) => x.state === 'pending')) {
    refunds[r.outRefundNo] = (await deps.payment.queryRefund(r.outRefundNo, order.payer)).state;
    calls += 1;
  }
  return { view: { charge, refunds }, calls };
}

/**
 * `platformBatch` trades at a time, and never more than `platformPerSecond` calls a second on
 * average: the platform's limit is shared with patients paying right now.
 */
export async function askPlatform(deps: Deps, tradeNos: readonly string[], ours: ReadonlyMap<string, OurTrade>): Promise<Map<string, PlatformView>> {
  const { platformBatch, platformPerSecond } = deps.config.reconciliation;
  const out = new Map<string, PlatformView>();
  for (let i = 0; i < tradeNos.length; i += platformBatch) {
    const started = Date.now();
    const batch = tradeNos.slice(i, i + platformBatch).flatMap((t) => (ours.has(t) ? [ours.get(t)!] : []));
    const answers = await Promise.all(batch.map((t) => viewOf(deps, t)));
    answers.forEach((a, k) => {
      if (a.view) out.set(batch[k]!.tradeNo, a.view);
    });
    const calls = answers.reduce((s, a) => s + a.calls, 0);
    const wait = (calls / platformPerSecond) * 1000 - (Date.now() - started);
    if (wait > 0 && i + platformBatch < tradeNos.length) await sleep(wait);
  }
  return out;
}
