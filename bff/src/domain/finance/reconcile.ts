import type { LedgerRow, TransactionType } from './ledger';
import { inKeyOrder } from './trade-order';

const tradeNoOf = (x: { tradeNo: string }) => x.tradeNo;

/**
 * The pure matching core of the daily reconciliation: HIS's ledger rows, our trades and the
 * platform's answers in; one verdict per trade out, in a deterministic order. No IO, no clock.
 */

export type RefundState = 'pending' | 'refunded' | 'rejected';

export interface OurRefund {
  outRefundNo: string;
  /** HIS's refund key when HIS started it (refundApply). */
  hisId: string | null;
  amountFen: number;
  state: RefundState;
}

export interface OurTrade {
  tradeNo: string;
  transactionType: TransactionType;
  /** Our order state (order-state.ts). */
  state: string;
  amountFen: number;
  /** Paid on the day being reconciled (HIS selects by the payedTime we sent it). */
  paidInDay: boolean;
  /** Paid at all (any day). */
  paid: boolean;
  /** HIS booked the payment at some time (a receipt came back, or it was confirmed posted). */
  hisBooked: boolean;
  /** Refunds of the day, reversals left out. */
  refunds: readonly OurRefund[];
}

/** The platform's word (hop.trade.query), asked only about trades in question. */
export interface PlatformView {
  charge: 'paid' | 'unpaid' | 'unknown';
  refunds: Readonly<Record<string, 'refunded' | 'pending' | 'failed' | 'not_found' | 'unknown'>>;
}

