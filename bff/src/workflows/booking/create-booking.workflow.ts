import { AppError, type CreateBookingRequest, type ErrorCode, type PayResponse } from '@hosp/shared';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../../deps';
import type { BookingDetails } from '../../domain/booking/booking-details';
import type { BookingTarget, LockRefusal } from '../../domain/booking/ports';
import { hisMayHaveActed, isHisError } from '../../domain/his-errors';
import { newTradeNo, type Order } from '../../domain/orders/order';
import { later } from '../../domain/time';
import { defineJob, enqueueJob } from '../../jobs/job-kind';
import { isUniqueViolation } from '../../store/orders.repo';
import { enqueueExpire, lockUnknown } from '../orders/expire-order.job';
import { orderDetailView } from '../orders/order-view';
import { payOrder } from '../orders/pay-order.workflow';
import { outpatientPayer } from '../orders/payer';
import { ownedPatient } from '../patients/patient-detail.workflow';
import type { CatalogueService } from './catalogue.service';
import { awaitFirstTry, singleFlight } from './booking-flight';

const REFUSALS: Record<LockRefusal, [ErrorCode, string]> = {
  close: ['SCHEDULE_STOPPED', '该医生已停诊，请选择其他排班'],
  full: ['SCHEDULE_FULL', '号源已约满，请选择其他时间或医生'],
  no_scheduling: ['NO_SCHEDULE', '该时段没有排班，请重新选择'],
  invalid_card: ['CARD_INVALID', '就诊卡状态异常（如挂失、注销），请到医院窗口处理'],
  error: ['BOOKING_FAILED', '医院系统未能完成预约，请稍后再试'],
};

const duplicate = (tradeNo: string) => new AppError('DUPLICATE_BOOKING', '该就诊人已预约了这个号源，请在订单中查看', { tradeNo }, tradeNo);

/**
 * Book and pay. One try per (account, requestId): a repeat while the first waits on HIS waits for
 * it and returns its result. The order row is written first (with its expiry and lock-check jobs),
 * under the database's one-unpaid-booking-per-patient-and-schedule rule and the account's cap on
 * unpaid orders; then the slot is locked in HIS; then the platform charge is made. The amount is
 * HIS's, never the client's.
 */
export function createBooking(deps: Deps, catalogue: CatalogueService, accountId: string, req: CreateBookingRequest): Promise<PayResponse> {
  return singleFlight(deps, `${accountId}:${req.requestId}`, async () => {
    const existing = await deps.orders.findByClientRequest(accountId, req.requestId);
    if (existing) return resumeExisting(deps, accountId, existing, req.pay !== false);
    return bookNew(deps, catalogue, accountId, req);
  });
}

/** The same requestId arrived again (another instance, or after a reload): never a second lock. */
async function resumeExisting(deps: Deps, accountId: string, first: Order, charge: boolean): Promise<PayResponse> {
  const settled = await awaitFirstTry(deps, first.tradeNo);
  if (settled.state === 'closed' && !settled.paidAt && settled.statusNote?.startsWith('refused:')) {
    const [, code, message] = settled.statusNote.split(':');
    throw new AppError((code as ErrorCode) ?? 'BOOKING_FAILED', message);
  }
  if (settled.state === 'created' && !settled.hisRef) throw new AppError('BOOKING_IN_PROGRESS', '预约正在处理中，请稍后在“我的订单”中查看', { tradeNo: first.tradeNo }, first.tradeNo);
  return charge ? payOrder(deps, accountId, first.tradeNo) : { order: await orderDetailView(deps, settled), payParams: null };
}

