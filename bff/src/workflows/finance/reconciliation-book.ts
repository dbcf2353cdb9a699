import type { LedgerRow, TransactionType } from '../../domain/finance/ledger';
import { transactionTypeOf } from '../../domain/finance/ledger';
import type { OurRefund, OurTrade, RefundState } from '../../domain/finance/reconcile';
import { inKeyOrder, missingKeys } from '../../domain/finance/trade-order';
import type { BookOrder, BookRefund, ReconciliationRepo } from '../../store/reconciliation.repo';

/** Our side of a day: orders paid that day, orders HIS names, refunds of that day. */

/** A Beijing day as ISO UTC bounds [from, to). */
export function dayBounds(date: string): { from: string; to: string } {
  const start = new Date(`${date}T00:00:00+08:00`);
  return { from: start.toISOString(), to: new Date(start.getTime() + 86_400_000).toISOString() };
}

const NO_REFUNDS: readonly OurRefund[] = [];
const REFUND_STATES: ReadonlySet<string> = new Set(['pending', 'refunded', 'rejected']);

/** Pure: orders and refunds read from the store → the trades the matching core takes, in tradeNo order. */
export function tradesOf(orders: readonly BookOrder[], refunds: readonly BookRefund[], types: ReadonlySet<TransactionType>): OurTrade[] {
  // Both in tradeNo order (refunds then by number): each order's refunds are the next ones along.
  const byNo = inKeyOrder(refunds, (r) => `${r.tradeNo} ${r.outRefundNo}`);
  let j = 0;
  const out: OurTrade[] = [];
  for (const o of inKeyOrder(orders, (x) => x.tradeNo)) {
    while (j < byNo.length && byNo[j]!.tradeNo < o.tradeNo) j++;
    let mine: OurRefund[] | null = null;
    for (; j < byNo.length && byNo[j]!.tradeNo === o.tradeNo; j++) {
      const r = byNo[j]!;
      if (REFUND_STATES.has(r.state)) (mine ??= []).push({ outRefundNo: r.outRefundNo, hisId: r.hisId, amountFen: r.amountFen, state: r.state as RefundState });
    }
    const type = transactionTypeOf(o.kind);
    if (type === null || !types.has(type)) continue;
    out.push({
      tradeNo: o.tradeNo,
      transactionType: type,
      state: o.state,
      amountFen: o.amountFen,
      paidInDay: o.paidInDay,
      paid: o.paid,
      hisBooked: o.hasReceipt || o.state === 'posted',
      refunds: mine ?? NO_REFUNDS,
    });
  }
  return out;
}

/** Reads our book of `date`: paid that day, or named by HIS's rows or our refunds of that day. */
export async function readOurBook(repo: ReconciliationRepo, date: string, his: readonly LedgerRow[], types: ReadonlySet<TransactionType>): Promise<OurTrade[]> {
  const { from, to } = dayBounds(date);
  const [paid, refunds] = await Promise.all([repo.ordersPaidBetween(from, to), repo.refundsBetween(from, to)]);
  const missing = missingKeys([...his.map((r) => r.tradeNo), ...refunds.map((r) => r.tradeNo)], paid.map((o) => o.tradeNo));
  const others = missing.length > 0 ? await repo.ordersByTradeNo(missing, from, to) : [];
  return tradesOf(others.length > 0 ? [...paid, ...others] : paid, refunds, types);
}
