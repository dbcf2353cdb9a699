import { AppError } from '@hosp/shared';

/**
 * How any HIS call can fail, as the domain sees it. Adapters throw these; workflows decide what a
 * failure means for their journey (a rejected card check is a mismatch, say).
 *  - HIS_REJECTED: HIS answered result=error; `hisMessage` is its own words (shown to patients).
 *  - HIS_UNAVAILABLE: no answer in time, connection refused, HTTP 5xx.
 *  - HIS_BAD_REPLY: an answer we cannot trust (malformed XML, missing fields, bad amounts).
 */
export function hisRejected(method: string, hisMessage: string): AppError {
  return new AppError('HIS_REJECTED', hisMessage || '医院系统拒绝了该请求', { method, hisMessage });
}

export function hisUnavailable(method: string, reason: string): AppError {
  return new AppError('HIS_UNAVAILABLE', '医院系统暂时无法访问，请稍后再试', { method, reason });
}

export function hisBadReply(method: string, reason: string): AppError {
  return new AppError('HIS_BAD_REPLY', '医院系统返回了无法识别的结果，请稍后再试', { method, reason });
}

export function isHisError(err: unknown, code?: 'HIS_REJECTED' | 'HIS_UNAVAILABLE' | 'HIS_BAD_REPLY'): err is AppError {
  if (!(err instanceof AppError)) return false;
  const his = err.code === 'HIS_REJECTED' || err.code === 'HIS_UNAVAILABLE' || err.code === 'HIS_BAD_REPLY';
  return his && (code === undefined || err.code === code);
}

/**
 * Whether HIS may have acted on a request whose answer we did not get: anything but a refusal in
 * its own words or a connection it never accepted. A lock or payment in that state is not retried
 * blindly (HIS keys have no idempotency) and not assumed undone.
 */
export function hisMayHaveActed(err: unknown): boolean {
  if (!isHisError(err)) return false;
  if (err.code === 'HIS_REJECTED') return false;
  return !(err.code === 'HIS_UNAVAILABLE' && err.detail?.reason === 'ECONNREFUSED');
}
