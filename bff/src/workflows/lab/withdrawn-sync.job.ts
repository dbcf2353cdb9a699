import { z } from 'zod';
import type { Deps } from '../../deps';
import { later } from '../../domain/time';
import { LAB_SHAPE_REASONS, labFailureOf, type LabFailure, type LabPort, type WithdrawnReport } from '../../domain/lab/ports';
import { defineJob, type JobOutcome } from '../../jobs/job-kind';
import type { Job } from '../../store/jobs.repo';
import { notifyPatient } from '../notices/notify.workflow';

export const LAB_SYNC_JOB = 'lab.withdrawn-sync';

/** A failing sync waits longer each time (sync interval × 2ⁿ), at most an hour apart. */
const MAX_BACKOFF_SECONDS = 3600;

/** What operators see of a failing sync (GET /admin/sync-errors): codes and key names, no values. */
export const LabSyncError = z.object({
  op: z.string(),
  reason: z.string(),
  errorCode: z.string().nullable(),
  status: z.number().nullable(),
  shape: z.object({ type: z.string(), keys: z.array(z.string()), hiddenKeys: z.number() }).nullable(),
  /** The lab's withdrawal record whose detail or acknowledgement failed. */
  recordId: z.string().nullable(),
  since: z.string(),
  lastAt: z.string(),
  failures: z.number().int().min(1),
});
export type LabSyncError = z.infer<typeof LabSyncError>;

/** The job row's payload: the current error, kept across runs until a run succeeds. */
export const LabSyncPayload = z.object({ syncError: LabSyncError.optional() });

type Failure = LabFailure & { recordId: string | null };

/**
 * Withdrawn lab reports: list, read each, mark it withdrawn and notify in one transaction, then
 * acknowledge to the lab. A crash between marking and acknowledging lists the report again next
 * time; marking and the notice are idempotent, so nobody is told twice.
 *
 * A lab failure (outage, or an answer in a shape we do not read) acknowledges nothing it has not
 * handled, is kept on the job row for operators, and backs off; a record whose detail we cannot
 * read does not hold up the others.
 */
export async function withdrawnSyncJob(deps: Deps, job: Job): Promise<JobOutcome> {
  const every = deps.config.lab.syncSeconds;
  if (!deps.lab) return { retryAt: later(deps.now(), every) };
  const failure = await syncOnce(deps, deps.lab);
  const now = deps.now();
  if (!failure) return { retryAt: later(now, every), payload: {} };
  const previous = LabSyncPayload.safeParse(job.payload).data?.syncError;
  const failures = (previous?.failures ?? 0) + 1;
  const syncError: LabSyncError = { ...failure, since: previous?.since ?? now.toISOString(), lastAt: now.toISOString(), failures };
  deps.log.warn({ job: LAB_SYNC_JOB, ...failure, failures }, 'lab sync failed; see GET /admin/sync-errors');
  const wait = Math.min(every * 2 ** (failures - 1), Math.max(every, MAX_BACKOFF_SECONDS));
  return { retryAt: later(now, wait), payload: { syncError }, note: `lab ${failure.op}: ${failure.reason}` };
}

async function syncOnce(deps: Deps, lab: LabPort): Promise<Failure | null> {
  let listed;
  try {
    listed = await lab.listWithdrawn();
  } catch (err) {
    return failed(err, null);
  }
  let first: Failure | null = null;
  for (const item of listed) {
    let report: WithdrawnReport;
    try {
      report = await lab.detail(item.id);
    } catch (err) {
      const f = failed(err, item.id);
      first ??= f;
      if (LAB_SHAPE_REASONS.has(f.reason)) continue;
      return first;
    }
    await markAndNotify(deps, report);
    try {
      await lab.acknowledge(report.id);
    } catch (err) {
      return first ?? failed(err, report.id);
    }
    await deps.store.db.updateTable('withdrawn_reports').set({ acknowledged_at: deps.now().toISOString() }).where('lab_id', '=', report.id).execute();
  }
  return first;
}

/** A lab failure to keep; anything else (a bug, the database) is thrown on to the job runner. */
function failed(err: unknown, recordId: string | null): Failure {
  const f = labFailureOf(err);
  if (!f) throw err;
  return { ...f, recordId };
}

async function markAndNotify(deps: Deps, report: WithdrawnReport): Promise<void> {
  const now = deps.now();
  await deps.store.db.transaction().execute(async (tx) => {
    await tx.insertInto('withdrawn_reports').values({ lab_id: report.id, report_id: report.reportId, marked_at: now.toISOString(), acknowledged_at: null }).onConflict((oc) => oc.column('lab_id').doNothing()).execute();
    await notifyPatient(deps, tx, 'lab', { patientCard: report.patientCard, idNumber: report.idNumber, realName: report.patientName }, {
      kind: 'report_withdrawn',
      title: '报告撤回通知',
      body: `您的${report.reportName ?? '检验报告'}已被检验科撤回${report.reason ? `（${report.reason}）` : ''}，请以重新发布的报告为准，如有疑问请咨询医院。`,
      link: report.reportId ? `/journeys/reports/pages/detail/index?patientId={patientId}&reportId=${encodeURIComponent(report.reportId)}` : '/journeys/reports/pages/list/index?patientId={patientId}',
      dedupeKey: `withdrawn:${report.id}`,
      fields: { 报告: report.reportName ?? '检验报告' },
    }, now);
  });
}

export const labSync = defineJob({ kind: LAB_SYNC_JOB, payload: LabSyncPayload, run: (deps: Deps, _p, job) => withdrawnSyncJob(deps, job) });
