import type { Deps } from '../../deps';
import { z } from 'zod';
import { defineJob, type JobOutcome } from '../../jobs/job-kind';
import type { Job } from '../../store/jobs.repo';
import { notifyPatient } from '../notices/notify.workflow';
import { later } from '../../domain/clock';

export const LAB_SYNC_JOB = 'lab.withdrawn-sync';

/**
 * Withdrawn lab reports: list, read each, mark it withdrawn and notify in one transaction, then
 * acknowledge to the lab. A crash between marking and acknowledging lists the report again next
 * time; marking and the notice are idempotent, so nobody is told twice. A lab outage waits.
 */
export async function withdrawnSyncJob(deps: Deps, _job: Job): Promise<JobOutcome> {
  const next = () => ({ retryAt: later(deps.now(), deps.config.lab.syncSeconds) });
  if (!deps.lab) return next();
  const listed = await deps.lab.listWithdrawn();
  for (const item of listed) {
    const report = await deps.lab.detail(item.id);
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
    await deps.lab.acknowledge(report.id);
    await deps.store.db.updateTable('withdrawn_reports').set({ acknowledged_at: deps.now().toISOString() }).where('lab_id', '=', report.id).execute();
  }
  return next();
}

export const labSync = defineJob({ kind: LAB_SYNC_JOB, payload: z.object({}), run: (deps: Deps, _p, job) => withdrawnSyncJob(deps, job) });
