import { AppError } from '@hosp/shared';
import type { Deps } from '../../deps';
import { isHisError } from '../../domain/his-errors';
import type { StopSchedule } from '../../domain/notices/inbound';
import { z } from 'zod';
import { defineJob, type JobOutcome } from '../../jobs/job-kind';
import type { Job } from '../../store/jobs.repo';
import { closeUnpaid } from '../orders/expire-order.job';
import { later } from '../../domain/time';
import { startRefund } from '../orders/refund';
import { notifyAccount } from '../notices/notify.workflow';
import { bookingDetails } from '../../domain/booking/booking-details';

export const STOP_CANCEL_JOB = 'order.stop-cancel';
const AFFECTED = ['created', 'paying', 'paid', 'posting', 'posted'];

/** The same doctor's (else the department's) next open schedules, as words for the notice. */
async function alternatives(deps: Deps, departmentCode: string, doctorCode: string | null, excluding: string): Promise<string> {
  try {
    const open = (await deps.catalogue.schedules(departmentCode)).filter((s) => s.scheduleId !== excluding && !s.stopped && s.remaining !== 0);
    const same = open.filter((s) => doctorCode && s.doctorCode === doctorCode);
    const pick = (same.length > 0 ? same : open).slice(0, 3);
    if (pick.length === 0) return '近期暂无可预约号源。';
    return `可改约：${pick.map((s) => `${s.date} ${s.period ?? ''}${s.doctorName ? ` ${s.doctorName}` : ''}`).join('；')}。`;
  } catch {
    return '';
  }
}

/**
 * HIS stopped a clinic (16.9): the schedule is marked stopped for every instance, every patient
 * booked on it is told (with the next open schedules), and each booking is released or cancelled
 * and refunded through the order machinery by a job of its own.
 */
export async function stopSchedule(deps: Deps, s: StopSchedule): Promise<{ affected: number }> {
  const now = deps.now();
  const orders = (await deps.orders.listBySchedule(s.scheduleId)).filter((o) => AFFECTED.includes(o.state));
  await deps.store.db.transaction().execute(async (tx) => {
    await tx.insertInto('stopped_schedules').values({ schedule_id: s.scheduleId, clinic_date: s.clinicDate, department_code: s.departmentCode, doctor_code: s.doctorCode, stopped_at: now.toISOString() }).onConflict((oc) => oc.column('schedule_id').doNothing()).execute();
  });
  deps.catalogue.markStopped(s.scheduleId);
  for (const order of orders) {
    const d = bookingDetails(order);
    const paid = !['created', 'paying'].includes(order.state);
    const options = await alternatives(deps, d.target.departmentCode, d.target.doctorCode || null, s.scheduleId);
    await deps.store.db.transaction().execute(async (tx) => {
      await notifyAccount(deps, tx, order.accountId, order.patientId, {
        kind: 'clinic_stopped',
        title: '停诊通知',
        body: `很抱歉，${d.target.clinicDate} ${d.target.clinicTime} ${d.target.departmentName ?? ''}${d.target.doctorName ? ` ${d.target.doctorName}` : ''}已停诊。${paid ? '您的预约将取消，费用原路退回。' : '您未支付的预约已取消。'}${options}`,
        link: `/journeys/booking/pages/schedules/index?departmentCode=${d.target.departmentCode}`,
        dedupeKey: `stop:${s.scheduleId}:${order.tradeNo}`,
        fields: { 就诊日期: d.target.clinicDate, 科室: d.target.departmentName ?? '' },
      }, now);
      await deps.jobs.enqueue(tx, { kind: STOP_CANCEL_JOB, key: `stop-cancel:${order.tradeNo}`, payload: { tradeNo: order.tradeNo }, runAt: now }, now);
    });
  }
  deps.log.info({ scheduleId: s.scheduleId, affected: orders.length }, 'clinic stopped');
  return { affected: orders.length };
}

/** Releases or cancels-and-refunds one booking on a stopped clinic; waits while a payment is being posted. */
export async function stopCancelJob(deps: Deps, job: Job): Promise<JobOutcome> {
  const tradeNo = String(job.payload.tradeNo);
  const order = await deps.orders.get(tradeNo);
  if (!order) return { done: true };
  if (order.state === 'created' || order.state === 'paying') {
    const r = await closeUnpaid(deps, tradeNo, 'system', 'clinic stopped by the hospital');
    return r === 'retry' || r === 'paid' ? { retryAt: later(deps.now(), 5) } : { done: true };
  }
  if (order.state === 'paid' || order.state === 'posting') return { retryAt: later(deps.now(), 5), note: 'waiting for posting to settle' };
  if (order.state !== 'posted') return { done: true };
  const provider = deps.kinds.get(order.kind);
  try {
    await provider.cancelPosted?.(deps.kinds.typed(order, provider));
  } catch (err) {
    // HIS stopped the clinic itself and may refuse to cancel what it already cancelled: the visit
    // will not happen either way, so the money goes back. Only an unreachable HIS waits.
    if (!isHisError(err, 'HIS_REJECTED')) throw err;
    deps.log.info({ tradeNo, code: (err as AppError).code }, 'HIS refused the cancel of a stopped booking; refunding anyway');
  }
  await deps.store.db.transaction().execute((tx) => startRefund(deps, tx, tradeNo, { actor: 'his', cause: 'clinic_stopped', reason: 'clinic stopped by the hospital', from: ['posted'] }, deps.now()));
  return { done: true };
}

export const stopCancel = defineJob({ kind: STOP_CANCEL_JOB, payload: z.object({ tradeNo: z.string() }), run: (deps: Deps, _p, job) => stopCancelJob(deps, job) });
