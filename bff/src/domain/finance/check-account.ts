import type { PayClient } from '../payments/ports';
import { payTypeFor } from '../orders/order-kind';
import type { OrderKind } from '../orders/order-state';

/**
 * The day's trades as HIS reconciles them (checkAccount, §13.3), in domain terms. A day is a
 * Beijing calendar day of the accounting time: payedTime for a receipt (the time HIS was told),
 * the settle time for a refund. Reversals (冲正) are left out, as §14 says.
 */

/** §13.3 transactionType by order kind. The outpatient deposit kind has its own HIS and ledger: not here. */
export const TRANSACTION_TYPES: Readonly<Partial<Record<OrderKind, 1 | 2 | 3 | 4>>> = {
  register: 1,
  subscription: 1,
  hisSrc: 2,
  prepaySrc: 3,
  eCardPay: 4,
};

export const RECONCILED_KINDS = Object.keys(TRANSACTION_TYPES) as OrderKind[];

/** A trade as the store reads it: a receipt (1) of an order, or a settled refund (2) of one. */
export interface DayTradeRow {
  tradeNo: string;
  kind: string;
  amountFen: number;
  /** ISO instant: paid_at for a receipt, settled_at for a refund. */
  at: string;
  orderType: 1 | 2;
  payClient: string;
  tradeMode: string | null;
}

export interface TradeLine {
  transactionType: 1 | 2 | 3 | 4;
  cashFen: number;
  tradeNo: string;
  orderType: 1 | 2;
  /** ISO instant of the accounting time (kept as stored: a big day has 100,000 lines). */
  at: string;
  /** §18.2, the same payType HIS was sent when the order was posted. */
  payType: string;
}

export function toTradeLine(row: DayTradeRow): TradeLine {
  const transactionType = TRANSACTION_TYPES[row.kind as OrderKind];
  if (!transactionType) throw new Error(`kind ${row.kind} is not reconciled with HIS`);
  return { transactionType, cashFen: row.amountFen, tradeNo: row.tradeNo, orderType: row.orderType, at: row.at, payType: payTypeFor(row.payClient as PayClient, row.tradeMode) };
}

/**
 * totalCash is the day's net: receipts minus refunds (it may be negative on a day of refunds);
 * totalCount counts every line, receipts and refunds alike, so it equals the number of <data>.
 */
export interface DayTotals {
  totalCashFen: number;
  totalCount: number;
}

export function addToTotals(t: DayTotals, line: Pick<TradeLine, 'cashFen' | 'orderType'>): DayTotals {
  return { totalCashFen: t.totalCashFen + (line.orderType === 1 ? line.cashFen : -line.cashFen), totalCount: t.totalCount + 1 };
}

/** A real yyyy-MM-dd date (2026-02-30 is not). */
export function isCheckDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
