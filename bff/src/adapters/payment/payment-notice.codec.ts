import { AppError, yuanToFen } from '@hosp/shared';
import { z } from 'zod';
import type { PaymentNotice } from '../../domain/payments/ports';
import { parseCompact as parseBeijingTime } from '../../domain/time';
import { paramObject } from './payment-client';
import { TRANS } from './payment-codes';
import { jsonEnvelope, verifyEnvelope } from './payment-sign';

/** Reply the platform expects to stop re-sending a notice. */
export const NOTIFY_ACK = { respCode: '000000', respMsg: '成功' } as const;

export type NoticeRefusal = 'bad-sign' | 'malformed' | 'unknown-order' | 'amount-mismatch' | { invalidField: string };

/** The platform's words (and our HTTP status) for a notice we refuse; routes know no respCode. */
export function noticeRefusal(why: NoticeRefusal): { status: number; body: { respCode: string; respMsg: string } } {
  if (typeof why === 'object') return { status: 400, body: { respCode: '020000', respMsg: `参数不合法: ${why.invalidField}` } };
  switch (why) {
    case 'bad-sign': return { status: 401, body: { respCode: '000002', respMsg: '验签失败' } };
    case 'malformed': return { status: 400, body: { respCode: '000004', respMsg: '请求格式非法' } };
    case 'unknown-order': return { status: 200, body: { respCode: '039001', respMsg: '订单不存在' } };
    case 'amount-mismatch': return { status: 200, body: { respCode: '039001', respMsg: '金额不符' } };
  }
}

export type NoticeRejectReason = 'malformed' | 'bad-sign' | 'invalid' | 'wrong-app';

/** A notice we refuse: unsigned/forged (SIGNATURE_INVALID) or not a valid notice (VALIDATION_FAILED). */
export class PaymentNoticeError extends AppError {
  constructor(readonly reason: NoticeRejectReason, detail?: string) {
    super(reason === 'bad-sign' || reason === 'wrong-app' ? 'SIGNATURE_INVALID' : 'VALIDATION_FAILED', `payment notice rejected: ${reason}`, {
      reason,
      ...(detail ? { detail } : {}),
    });
    this.name = 'PaymentNoticeError';
  }
}

const text = (max: number) => z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1).max(max));
const optText = (max: number) =>
  z.union([z.string(), z.number()]).nullish().transform((v) => (v == null || String(v).trim() === '' ? null : String(v).trim())).pipe(z.string().max(max).nullable());

const noticeParamSchema = z.object({
  outChargeNo: text(64),
  chargeNo: text(64),
  traceNo: optText(64),
  amount: text(20),
  tradeMode: optText(32),
  traceTime: text(14),
  result: text(16),
});

const SUCCESS = new Set(['succ', 'success', '0', '000000']);

/**
 * Checks a `POST /pay/notify` body (raw text, Buffer or already-parsed JSON) and returns the notice
 * in domain words. The signature is checked before any field is trusted.
 */
export function parsePaymentNotice(body: unknown, appSecret: string, opts: { appId?: string } = {}): PaymentNotice {
  const envelope = jsonEnvelope(body, (why) => new PaymentNoticeError('malformed', why));
  if (!verifyEnvelope(envelope, appSecret)) throw new PaymentNoticeError('bad-sign');
  if (opts.appId !== undefined && envelope.appId !== opts.appId) throw new PaymentNoticeError('wrong-app');
  if (envelope.transType !== TRANS.notify) throw new PaymentNoticeError('invalid', 'transType');
  const param = paramObject(envelope.param);
  const parsed = param ? noticeParamSchema.safeParse(param) : null;
  if (!parsed?.success) throw new PaymentNoticeError('invalid', 'param');
  const p = parsed.data;
  let amountFen: number;
  try {
    amountFen = yuanToFen(p.amount);
  } catch {
    throw new PaymentNoticeError('invalid', 'amount');
  }
  const paidAt = parseBeijingTime(p.traceTime);
  if (!paidAt) throw new PaymentNoticeError('invalid', 'traceTime');
  return {
    outChargeNo: p.outChargeNo,
    chargeNo: p.chargeNo,
    traceNo: p.traceNo,
    amountFen,
    tradeMode: p.tradeMode,
    paidAt,
    success: SUCCESS.has(p.result.toLowerCase()),
  };
}
