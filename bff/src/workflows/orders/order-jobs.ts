import type { Deps } from '../../deps';
import type { Db } from '../../store/db';
import { later } from '../../domain/clock';

/** Job kinds of the order machinery; each key is unique per order so enqueueing twice is a no-op. */
export const JOB = {
  post: 'order.post',
  refund: 'order.refund',
  expire: 'order.expire',
  poll: 'order.poll',
} as const;

export function enqueuePost(deps: Deps, tx: Db, tradeNo: string, now: Date): Promise<boolean> {
  return deps.jobs.enqueue(tx, { kind: JOB.post, key: `post:${tradeNo}`, payload: { tradeNo, round: 1 }, runAt: now }, now);
}

export function enqueueRefund(deps: Deps, tx: Db, tradeNo: string, outRefundNo: string, now: Date): Promise<boolean> {
  return deps.jobs.enqueue(tx, { kind: JOB.refund, key: `refund:${outRefundNo}`, payload: { tradeNo, outRefundNo }, runAt: now }, now);
}

export function enqueueExpire(deps: Deps, tx: Db, tradeNo: string, at: Date, now: Date): Promise<boolean> {
  return deps.jobs.enqueue(tx, { kind: JOB.expire, key: `expire:${tradeNo}`, payload: { tradeNo }, runAt: at }, now);
}

export function enqueuePoll(deps: Deps, tx: Db, tradeNo: string, now: Date): Promise<boolean> {
  const at = later(now, deps.config.orders.pollSeconds);
  return deps.jobs.enqueue(tx, { kind: JOB.poll, key: `poll:${tradeNo}`, payload: { tradeNo }, runAt: at }, now);
}