async function bookNew(deps: Deps, catalogue: CatalogueService, accountId: string, req: CreateBookingRequest): Promise<PayResponse> {
  const patient = await ownedPatient(deps, accountId, req.patientId);
  const schedule = await catalogue.findSchedule(req.departmentCode, req.scheduleId);
  if (schedule.stopped) throw new AppError('SCHEDULE_STOPPED', REFUSALS.close[1]);
  if (schedule.remaining === 0) throw new AppError('SCHEDULE_FULL', REFUSALS.full[1]);
  const live = await deps.orders.liveBooking(patient.id, schedule.scheduleId);
  if (live) throw duplicate(live.tradeNo);
  const payer = await outpatientPayer(deps, patient);
  const kind = schedule.date === catalogue.today() ? 'register' : 'subscription';
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
  try {
    await deps.store.db.transaction().execute(async (tx) => {
      // The account's unpaid orders are counted under a lock so concurrent bookings cannot pass the cap together.
      if (deps.store.dialect === 'postgres') await sql`select id from accounts where id = ${accountId} for update`.execute(tx);
      if ((await deps.orders.countUnpaid(accountId, tx)) >= deps.config.orders.maxUnpaidPerAccount) {
        throw new AppError('TOO_MANY_UNPAID', '您有多笔待支付订单，请先完成支付或取消后再预约', { limit: deps.config.orders.maxUnpaidPerAccount });
      }
      await deps.orders.insert(tx, {
        tradeNo, kind, accountId, patientId: patient.id, clientRequestId: req.requestId, amountFen: schedule.feeFen, subject, payClient: req.payClient,
        details, expiresAt: expiresAt.toISOString(), scheduleId: schedule.scheduleId, visitDate: schedule.date, payer, payChannel: deps.config.payment.channels[req.payClient],
      }, now, 'patient', `booking ${schedule.date} ${target.clinicTime}`);
      await enqueueExpire(deps, tx, tradeNo, expiresAt, now);
      const checkAt = later(now, deps.config.his.timeoutMs / 1000 + 60);
      await enqueueJob(deps.jobs, tx, lockCheckJob, { key: `lock-check:${tradeNo}`, payload: { tradeNo }, runAt: checkAt }, now);
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Another request got there first: the same requestId (wait for it), or another booking of this place.
    const same = await deps.orders.findByClientRequest(accountId, req.requestId);
    if (same) return resumeExisting(deps, accountId, same, req.pay !== false);
    const other = await deps.orders.liveBooking(patient.id, schedule.scheduleId);
    throw other ? duplicate(other.tradeNo) : err;
  }
  return lockAndPay(deps, catalogue, accountId, tradeNo, details, req.pay !== false);
}

async function lockAndPay(deps: Deps, catalogue: CatalogueService, accountId: string, tradeNo: string, details: BookingDetails, charge: boolean): Promise<PayResponse> {
  const { target } = details;
  let lock;
  try {
    lock = await deps.hisBooking.lock(details.bookingKind, details.patient, target);
  } catch (err) {
    const order = (await deps.orders.get(tradeNo))!;
    if (hisMayHaveActed(err)) {
      // HIS may hold a place we cannot name (its lock has no key of ours): a person releases it.
      await lockUnknown(deps, order, `HIS lock outcome unknown (${isHisError(err) ? String(err.detail?.reason ?? err.code) : 'error'}): ${deps.kinds.get(order.kind).heldInHis?.(deps.kinds.typed(order, deps.kinds.get(order.kind))) ?? ''}`);
      throw new AppError('BOOKING_UNCERTAIN', '医院系统响应超时，预约结果待确认，工作人员会尽快核实；您未被扣款', { tradeNo }, tradeNo);
    }
    await closeRefused(deps, tradeNo, 'BOOKING_FAILED', isHisError(err) ? err.message : '医院系统未能完成预约，请稍后再试');
    throw err;
  }
  if (!lock.ok) {
    const [code, text] = REFUSALS[lock.reason];
    const message = lock.reason === 'error' && lock.message ? lock.message : text;
    await closeRefused(deps, tradeNo, code, message);
    throw new AppError(code, message, { hisMessage: lock.message });
  }
  catalogue.invalidate(target.departmentCode, target.scheduleId);
  await deps.store.db.transaction().execute((tx) =>
    deps.orders.patch(tx, tradeNo, { hisRef: lock.hisBookingId, amountFen: lock.amountFen ?? target.feeFen, details: { ...details, queueNo: lock.queueNo } }, deps.now()),
  );
  deps.log.info({ tradeNo, kind: details.bookingKind, accountId }, 'booking locked');
  // The patient sees the exact amount HIS locked, with its deadline, before committing to pay.
  if (!charge) return { order: await orderDetailView(deps, (await deps.orders.get(tradeNo))!), payParams: null };
  return payOrder(deps, accountId, tradeNo);
}

/** HIS said no: closed, with its answer kept so a repeat of the same request gets the same answer. */
async function closeRefused(deps: Deps, tradeNo: string, code: ErrorCode, message: string): Promise<void> {
  await deps.store.db.transaction().execute((tx) =>
    deps.orders.transition(tx, tradeNo, 'closed', { actor: 'his', reason: `HIS refused the booking: ${code} ${message}`, from: ['created'], patch: { statusNote: `refused:${code}:${message.replace(/:/g, '：')}` } }, deps.now()),
  );
}

/**
 * Written with the order: if the lock's answer never arrived (the process died while HIS was
 * locking), the order cannot just be closed — HIS may hold a place — so a person is told its keys.
 */
export const lockCheckJob = defineJob({
  kind: 'booking.lock-check',
  payload: z.object({ tradeNo: z.string() }),
  async run(deps: Deps, { tradeNo }) {
    const order = await deps.orders.get(tradeNo);
    if (order?.state === 'created' && !order.hisRef) {
      const provider = deps.kinds.get(order.kind);
      await lockUnknown(deps, order, `HIS lock reply never arrived (interrupted): ${provider.heldInHis?.(deps.kinds.typed(order, provider)) ?? ''}`);
    }
    return { done: true };
  },
});
