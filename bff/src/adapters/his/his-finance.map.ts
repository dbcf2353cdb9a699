import { fenToYuan, yuanToFen } from '@hosp/shared';
import { z } from 'zod';
import type { TradeLine, DayTotals } from '../../domain/finance/check-account';
import type { HisRefundRequest } from '../../domain/finance/his-refund';
import { beijingDateTimeOfIso } from '../../domain/time';
import { encodeXml, escapeXml } from './xml-codec';

/**
 * HIS's calls to us as "the platform" — refundApply (§14), queryRefundStatus (§15.1), checkAccount
 * (§13.3) — between the document's field names and yuan strings and our domain's fen. Replies are in
 * the document's shapes and letter case (SUCCESS/ERROR/UNKNOWN).
 */
const s = z.string().trim();
const key = s.regex(/^[\x21-\x7E]{1,64}$/, 'expected 1-64 visible ASCII characters');
const amount = s.transform((v, ctx) => {
  try {
    const fen = yuanToFen(v);
    if (fen > 0) return fen;
    ctx.addIssue({ code: 'custom', message: 'must be more than 0' });
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected yuan with at most two decimals' });
  }
  return z.NEVER;
});

const RefundApply = z.object({
  tradeNo: key,
  refundAmount: amount,
  hisId: key,
  // Required by §14 but not signed and not kept: it only has to be there.
  realName: s.min(1).max(50),
  patientCard: s.min(1).max(32),
  hospitalId: s.min(1),
  is_reverse: s.optional().refine((v) => v === undefined || v === '' || v === '0' || v === '1', 'expected empty, 0 or 1'),
  cashier_id: s.max(64).optional(),
});

export function toHisRefundRequest(fields: Record<string, string>): HisRefundRequest {
  const d = RefundApply.parse(fields);
  return { tradeNo: d.tradeNo, amountFen: d.refundAmount, hisId: d.hisId, patientCard: d.patientCard, isReverse: d.is_reverse === '1', cashier: d.cashier_id ? d.cashier_id : null };
}

export function toRefundStatusQuery(fields: Record<string, string>): { hisId: string } {
  return z.object({ hisId: key, hospitalId: s.min(1) }).parse(fields);
}

export function toCheckAccountQuery(fields: Record<string, string>): { checkDate: string } {
  return z.object({ checkDate: s.min(1), hospitalId: s.min(1) }).parse(fields);
}

export type FinanceReply = Record<string, string>;

export function refundStatusReply(r: { refundNo: string; tradeNo: string; amountFen: number; status: number }): FinanceReply {
  return { result: 'SUCCESS', message: '', refundNo: r.refundNo, tradeNo: r.tradeNo, refundAmount: fenToYuan(r.amountFen), refundStatus: String(r.status) };
}

export function encodeFinanceReply(reply: FinanceReply): string {
  return encodeXml('response', reply);
}

/** One §13.3 <data>: orderPayWay is deprecated by the document and not sent. */
function lineFields(l: TradeLine): Record<string, string> {
  return { transactionType: String(l.transactionType), cash: fenToYuan(l.cashFen), tradeNo: l.tradeNo, orderType: String(l.orderType), orderTime: beijingDateTimeOfIso(l.at), payType: l.payType };
}

export const CHECK_ACCOUNT_OK = '获取对账单成功';

const PLAIN = /^[\w.:-]*$/;
const text = (v: string) => (PLAIN.test(v) ? v : escapeXml(v));

/** The §13.3 reply written piece by piece (a big day is never one string in memory twice). */
export function* checkAccountXml(totals: DayTotals, lines: Iterable<TradeLine>): Generator<string> {
  yield `<?xml version="1.0" encoding="utf-8"?><response><result>SUCCESS</result><message>${escapeXml(CHECK_ACCOUNT_OK)}</message>`;
  yield `<totalCash>${fenToYuan(totals.totalCashFen)}</totalCash><totalCount>${totals.totalCount}</totalCount><detail>`;
  let chunk = '';
  for (const l of lines) {
    // Written by hand (not encodeXml): a big day has 100,000 of these; only the two texts need escaping.
    chunk += `<data><transactionType>${l.transactionType}</transactionType><cash>${fenToYuan(l.cashFen)}</cash><tradeNo>${text(l.tradeNo)}</tradeNo><orderType>${l.orderType}</orderType><orderTime>${beijingDateTimeOfIso(l.at)}</orderTime><payType>${text(l.payType)}</payType></data>`;
    if (chunk.length > 32_768) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</detail></response>`;
}

/** The same in JSON, for a HIS that sends JSON: detail is the list of data. */
export function* checkAccountJson(totals: DayTotals, lines: Iterable<TradeLine>): Generator<string> {
  yield `{"result":"SUCCESS","message":${JSON.stringify(CHECK_ACCOUNT_OK)},"totalCash":"${fenToYuan(totals.totalCashFen)}","totalCount":"${totals.totalCount}","detail":[`;
  let first = true;
  let chunk = '';
  for (const l of lines) {
    chunk += (first ? '' : ',') + JSON.stringify(lineFields(l));
    first = false;
    if (chunk.length > 32_768) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}]}`;
}
