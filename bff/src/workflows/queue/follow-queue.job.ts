import type { Deps } from '../../deps';
import { beijingDate, later } from '../../domain/time';
import { isHisError } from '../../domain/his-errors';
import { z } from 'zod';
import { defineJob, type JobOutcome } from '../../jobs/job-kind';
import type { Job } from '../../store/jobs.repo';
import { bookingDetails } from '../../domain/booking/booking-details';
import { notifyAccount } from '../notices/notify.workflow';
import { lineFor, queueNumberOf, recordVisitSeen, visitSeen } from './queue.workflow';
import { queuePosition } from '../../domain/queue/queue-position';

export const FOLLOW_QUEUE_JOB = 'queue.follow';

/**
 * Follows today's queues for patients with a visit today: one findQueueUp per department per round
 * (not per patient), one queryClinicStatus for the whole day, and a patient's own number asked once
 * and kept. Sends one reminder when within `remindWithin` places and one when called.
 */
export async function followQueueJob(deps: Deps, _job: Job): Promise<JobOutcome> {
  const now = deps.now();
  const today = beijingDate(now);
  const next = { retryAt: later(now, deps.config.queue.pollSeconds) };
  const orders = await deps.orders.listVisitsOn(today, ['posted']);
  const pending = [];
  for (const o of orders) if (!(await visitSeen(deps, o))) pending.push(o);
  if (pending.length === 0) return next;

  try {
    const statuses = await deps.hisQueue.visitStatusesOn(today);
    const seen = [...statuses].filter(([, s]) => s === 'seen').map(([id]) => id);
    for (const id of seen) await recordVisitSeen(deps, deps.store.db, 'his', id, 'queryClinicStatus', now);
  } catch (err) {
    if (!isHisError(err)) throw err;
  }

  const byDept = new Map<string, typeof pending>();
  for (const o of pending) {
    const dept = bookingDetails(o).target.departmentCode;
    byDept.set(dept, [...(byDept.get(dept) ?? []), o]);
  }
  for (const [dept, group] of byDept) {
    let lines;
    try {
      lines = await deps.hisQueue.departmentQueue(dept, bookingDetails(group[0]!).target.departmentName ?? '');
    } catch (err) {
      if (!isHisError(err)) throw err;
      continue;
    }
    for (const o of group) {
      if (await visitSeen(deps, o)) continue;
      const d = bookingDetails(o);
      let mine = queueNumberOf(o);
      if (mine === null) {
        mine = await deps.hisQueue
          .patientNumber({ realName: d.patient.realName, patientCard: d.patient.patientCard, doctorCode: d.target.doctorCode || null, doctorName: d.target.doctorName, departmentCode: dept, departmentName: d.target.departmentName ?? '' })
          .catch(() => null);
        if (mine === null) continue;
        await deps.store.db.transaction().execute((tx) => deps.orders.patch(tx, o.tradeNo, { receipt: { invoiceNo: null, clinicNo: null, hisPayId: null, ...o.receipt, queueNo: String(mine) } }, now));
      }
      const line = lineFor(lines, d.target.doctorCode || null);
      if (!line) continue;
      const pos = queuePosition(mine, line);
      const ahead = pos.state === 'called' ? 0 : pos.ahead;
      const where = `${d.target.departmentName ?? ''}${d.target.doctorName ? ` ${d.target.doctorName}` : ''}`;
      const link = '/journeys/queue/pages/mine/index';
      await deps.store.db.transaction().execute(async (tx) => {
        if (pos.state === 'called') {
          await notifyAccount(deps, tx, o.accountId, o.patientId, { kind: 'queue_called', title: '叫号提醒', body: `${d.patient.realName}，${where}已叫到 ${mine} 号，请尽快到诊室就诊。`, link, dedupeKey: `queue-called:${o.tradeNo}`, fields: { 科室: where, 序号: String(mine) } }, now);
        } else if (ahead < deps.config.queue.remindWithin) {
          await notifyAccount(deps, tx, o.accountId, o.patientId, { kind: 'queue_near', title: '候诊提醒', body: `${d.patient.realName}，${where}${ahead === 0 ? '下一位就是您' : `前面还有 ${ahead} 人`}，请到诊室附近候诊。`, link, dedupeKey: `queue-near:${o.tradeNo}`, fields: { 科室: where, 前面人数: String(ahead) } }, now);
        }
      });
    }
  }
  return next;
}

export const followQueue = defineJob({ kind: FOLLOW_QUEUE_JOB, payload: z.object({}), run: (deps: Deps, _p, job) => followQueueJob(deps, job) });
