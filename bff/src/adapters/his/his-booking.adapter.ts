import { fenToYuan } from '@hosp/shared';
import { z } from 'zod';
import type {
  BookingKind,
  BookingPatient,
  BookingTarget,
  HisBookingPort,
  LockRefusal,
  LockResult,
  OrderStatusResult,
  PostPaymentInput,
  PostResult,
} from '../../domain/booking/ports';
import { hisBadReply, isHisError } from '../../domain/his-errors';
import type { HisCallOptions, HisClient, HisReply, HisRequestFields } from './his-client';
import { optional, parseReply, replyFields, yuanFen } from './his-reply.map';
import { beijingDateTime } from '../../domain/time';

/** Vendor method names per order kind (sections 5 and 6). */
const METHODS = {
  subscription: { lock: 'insertSubscription', cancel: 'cancelSubscription', pay: 'subscriptionPay', id: 'subscriptionId' },
  register: { lock: 'insertRegister', cancel: 'cancelRegister', pay: 'payRegister', id: 'registerId' },
} as const;

/** 5.1.2 / 6.1.2: every documented result besides success is an answer, not a failure. */
const REFUSALS: readonly LockRefusal[] = ['close', 'full', 'no_scheduling', 'invalid_card', 'error'];

const DEFAULT_REFUSAL_TEXT: Record<LockRefusal, string> = {
  close: '该排班已停诊',
  full: '号源已满',
  no_scheduling: '无此排班',
  invalid_card: '就诊卡状态异常',
  error: '医院系统处理失败',
};

const LockReply = z.object({ subscriptionId: optional, registerId: optional, hisOrderNumber: optional, amount: yuanFen });
const CancelReply = z.object({ hisRefundId: optional });
const PostReply = z.object({ invoiceNo: optional, clinicNo: optional, registerId: optional, hisOrderNumber: optional, isRefund: optional });
const OrderStatusReply = z.object({ invoiceNo: optional, hisPayId: optional, registerId: optional, his_ordernumber: optional, inspectPlace: optional, windowNo: optional });

const isSuccess = (r: HisReply) => r.result.toLowerCase() === 'success';

export class HisBookingAdapter implements HisBookingPort {
  constructor(private readonly his: Pick<HisClient, 'call'>) {}

  /**
   * Calls with result codes passed through. A result outside the documented set is not an answer
   * we can act on: HIS_BAD_REPLY (for posting that means "outcome unknown": ask queryOrderStatus).
   */
  private async callPassing(method: string, fields: HisRequestFields, passResults: HisCallOptions['passResults']): Promise<HisReply> {
    try {
      return await this.his.call(method, fields, { passResults });
    } catch (err) {
      if (isHisError(err, 'HIS_REJECTED')) throw hisBadReply(method, 'undocumented result');
      throw err;
    }
  }

  async lock(kind: BookingKind, patient: BookingPatient, target: BookingTarget): Promise<LockResult> {
    const m = METHODS[kind];
    // 5.1.1 / 6.1.1, in the table's order.
    const reply = await this.callPassing(
      m.lock,
      {
        scheduleId: target.scheduleId,
        sourceNo: target.sourceNo ?? undefined,
        sourceOrder: target.sourceOrder ?? undefined,
        realName: patient.realName,
        idCard: patient.idNumber,
        patientCard: patient.patientCard,
        departmentName: target.departmentName ?? undefined,
        departmentCode: target.departmentCode,
        doctorName: target.doctorName ?? undefined,
        doctorCode: target.doctorCode,
        clinicType: target.clinicType,
        clinicDate: target.clinicDate,
        clinicTime: target.clinicTime,
        clinicFee: fenToYuan(target.feeFen),
      },
      REFUSALS,
    );
    if (!isSuccess(reply)) {
      const reason = reply.result.toLowerCase() as LockRefusal;
      return { ok: false, reason, message: reply.message || DEFAULT_REFUSAL_TEXT[reason] };
    }
    const f = parseReply(m.lock, LockReply, replyFields(reply.body));
    const hisBookingId = kind === 'subscription' ? f.subscriptionId : f.registerId;
    if (hisBookingId === null) throw hisBadReply(m.lock, `reply fields: ${m.id}: required`);
    return { ok: true, hisBookingId, amountFen: f.amount, queueNo: f.hisOrderNumber };
  }

  async cancel(kind: BookingKind, hisBookingId: string): Promise<{ hisRefundId: string | null }> {
    const m = METHODS[kind];
    // result=error arrives as HIS_REJECTED with HIS's words.
    const reply = await this.his.call(m.cancel, { [m.id]: hisBookingId });
    const f = parseReply(m.cancel, CancelReply, replyFields(reply.body));
    return { hisRefundId: f.hisRefundId };
  }

  /**
   * 5.3 / 6.3. The request is a pure function of the input (no clock, no counter), so every retry
   * of one payment sends the same tradeNo and the same fields, as the document requires.
   */
  async postPayment(input: PostPaymentInput): Promise<PostResult> {
    const m = METHODS[input.kind];
    const { patient, target } = input;
    const fields: HisRequestFields = {
      [m.id]: input.hisBookingId,
      scheduleId: target.scheduleId,
      tradeNo: input.tradeNo,
      realName: patient.realName,
      idCard: patient.idNumber,
      patientCard: patient.patientCard,
      payType: input.payType,
      departmentName: target.departmentName ?? undefined,
      departmentCode: target.departmentCode,
      doctorName: target.doctorName ?? undefined,
      doctorCode: target.doctorCode,
      clinicDate: target.clinicDate,
      clinicTimeQuantum: target.clinicTimeQuantum,
      clinicFee: fenToYuan(input.amountFen),
      customerId: input.customerId ?? undefined,
      payedTime: beijingDateTime(input.payedAt),
    };
    const reply = await this.callPassing(m.pay, fields, ['error']);
    const f = parseReply(m.pay, PostReply, replyFields(reply.body));
    if (!isSuccess(reply)) return { state: 'failed', isRefund: f.isRefund === '1', message: reply.message };
    return { state: 'posted', invoiceNo: f.invoiceNo, clinicNo: f.clinicNo, hisBookingId: f.registerId, queueNo: f.hisOrderNumber };
  }

  /**
   * 15.2: SUCCESS counts as posted. HIS answers nothing but SUCCESS or ERROR, so an ERROR is passed
   * on as such: what it means (unknown, or "HIS does not have it") is the hospital's configured word.
   */
  async queryOrderStatus(tradeNo: string, dataSrc: string): Promise<OrderStatusResult> {
    const method = 'queryOrderStatus';
    const reply = await this.callPassing(method, { tradeNo, dataSrc }, ['error']);
    if (!isSuccess(reply)) return { state: 'error', message: reply.message };
    const f = parseReply(method, OrderStatusReply, replyFields(reply.body));
    return {
      state: 'posted', invoiceNo: f.invoiceNo, hisPayId: f.hisPayId, hisBookingId: f.registerId, queueNo: f.his_ordernumber,
      inspectPlace: f.inspectPlace, windowNo: f.windowNo,
    };
  }
}
