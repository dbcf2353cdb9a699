/**
 * How a push is answered: the ack, the refusal error, and the platform return code for each
 * refusal. Apart from the parsing so the route can reply without knowing how a push is read.
 */
import { AppError } from '@hosp/shared';
import type { PushRejectReason } from './payment-push.types';

/** The reply that tells the platform a push was taken. */
export const PUSH_ACK = { respCode: '000000', respMsg: '成功' } as const;

// Refusals about who sent the push (vs. what it says) are signature failures, not bad input.
const AUTH_REASONS: ReadonlySet<PushRejectReason> = new Set(['bad-sign', 'wrong-app', 'stale', 'no-nonce']);

export class PlatformPushError extends AppError {
  constructor(
    readonly reason: PushRejectReason,
    readonly field?: string,
  ) {
    super(AUTH_REASONS.has(reason) ? 'SIGNATURE_INVALID' : 'VALIDATION_FAILED', `platform push rejected: ${reason}${field ? ` (${field})` : ''}`, {
      reason,
      ...(field ? { field } : {}),
    });
    this.name = 'PlatformPushError';
  }
}

/**
 * The reply for a refused push, in the platform's return codes (返回码说明). Anything that is not
 * a PlatformPushError is 999999 so the platform tries again later.
 */
/** A field that is not text we accept (control characters, lone surrogates). */
export function pushFieldInvalid(path: string): { respCode: string; respMsg: string } {
  return { respCode: '020000', respMsg: `参数不合法: ${path}` };
}

/** A nonce seen before: the platform's "bad signature" answer, since a replay is a forged request. */
export const PUSH_NONCE_REUSED = { respCode: '000002', respMsg: 'nonce already used' } as const;

/** Our HTTP status for a refused push: 401 for a bad signature or stale timestamp, 400 otherwise. */
export function pushErrorStatus(reply: { respCode: string }): number {
  return reply.respCode === '000002' || reply.respCode === '010006' ? 401 : 400;
}

export function pushErrorReply(err: unknown): { respCode: string; respMsg: string } {
  if (!(err instanceof PlatformPushError)) return { respCode: '999999', respMsg: '未知错误' };
  switch (err.reason) {
    case 'malformed': return { respCode: '000004', respMsg: '请求格式非法' };
    case 'bad-sign': return { respCode: '000002', respMsg: '验签失败' };
    case 'wrong-app': return { respCode: '010004', respMsg: '应用编号非法' };
    case 'stale': return { respCode: '010006', respMsg: '请求时间戳为空或已过期' };
    case 'no-nonce': return { respCode: '000004', respMsg: '请求格式非法: nonce' };
    case 'unknown-type': return { respCode: '010002', respMsg: '未知交易类型' };
    case 'invalid': return { respCode: '020000', respMsg: `参数不合法: ${err.field ?? 'param'}` };
  }
}