export const CATEGORIES = ['paid_not_in_his', 'his_not_paid_here', 'amount_mismatch', 'refunded_not_in_his', 'refunded_in_his_not_here', 'unknown_to_us'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_NAMES: Record<Category, string> = {
  paid_not_in_his: '我方已收款，HIS无记录',
  his_not_paid_here: 'HIS有记录，我方未收款',
  amount_mismatch: '金额不一致',
  refunded_not_in_his: '我方已退款，HIS无退款记录',
  refunded_in_his_not_here: 'HIS已退款，我方未退款',
  unknown_to_us: '我方无此订单',
};

/** Safe actions run by themselves; the rest wait for a person. */
export const ACTIONS = {
  repost: { safe: true, words: '重新通知HIS记账（先查询HIS订单状态）' },
  retry_refund: { safe: true, words: '重试退款' },
  review_posting: { safe: false, words: '我方显示已记账：人工向HIS核实' },
  confirm_payment: { safe: false, words: '平台已收款：人工确认支付后记账' },
  his_reverse: { safe: false, words: '平台未收款：请HIS冲销该笔收款' },
  review_amount: { safe: false, words: '金额不一致：人工核对后调整' },
  review_date: { safe: false, words: '支付日期不一致：人工核对' },
  notify_his_refund: { safe: false, words: '已退款给患者：请HIS登记退款' },
  start_refund: { safe: false, words: 'HIS已退款：人工核实后为患者退款' },
  review_platform: { safe: false, words: '支付平台无此收款：人工核实' },
  investigate: { safe: false, words: '我方无此订单：人工调查' },
} as const;
export type ActionCode = keyof typeof ACTIONS;

export interface ReportItem {
  transactionType: TransactionType;
  tradeNo: string;
  category: Category;
  action: ActionCode;
  hisFen: number;
  ourFen: number;
  hisRefundFen: number;
  ourRefundFen: number;
  /** The refund the item is about, when it is about one. */
  outRefundNo: string | null;
  hisRefundId: string | null;
  /** Our order state, or null when unknown to us. */
  ourState: string | null;
  platform: PlatformView['charge'] | 'not_asked';
  /** Short English why, for the log and the console's detail line. */
  note: string;
}

export interface ReconcileInput {
  his: readonly LedgerRow[];
  ours: readonly OurTrade[];
  platform: ReadonlyMap<string, PlatformView>;
}

export interface ReconcileResult {
  items: ReportItem[];
  /** Trades that agree everywhere. */
  matched: number;
  /** Every trade seen (HIS's and ours): matched + items. */
  trades: number;
}

const UNSETTLED: ReadonlySet<string> = new Set(['paid', 'posting', 'refunding', 'attention']);

interface HisSide {
  receiptFen: number;
  receipts: number;
  refunds: LedgerRow[];
  type: TransactionType;
}

// Shared until a trade has a refund: most trades have none, and a day can hold a million of them
// (allocation per trade is what made the core grow faster than the day).
const NO_ROWS: LedgerRow[] = [];

function addRow(s: HisSide | undefined, r: LedgerRow): HisSide {
  if (!s) s = { receiptFen: 0, receipts: 0, refunds: NO_ROWS, type: r.transactionType };
  // Whatever order HIS lists rows in, a trade is filed under one type.
  else if (r.transactionType < s.type) s.type = r.transactionType;
  if (r.direction === 'receipt') {
    s.receiptFen += r.amountFen;
    s.receipts += 1;
  } else if (s.refunds === NO_ROWS) s.refunds = [r];
  else s.refunds.push(r);
  return s;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** HIS refund rows matched to ours: by HIS's key first, then by amount among ours without one. */
function pairRefunds(hisRefunds: readonly LedgerRow[], ours: readonly OurRefund[]): { unmatchedHis: LedgerRow[]; matchedOurs: Map<OurRefund, LedgerRow>; unmatchedOurs: OurRefund[] } {
  // Both sides in a total order first, so the pairing never depends on the order HIS listed rows in.
  ours = [...ours].sort((a, b) => cmp(a.outRefundNo, b.outRefundNo) || cmp(a.hisId ?? '', b.hisId ?? '') || a.amountFen - b.amountFen || cmp(a.state, b.state));
  const free = new Set(ours);
  const matchedOurs = new Map<OurRefund, LedgerRow>();
  const unmatchedHis: LedgerRow[] = [];
  const byKey = [...hisRefunds].sort((a, b) => cmp(a.hisRefundId ?? '', b.hisRefundId ?? '') || a.amountFen - b.amountFen || a.transactionType - b.transactionType);
  const rest: LedgerRow[] = [];
  for (const h of byKey) {
    const mine = ours.find((o) => free.has(o) && o.hisId !== null && o.hisId === h.hisRefundId);
    if (mine) {
      free.delete(mine);
      matchedOurs.set(mine, h);
    } else rest.push(h);
  }
  for (const h of rest) {
    const mine = ours.find((o) => free.has(o) && o.hisId === null && o.amountFen === h.amountFen);
    if (mine) {
      free.delete(mine);
      matchedOurs.set(mine, h);
    } else unmatchedHis.push(h);
  }
  return { unmatchedHis, matchedOurs, unmatchedOurs: ours.filter((o) => free.has(o)) };
}

type Verdict = Pick<ReportItem, 'category' | 'action' | 'note'> & { outRefundNo?: string | null; hisRefundId?: string | null };

/** One trade's verdict, or null when everything agrees. */
function judge(his: HisSide | undefined, our: OurTrade | undefined, view: PlatformView | undefined): Verdict | null {
  if (!our) return his ? { category: 'unknown_to_us', action: 'investigate', note: 'HIS lists a tradeNo we never issued' } : null;
  const hisReceipt = his?.receipts ?? 0;
  const ourReceipt = our.paidInDay ? our.amountFen : 0;
  let settledRefunds = 0;
  for (const r of our.refunds) if (r.state === 'refunded') settledRefunds += r.amountFen;
  if (hisReceipt > 0 && !our.paidInDay) {
    const note = our.paid ? 'paid here on another day' : `our order is ${our.state}, never paid`;
    if (our.paid) return { category: 'his_not_paid_here', action: 'review_date', note };
    return view?.charge === 'paid'
      ? { category: 'his_not_paid_here', action: 'confirm_payment', note: `${note}; the platform has the money` }
      : { category: 'his_not_paid_here', action: 'his_reverse', note: `${note}; the platform has no payment` };
  }
  if (hisReceipt === 0 && our.paidInDay) {
    // HIS declined it and we gave the money back: nothing is owed either way.
    if (settledRefunds === our.amountFen && (his?.refunds.length ?? 0) === 0) return null;
    const pending = our.refunds.find((r) => r.state === 'pending');
    if (pending) return { category: 'paid_not_in_his', action: 'retry_refund', note: 'HIS never booked it and our refund has not settled', outRefundNo: pending.outRefundNo };
    if (view?.charge === 'unpaid') return { category: 'paid_not_in_his', action: 'review_platform', note: 'we hold it paid, the platform does not' };
    if (our.state === 'posted') return { category: 'paid_not_in_his', action: 'review_posting', note: 'posted here, not in HIS' };
    return { category: 'paid_not_in_his', action: 'repost', note: `our order is ${our.state}` };
  }
  if (hisReceipt > 0 && his!.receiptFen !== ourReceipt) {
    return { category: 'amount_mismatch', action: 'review_amount', note: hisReceipt > 1 ? `HIS lists the trade ${hisReceipt} times` : 'HIS and our amounts differ' };
  }
  const hisRefunds = his?.refunds ?? NO_ROWS;
  if (hisRefunds.length === 0 && our.refunds.length === 0) return null;
  const { unmatchedHis, matchedOurs, unmatchedOurs } = pairRefunds(hisRefunds, our.refunds);
  const hisFirst = unmatchedHis[0];
  if (hisFirst) {
    const pending = unmatchedOurs.find((r) => r.state === 'pending');
    if (pending) return { category: 'refunded_in_his_not_here', action: 'retry_refund', note: 'HIS refunded; ours is still pending', outRefundNo: pending.outRefundNo, hisRefundId: hisFirst.hisRefundId };
    return { category: 'refunded_in_his_not_here', action: 'start_refund', note: 'HIS refunded; we have no such refund', hisRefundId: hisFirst.hisRefundId };
  }
  for (const [mine, h] of matchedOurs) {
    if (mine.state === 'pending') return { category: 'refunded_in_his_not_here', action: 'retry_refund', note: 'HIS refunded; ours is still pending', outRefundNo: mine.outRefundNo, hisRefundId: h.hisRefundId };
  }
  const oursFirst = unmatchedOurs.find((r) => r.state !== 'rejected');
  if (oursFirst) {
    if (oursFirst.state === 'pending') return { category: 'refunded_not_in_his', action: 'retry_refund', note: 'our refund has not settled', outRefundNo: oursFirst.outRefundNo };
    // HIS never booked the payment (it declined it): it has no refund to list either.
    if (!our.hisBooked) return null;
    return { category: 'refunded_not_in_his', action: 'notify_his_refund', note: 'refunded to the patient; HIS has no refund', outRefundNo: oursFirst.outRefundNo };
  }
  return null;
}

const CATEGORY_ORDER = new Map(CATEGORIES.map((c, i) => [c, i]));

/** Every trade once, in tradeNo order: a merge of HIS's rows and ours (see trade-order.ts for why). */
function eachTrade(input: Omit<ReconcileInput, 'platform'>, visit: (tradeNo: string, his: HisSide | undefined, our: OurTrade | undefined) => void): void {
  const his = inKeyOrder(input.his, tradeNoOf);
  const ours = inKeyOrder(input.ours, tradeNoOf);
  let i = 0;
  let j = 0;
  while (i < his.length || j < ours.length) {
    const h = his[i];
    const o = ours[j];
    const tradeNo = h === undefined ? o!.tradeNo : o === undefined || h.tradeNo <= o.tradeNo ? h.tradeNo : o.tradeNo;
    let side: HisSide | undefined;
    for (; i < his.length && his[i]!.tradeNo === tradeNo; i++) side = addRow(side, his[i]!);
    let our: OurTrade | undefined;
    // One trade of ours per tradeNo (it is the orders' key).
    for (; j < ours.length && ours[j]!.tradeNo === tradeNo; j++) our ??= ours[j];
    visit(tradeNo, side, our);
  }
}

/** Trades whose platform view is worth asking for: HIS and we disagree, or our state is unsettled. */
export function tradesToAsk(input: Omit<ReconcileInput, 'platform'>): string[] {
  const out: string[] = [];
  eachTrade(input, (tradeNo, his, our) => {
    if (!our) return;
    const unsettled = UNSETTLED.has(our.state) || our.refunds.some((r) => r.state === 'pending');
    if (unsettled || judge(his, our, undefined) !== null) out.push(tradeNo);
  });
  return out;
}

export function reconcile(input: ReconcileInput): ReconcileResult {
  const items: ReportItem[] = [];
  let trades = 0;
  const visit = (tradeNo: string, h: HisSide | undefined, o: OurTrade | undefined) => {
    trades += 1;
    const view = input.platform.get(tradeNo);
    const v = judge(h, o, view);
    if (!v) return;
    items.push({
      transactionType: (o?.transactionType ?? h!.type),
      tradeNo,
      category: v.category,
      action: v.action,
      hisFen: h?.receiptFen ?? 0,
      ourFen: o?.paidInDay ? o.amountFen : 0,
      hisRefundFen: (h?.refunds ?? []).reduce((s, r) => s + r.amountFen, 0),
      ourRefundFen: (o?.refunds ?? []).reduce((s, r) => s + (r.state === 'rejected' ? 0 : r.amountFen), 0),
      outRefundNo: v.outRefundNo ?? null,
      hisRefundId: v.hisRefundId ?? null,
      ourState: o?.state ?? null,
      platform: view?.charge ?? 'not_asked',
      note: v.note,
    });
  };
  eachTrade(input, visit);
  items.sort((a, b) => a.transactionType - b.transactionType || CATEGORY_ORDER.get(a.category)! - CATEGORY_ORDER.get(b.category)! || (a.tradeNo < b.tradeNo ? -1 : a.tradeNo > b.tradeNo ? 1 : 0));
  return { items, matched: trades - items.length, trades };
}
