import { z } from 'zod';
import { hisBadReply, isHisError } from '../../domain/his-errors';
import type { HisCallOptions, HisClient, HisReply, HisRequestFields } from './his-client';
import { optional, parseReply, replyFields } from './his-reply.map';

/**
 * What the payment notices of outpatient fees (8.3), prepay (10.1) and one-card recharge (11.2)
 * share: they answer invoiceNo + serialNo or an error, and are settled by queryOrderStatus (15.2).
 * Callers build the request from their input alone, so every retry sends the same fields.
 */

type Caller = Pick<HisClient, 'call'>;

export type PaidPostResult =
  | { state: 'posted'; invoiceNo: string | null; serialNo: string | null }
  | { state: 'failed'; isRefund: boolean; message: string };

export type PaidStatus =
  | { state: 'posted'; invoiceNo: string | null; hisPayId: string | null; inspectPlace: string | null; windowNo: string | null }
  | { state: 'not_posted'; message: string };

const isSuccess = (r: HisReply) => r.result.toLowerCase() === 'success';

/**
 * Calls with result=error passed through. A result outside success/error is not an answer we can
 * act on: HIS_BAD_REPLY (for a payment notice that means "outcome unknown": ask queryOrderStatus).
 */
async function callPassingError(his: Caller, method: string, fields: HisRequestFields, opts: HisCallOptions = {}): Promise<HisReply> {
  try {
    return await his.call(method, fields, { ...opts, passResults: ['error'] });
  } catch (err) {
    if (isHisError(err, 'HIS_REJECTED')) throw hisBadReply(method, 'undocumented result');
    throw err;
  }
}

// The tables do not list isRefund for these methods; a HIS that sends it (as in 5.3/6.3) is heard.
const PostReply = z.object({ invoiceNo: optional, serialNo: optional, isRefund: optional });

export async function postPaid(his: Caller, method: string, fields: HisRequestFields, opts: HisCallOptions = {}): Promise<PaidPostResult> {
  const reply = await callPassingError(his, method, fields, opts);
  const f = parseReply(method, PostReply, replyFields(reply.body));
  if (!isSuccess(reply)) return { state: 'failed', isRefund: f.isRefund?.trim() === '1', message: reply.message || '医院系统处理失败' };
  return { state: 'posted', invoiceNo: f.invoiceNo, serialNo: f.serialNo };
}

const StatusReply = z.object({ invoiceNo: optional, hisPayId: optional, inspectPlace: optional, windowNo: optional });

/** 15.2: a success counts as posted; ERROR is HIS not saying it has the payment, with its words. */
export async function paidStatus(his: Caller, tradeNo: string, dataSrc: 'hisSrc' | 'prepaySrc' | 'eCardPay'): Promise<PaidStatus> {
  const method = 'queryOrderStatus';
  const reply = await callPassingError(his, method, { tradeNo, dataSrc });
  if (!isSuccess(reply)) return { state: 'not_posted', message: reply.message };
  const f = parseReply(method, StatusReply, replyFields(reply.body));
  return { state: 'posted', invoiceNo: f.invoiceNo, hisPayId: f.hisPayId, inspectPlace: f.inspectPlace, windowNo: f.windowNo };
}

/** Our own input, checked before anything is sent: a bad amount is a bug upstream, never a request. */
export function assertPositiveFen(what: string, fen: number): void {
  if (!Number.isSafeInteger(fen) || fen <= 0) throw new TypeError(`${what}: amount must be a positive whole number of fen`);
}
