import type { Receipt } from './order';
import type { OrderStatusResult, PostResult } from './order-kind';

/**
 * The HIS document's rules for telling HIS of a payment, as one pure function: at most 3 notices
 * a round with the same fields, refund at once on isRefund=1, otherwise ask queryOrderStatus before
 * deciding, then further rounds with backoff until the posting window ends, then refund (only if
 * HIS is known not to have the payment and the hospital allows it) or a person.
 */
export const ATTEMPTS_PER_ROUND = 3;

export interface PostingPolicy {
  attemptGapSeconds: number;
  roundBackoffSeconds: number;
  windowHours: number;
  giveUp: 'refund' | 'attention';
  /** What a queryOrderStatus ERROR means: `unknown` (the document's reading) or `not_posted`. */
  queryErrorMeans: 'unknown' | 'not_posted';
}

/** A call whose outcome we could not learn (timeout, unreadable reply). */
export type Unknown = { state: 'unknown'; reason: string };

export interface PostingFacts {
  round: number;
  /** This notice's number within the round, 1-based, recorded before it was sent. */
  attempt: number;
  paidAt: Date;
  now: Date;
  post: PostResult | Unknown;
  /** Absent until the decision asked for it. */
  query?: OrderStatusResult | Unknown;
}

export type PostingDecision =
  | { action: 'posted'; via: 'notice' | 'query'; receipt: Receipt; extra?: { inspectPlace: string | null; windowNo: string | null } }
  | { action: 'query' }
  | { action: 'refund'; reason: string }
  | { action: 'retry'; afterSeconds: number; round: number; note: string }
  | { action: 'attention'; reason: string };

export function decidePosting(f: PostingFacts, p: PostingPolicy): PostingDecision {
  if (f.post.state === 'posted') {
    const r = f.post;
    const receipt = { invoiceNo: r.invoiceNo, clinicNo: r.clinicNo, queueNo: r.queueNo, hisPayId: null, registerId: r.hisBookingId };
    const where = r.inspectPlace !== undefined || r.windowNo !== undefined;
    return { action: 'posted', via: 'notice', receipt, ...(where ? { extra: { inspectPlace: r.inspectPlace ?? null, windowNo: r.windowNo ?? null } } : {}) };
  }
  if (f.post.state === 'failed' && f.post.isRefund) {
    return { action: 'refund', reason: `HIS refused the payment and asked for a refund: ${f.post.message}` };
  }
  if (!f.query) return { action: 'query' };
  if (f.query.state === 'posted') {
    const q = f.query;
    return {
      action: 'posted', via: 'query',
      receipt: { invoiceNo: q.invoiceNo, clinicNo: null, queueNo: q.queueNo, hisPayId: q.hisPayId, registerId: q.hisBookingId },
      extra: { inspectPlace: q.inspectPlace ?? null, windowNo: q.windowNo ?? null },
    };
  }
  const why = f.post.state === 'failed' ? `HIS error: ${f.post.message}` : f.post.reason;
  if (f.attempt < ATTEMPTS_PER_ROUND) return { action: 'retry', afterSeconds: p.attemptGapSeconds, round: f.round, note: why };
  if (f.now.getTime() - f.paidAt.getTime() < p.windowHours * 3_600_000) {
    return { action: 'retry', afterSeconds: Math.min(3600, p.roundBackoffSeconds * 2 ** (f.round - 1)), round: f.round + 1, note: why };
  }
  const hisLacksIt = f.query.state === 'error' && p.queryErrorMeans === 'not_posted';
  const reason = `HIS did not take the payment within ${p.windowHours} h (${why})`;
  if (hisLacksIt && p.giveUp === 'refund') return { action: 'refund', reason };
  return { action: 'attention', reason: hisLacksIt ? reason : `${reason}; HIS could not confirm either way` };
}
