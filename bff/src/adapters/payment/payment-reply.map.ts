import { yuanToFen } from '@hosp/shared';
import type { ChargeStatus, CloseResult, RefundResult, RefundStatus } from '../../domain/payments/ports';
import { parseCompact } from '../../domain/time';
import { paramObject, type PlatformReply } from './payment-client';
import { REFUND_PENDING_CODES, RESP, tradeResultOf } from './payment-codes';

/** Vendor reply → domain result. Pure functions, so each row of the mapping tables is testable. */

/** A trimmed non-empty string from a string or number field; null otherwise. */
export function str(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t === '' ? null : t;
}

/** Yuan text (or a number the platform sent unquoted) → fen; null when absent or not exact. */
export function fenOf(v: unknown): number | null {
  const text = typeof v === 'number' ? String(v) : v;
  if (typeof text !== 'string' || text.trim() === '') return null;
  try {
    return yuanToFen(text);
  } catch {
    return null;
  }
}

/** The final channel: extra.paytype when the platform names one, else tradeMode. */
function tradeModeOf(param: Record<string, unknown>): string | null {
  const extra = paramObject(param.extra) ?? {};
  return str(extra.paytype) ?? str(param.tradeMode);
}

const NOT_FOUND_CODES: ReadonlySet<string> = new Set([RESP.chargeNotFound, '034006', '040008']);

/** hop.trade.query about a charge. `succ` is paid: the amount is the one our order fixed. */
export function chargeStatusOf(reply: PlatformReply): ChargeStatus {
  const { respCode, respMsg, param } = reply;
  if (NOT_FOUND_CODES.has(respCode)) return { state: 'not_found' };
  if (respCode !== RESP.ok) return { state: 'unknown', reason: `${respCode} ${respMsg}`.trim() };
  const result = tradeResultOf(param.result ?? param.tradeState ?? param.state);
  switch (result) {
    case 'pending':
      return { state: 'pending' };
    case 'fail':
      return { state: 'failed', reason: str(param.resultDesc) ?? 'fail' };
    case 'closed':
      return { state: 'closed' };
    case 'notfound':
      return { state: 'not_found' };
    case 'exp':
      return { state: 'unknown', reason: `exp ${str(param.resultDesc) ?? ''}`.trim() };
    case null:
      return { state: 'unknown', reason: `unrecognised result ${String(param.result)}` };
    case 'succ':
      return { state: 'paid', traceNo: str(param.traceNo) ?? str(param.origTraceNo), paidAt: parseCompact(param.origTraceTime), tradeMode: tradeModeOf(param) };
  }
}

/** hop.trade.query with tradeType refund, by our outRefundNo. */
export function refundStatusOf(reply: PlatformReply): RefundStatus {
  const { respCode, respMsg, param } = reply;
  if (NOT_FOUND_CODES.has(respCode) || respCode === RESP.refundNotFound) return { state: 'not_found' };
  if (respCode !== RESP.ok) return { state: 'unknown', reason: `${respCode} ${respMsg}`.trim() };
  switch (tradeResultOf(param.result ?? param.tradeState ?? param.state)) {
    case 'succ':
      return { state: 'refunded', refundedAt: parseCompact(param.origTraceTime) };
    case 'pending':
      return { state: 'pending' };
    case 'fail':
    case 'closed':
      return { state: 'failed', reason: str(param.resultDesc) ?? String(param.result) };
    case 'notfound':
      return { state: 'not_found' };
    default:
      return { state: 'unknown', reason: `${String(param.result)} ${str(param.resultDesc) ?? ''}`.trim() };
  }
}

export function closeResultOf(reply: PlatformReply): CloseResult {
  switch (reply.respCode) {
    case RESP.ok:
    case RESP.alreadyClosed:
      return 'closed';
    case RESP.alreadyPaid:
      return 'already_paid';
    case RESP.chargeNotFound:
      return 'not_found';
    default:
      return 'unknown';
  }
}

export function refundResultOf(reply: PlatformReply, refundFen: number, now: Date): RefundResult {
  const { respCode, respMsg, param } = reply;
  if (respCode === RESP.ok || respCode === RESP.alreadyRefunded) {
    // succAmount: the platform may refund less than asked (order balance); that needs a person.
    const succ = fenOf(param.succAmount);
    if (respCode === RESP.ok && succ !== null && succ !== refundFen) {
      return { state: 'rejected', code: 'SUCC_AMOUNT_MISMATCH', message: `refunded ${succ} fen of ${refundFen}` };
    }
    return { state: 'refunded', refundNo: str(param.refundNo), refundedAt: parseCompact(param.traceTime) ?? now };
  }
  if (REFUND_PENDING_CODES.has(respCode.toUpperCase())) return { state: 'pending', code: respCode, message: respMsg };
  return { state: 'rejected', code: respCode, message: respMsg };
}
