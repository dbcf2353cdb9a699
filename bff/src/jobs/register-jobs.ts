import type { Deps } from '../deps';
import { STOP_CANCEL_JOB, stopCancelJob } from '../workflows/booking/stop-schedule.workflow';
import { LAB_SYNC_JOB, withdrawnSyncJob } from '../workflows/lab/withdrawn-sync.job';
import { deliverJob } from '../workflows/notices/deliver.job';
import { DELIVER_JOB } from '../workflows/notices/notify.workflow';
import { CANCEL_CHECK_JOB, cancelCheckJob } from '../workflows/orders/cancel-order.workflow';
import { expireOrderJob } from '../workflows/orders/expire-order.job';
import { JOB } from '../workflows/orders/order-jobs';
import { pollPaymentJob } from '../workflows/orders/poll-payment.job';
import { postOrderJob } from '../workflows/orders/post-order.job';
import { refundOrderJob } from '../workflows/orders/refund-order.job';
import { FOLLOW_QUEUE_JOB, followQueueJob } from '../workflows/queue/follow-queue.job';
import type { JobRunner } from './job-runner';

/** Every background job kind and its handler. */
export function registerJobs(runner: JobRunner, deps: Deps): void {
  runner.register(JOB.post, (job) => postOrderJob(deps, job));
  runner.register(JOB.refund, (job) => refundOrderJob(deps, job));
  runner.register(JOB.expire, (job) => expireOrderJob(deps, job));
  runner.register(JOB.poll, (job) => pollPaymentJob(deps, job));
  runner.register(CANCEL_CHECK_JOB, (job) => cancelCheckJob(deps, job));
  runner.register(STOP_CANCEL_JOB, (job) => stopCancelJob(deps, job));
  runner.register(DELIVER_JOB, (job) => deliverJob(deps, job));
  runner.register(FOLLOW_QUEUE_JOB, (job) => followQueueJob(deps, job));
  runner.register(LAB_SYNC_JOB, (job) => withdrawnSyncJob(deps, job));
}

/**
 * Recurring jobs exist once in the table (fixed keys) and reschedule themselves; whichever
 * instance holds the lease runs them, so adding instances does not add load on HIS or the lab.
 */
export async function ensureRecurringJobs(deps: Deps): Promise<void> {
  const now = deps.now();
  await deps.jobs.enqueue(deps.store.db, { kind: FOLLOW_QUEUE_JOB, key: FOLLOW_QUEUE_JOB, payload: {}, runAt: now }, now);
  if (deps.lab) await deps.jobs.enqueue(deps.store.db, { kind: LAB_SYNC_JOB, key: LAB_SYNC_JOB, payload: {}, runAt: now }, now);
}
