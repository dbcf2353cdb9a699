import type { Deps } from './deps';
import type { JobRunner } from './jobs/job-runner';
import { stopCancel } from './workflows/booking/stop-schedule.workflow';
import { lockCheckJob } from './workflows/booking/create-booking.workflow';
import { labSync, LAB_SYNC_JOB } from './workflows/lab/withdrawn-sync.job';
import { deliver } from './workflows/notices/deliver.job';
import { orderJobs } from './workflows/orders';
import { cardPayJob } from './workflows/outpatient/card-pay.workflow';
import { depositRefundJob } from './workflows/deposit/refund-saga.job';
import { followQueue, FOLLOW_QUEUE_JOB } from './workflows/queue/follow-queue.job';
import { healJob } from './workflows/finance/reconciliation-heal.job';
import { nextRunAt, reconciliationJob, RECONCILIATION_JOB } from './workflows/finance/reconciliation.job';

/**
 * Composition of the background work: every job kind is declared (with its typed payload) by the
 * module that owns the work and registered here, so the job runner knows no workflow.
 */
export function registerJobs(runner: JobRunner, deps: Deps): void {
  runner.registerKinds(deps, [...orderJobs, cardPayJob, depositRefundJob, lockCheckJob, stopCancel, deliver, followQueue, labSync, reconciliationJob, healJob]);
}

/**
 * Recurring jobs exist once in the table (fixed keys) and reschedule themselves; whichever
 * instance holds the lease runs them, so adding instances does not add load on HIS or the lab.
 */
export async function ensureRecurringJobs(deps: Deps): Promise<void> {
  const now = deps.now();
  await deps.jobs.enqueue(deps.store.db, { kind: FOLLOW_QUEUE_JOB, key: FOLLOW_QUEUE_JOB, payload: {}, runAt: now }, now);
  if (deps.lab) await deps.jobs.enqueue(deps.store.db, { kind: LAB_SYNC_JOB, key: LAB_SYNC_JOB, payload: {}, runAt: now }, now);
  // First run at the next morning's hour, not at start-up: yesterday may not be closed in HIS yet.
  const recon = deps.config.reconciliation;
  await deps.jobs.enqueue(deps.store.db, { kind: RECONCILIATION_JOB, key: RECONCILIATION_JOB, payload: {}, runAt: nextRunAt(now, recon.runAt) }, now);
}
