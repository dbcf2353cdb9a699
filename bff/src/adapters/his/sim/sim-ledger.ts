import { fenToYuan, yuanToFen } from '@hosp/shared';
import type { XmlFields } from '../xml-codec';
import type { SimDataSrc, SimLedgerSeed, SimState } from './seed';

/**
 * 13.1 GetCheckLedgerInfo and 13.2 GetChecLedgerDetail, answered strictly from what this HIS booked:
 * every payment notice it accepted (by its payedTime), every refund it booked (by its time), and the
 * rows a test seeded as HIS's own (`seedLedgerRow`). Replies carry exactly the document's fields.
 */
type SimMethod = (state: SimState, f: Record<string, string>) => XmlFields;

const ok = (fields: XmlFields): XmlFields => ({ result: 'success', message: '', ...fields });
const fail = (message: string): XmlFields => ({ result: 'error', message });

const TYPE_OF: Record<SimDataSrc, SimLedgerSeed['transactionType']> = { subscription: '1', register: '1', hisSrc: '2', prepaySrc: '3', eCardPay: '4' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day's rows in HIS's order (receipts as booked, then refunds, then seeded rows). */
export function ledgerRowsOf(state: SimState, date: string): SimLedgerSeed[] {
  const rows: SimLedgerSeed[] = [];
  for (const e of state.ledger.values()) {
    if (!e.posted || !e.payedTime?.startsWith(date) || e.amount === undefined) continue;
    rows.push({ date, transactionType: TYPE_OF[e.dataSrc], tradeNo: e.tradeNo, amount: e.amount, channel: '0', hisPayId: e.posted.hisPayId });
  }
  for (const r of state.ledgerRefunds) {
    if (r.refundedTime.startsWith(date)) rows.push({ date, transactionType: TYPE_OF[r.dataSrc], tradeNo: r.tradeNo, amount: r.amount, channel: '1', hisRefundId: r.hisRefundId });
  }
  return [...rows, ...state.ledgerSeeds.filter((s) => s.date === date)];
}

/** A test's named control: puts a row in HIS's book that no notice of ours made. */
export function seedLedgerRow(state: SimState, row: SimLedgerSeed): void {
  if (!DATE.test(row.date)) throw new Error('seedLedgerRow: date must be yyyy-MM-dd');
  yuanToFen(row.amount);
  if (row.channel === '1' && !row.hisRefundId) throw new Error('seedLedgerRow: a refund row needs hisRefundId');
  state.ledgerSeeds.push({ ...row });
}

function checkDateOf(f: Record<string, string>): string | XmlFields {
  const d = (f.checkDate ?? '').trim();
  if (!d) return fail('对账日期不能为空');
  if (!DATE.test(d)) return fail('对账日期格式错误');
  return d;
}

const sum = (rows: SimLedgerSeed[]) => fenToYuan(rows.reduce((s, r) => s + yuanToFen(r.amount), 0));

const GetCheckLedgerInfo: SimMethod = (state, f) => {
  const date = checkDateOf(f);
  if (typeof date !== 'string') return date;
  const rows = ledgerRowsOf(state, date);
  const receipts = rows.filter((r) => r.channel === '0');
  const refunds = rows.filter((r) => r.channel === '1');
  const types = [...new Set(rows.map((r) => r.transactionType))].sort();
  return ok({
    totalCash: sum(receipts),
    totalCount: String(receipts.length),
    refundCash: sum(refunds),
    refundCount: String(refunds.length),
    detail: types.map((transactionType) => ({ transactionType })),
  });
};

const GetChecLedgerDetail: SimMethod = (state, f) => {
  const date = checkDateOf(f);
  if (typeof date !== 'string') return date;
  const type = (f.transactionType ?? '').trim();
  if (type !== '' && !['1', '2', '3', '4', '5'].includes(type)) return fail('交易类型错误');
  const rows = ledgerRowsOf(state, date).filter((r) => type === '' || r.transactionType === type);
  const data = rows.map((r) => ({ transactionType: r.transactionType, hisPayId: r.hisPayId, tradeNo: r.tradeNo, hisRefundId: r.hisRefundId, amount: r.amount, channel: r.channel }));
  return ok({ content: data.length === 0 ? null : { data } });
};

export const ledgerMethods: Record<string, SimMethod> = { GetCheckLedgerInfo, GetChecLedgerDetail };
