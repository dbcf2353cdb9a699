import { AppError, type CreateBookingRequest, type ErrorCode, type PayResponse } from '@hosp/shared';
import type { Deps } from '../../deps';
import type { BookingTarget, LockRefusal } from '../../domain/booking/ports';
import { isHisError } from '../../domain/his-errors';
import { newTradeNo } from '../../domain/orders/order';
import { ownedPatient } from '../patients/patient-detail.workflow';
import { enqueueExpire } from '../orders/order-jobs';
import { payOrder } from '../orders/pay-order.workflow';
import type { BookingDetails } from './booking-kind';
import type { CatalogueService } from './catalogue.service';

const REFUSALS: Record<LockRefusal, [ErrorCode, string]> = {
  close: ['SCHEDULE_STOPPED', '该医生已停诊，请选择其他排班'],
  full: ['SCHEDULE_FULL', '号源已约满，请选择其他时间或医生'],
  no_scheduling: ['NO_SCHEDULE', '该时段没有排班，请重新选择'],
  invalid_card: ['CARD_INVALID', '就诊卡状态异常（如挂失、注销），请到医院窗口处理'],
  error: ['BOOKING_FAILED', '医院系统未能完成预约，请稍后再试'],
};

/**
 * Book and pay: the order row is written first (with its expiry job), then the slot is locked in
 * HIS, then the platform charge is made. The amount is HIS's, never the client's. A retried request
 * (same requestId) returns the same order instead of booking twice.
 */
export async function createBooking(deps: Deps, catalogue: CatalogueService, accountId: string, req: CreateBookingRequest): Promise<PayResponse> {
  const existing = await deps.orders.findByClientRequest(accountId, req.requestId);
  if (existing) {
    if (existing.state === 'created' && !existing.hisRef) {
      // The first try was cut off between writing the order and hearing back from HIS. HIS locks
      // have no idempotency key, so locking again could take a second number: close and say so.
      await closeNow(deps, existing.tradeNo, 'booking interrupted before HIS confirmed the slot');
      throw new AppError('BOOKING_FAILED', '预约未完成，请重新选择号源预约');
    }
    return payOrder(deps, accountId, existing.tradeNo, req.payClient);
  }

  const patient = await ownedPatient(deps, accountId, req.patientId);
  const schedule = await catalogue.findSchedule(req.departmentCode, req.scheduleId);
  if (schedule.stopped) throw new AppError('SCHEDULE_STOPPED', REFUSALS.close[1]);
  if (schedule.remaining === 0) throw new AppError('SCHEDULE_FULL', REFUSALS.full[1]);
  const today = catalogue.today();
  const kind = schedule.date === today ? 'register' : 'subscription';
  const dept = await catalogue.department(schedule.departmentCode);
  const target: BookingTarget = {
    scheduleId: schedule.scheduleId,
    sourceNo: req.slot?.sourceNo ?? null,
    sourceOrder: req.slot?.sourceOrder ?? null,
    departmentCode: schedule.departmentCode,
    departmentName: dept?.name ?? null,
    doctorCode: schedule.doctorCode ?? '',
    doctorName: schedule.doctorName,
    clinicType: schedule.clinicType,
    clinicDate: schedule.date,
    clinicTime: req.slot?.visitTime ?? schedule.period ?? schedule.timeRange ?? '',
    clinicTimeQuantum: schedule.timeRange ?? req.slot?.visitTime ?? schedule.period ?? '',
    feeFen: schedule.feeFen,
  };
  const details: BookingDetails = { bookingKind: kind, patient: { realName: patient.realName, idNumber: patient.idNumber, patientCard: patient.patientCard }, target, queueNo: null };
  const now = deps.now();
  const tradeNo = newTradeNo(now);
  const expiresAt = new Date(now.getTime() + deps.config.orders.unpaidMinutes * 60_000);
  const subject = `${kind === 'register' ? '挂号' : '预约'} ${target.departmentName ?? ''} ${target.doctorName ?? schedule.clinicType}`.replace(/\s+/g, ' ').trim();
  await deps.store.db.transaction().execute(async (tx) => {
    await deps.orders.insert(tx, { tradeNo, kind, accountId, patientId: patient.id, clientRequestId: req.requestId, amountFen: schedule.feeFen, subject, payClient: req.payClient, details: details as never, expiresAt: expiresAt.toISOString(), scheduleId: schedule.scheduleId, visitDate: schedule.date }, now, 'patient', `booking ${schedule.date} ${target.clinicTime}`);
    await enqueueExpire(deps, tx, tradeNo, expiresAt, now);
  });

  let lock;
  try {
    lock = await deps.hisBooking.lock(kind, details.patient, target);
  } catch (err) {
    const reason = isHisError(err) ? `HIS lock failed: ${err.code}` : 'HIS lock failed';
    await closeNow(deps, tradeNo, reason);
    throw err;
  }
  if (!lock.ok) {
    await closeNow(deps, tradeNo, `HIS refused the booking: ${lock.reason} ${lock.message}`);
    const [code, text] = REFUSALS[lock.reason];
    throw new AppError(code, lock.reason === 'error' && lock.message ? lock.message : text, { hisMessage: lock.message });
  }
  catalogue.invalidate(target.departmentCode, target.scheduleId);
  await deps.store.db.transaction().execute((tx) =>
    deps.orders.patch(tx, tradeNo, { hisRef: lock.hisBookingId, amountFen: lock.amountFen ?? schedule.feeFen, details: { ...details, queueNo: lock.queueNo } as never }, deps.now()),
  );
  deps.log.info({ tradeNo, kind, accountId }, 'booking locked');
  return payOrder(deps, accountId, tradeNo, req.payClient);
}

async function closeNow(deps: Deps, tradeNo: string, reason: string): Promise<void> {
  await deps.store.db.transaction().execute((tx) => deps.orders.transition(tx, tradeNo, 'closed', { actor: 'his', reason, from: ['created'] }, deps.now()));
}
