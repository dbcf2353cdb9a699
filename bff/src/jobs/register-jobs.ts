import type { Deps } from '../deps';
import { CANCEL_CHECK_JOB, cancelCheckJob } from '../workflows/orders/cancel-order.workflow';
import { expireOrderJob } from '../workflows/orders/expire-order.job';
import { JOB } from '../workflows/orders/order-jobs';
import { pollPaymentJob } from '../workflows/orders/poll-payment.job';
import { postOrderJob } from '../workflows/orders/post-order.job';
import { refundOrderJob } from '../workflows/orders/refund-order.job';
import type { JobRunner } from './job-runner';

/** Every background job kind and its handler. */
export function registerJobs(runner: JobRunner, deps: Deps): void {
  runner.register(JOB.post, (job) => postOrderJob(deps, job));
  runner.register(JOB.refund, (job) => refundOrderJob(deps, job));
  runner.register(JOB.expire, (job) => expireOrderJob(deps, job));
  runner.register(JOB.poll, (job) => pollPaymentJob(deps, job));
  runner.register(CANCEL_CHECK_JOB, (job) => cancelCheckJob(deps, job));
}
