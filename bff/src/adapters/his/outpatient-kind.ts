import { AppError } from '@hosp/shared';
import type { OrderKindProvider, OrderStatusResult, PostResult } from '../../domain/orders/order-kind';
import type { Order } from '../../domain/orders/order';
import { OutpatientDetailsSchema, sameFees, type OutpatientDetails } from '../../domain/outpatient/outpatient-details';
import type { HisOutpatientPort, OutpatientOrderStatus } from '../../domain/outpatient/ports';

/** §15.2's "not posted" in the order machinery's words. */
export function statusOf(s: OutpatientOrderStatus): OrderStatusResult {
  return s.state === 'posted'
    ? { state: 'posted', invoiceNo: s.invoiceNo, hisPayId: s.hisPayId, hisBookingId: null, queueNo: null, inspectPlace: s.inspectPlace, windowNo: s.windowNo }
    : { state: 'error', message: s.message };
}

/** The order's prescriptions are no longer all unpaid at the ordered amounts (paid at the window, cancelled, re-priced). */
export async function feesChanged(his: HisOutpatientPort, d: OutpatientDetails): Promise<boolean> {
  const visits = await his.findUnpaid(d.patient, d.clinicNo);
  return !sameFees(d.prescriptions, visits.flatMap((v) => v.prescriptions));
}

/**
 * hisSrc (门诊缴费): nothing is held in HIS before payment; posted with outpatientPay (§8.3).
 * §8.3 gives no isRefund. Our reading (README "Outpatient fees"): after an error, when
 * queryOrderStatus does not have the payment and findOutpatientPay no longer lists every
 * prescription at its ordered amount, HIS can never take this payment: refund at once. Any other
 * error, or a re-read that fails, goes on by the document's rounds.
 */
export function outpatientKind(his: HisOutpatientPort): OrderKindProvider<OutpatientDetails> {
  const whereNext = async (tradeNo: string) => {
    const s = await his.queryOrderStatus(tradeNo).catch(() => null);
    return s?.state === 'posted' ? { inspectPlace: s.inspectPlace, windowNo: s.windowNo, hisPayId: s.hisPayId } : { inspectPlace: null, windowNo: null };
  };
  return {
    kind: 'hisSrc',
    dataSrc: 'hisSrc',
    details: OutpatientDetailsSchema,
    async post(order: Order<OutpatientDetails>, payType: string): Promise<PostResult> {
      const d = order.details;
      if (!order.paidAt) throw new AppError('INTERNAL', `outpatient order ${order.tradeNo} has no payment time`);
      const r = await his.postPayment({ tradeNo: order.tradeNo, patient: d.patient, prescriptions: d.prescriptions, payType, payedAt: new Date(order.paidAt) });
      if (r.state === 'posted') {
        // outpatientPay names no place: queryOrderStatus does (检查地点, 取药窗口).
        const w = await whereNext(order.tradeNo);
        return { state: 'posted', invoiceNo: r.invoiceNo, clinicNo: d.clinicNo, hisBookingId: null, queueNo: null, inspectPlace: w.inspectPlace, windowNo: w.windowNo };
      }
      if (r.isRefund) return r;
      try {
        const status = await his.queryOrderStatus(order.tradeNo);
        if (status.state === 'posted') {
          return { state: 'posted', invoiceNo: status.invoiceNo, clinicNo: d.clinicNo, hisBookingId: null, queueNo: null, inspectPlace: status.inspectPlace, windowNo: status.windowNo };
        }
        if (await feesChanged(his, d)) return { state: 'failed', isRefund: true, message: `${r.message}（处方已在别处缴费、已作废或金额已变）` };
      } catch {
        // The re-read failed: no proof HIS cannot take it; the rounds decide.
      }
      return r;
    },
    async queryPosted(order) {
      return statusOf(await his.queryOrderStatus(order.tradeNo));
    },
    async beforeCharge(order) {
      if (await feesChanged(his, order.details)) {
        throw new AppError('PRESCRIPTIONS_CHANGED', '处方已缴费、已作废或金额已变化，请查看最新的待缴费列表后重新选择');
      }
    },
    async releaseUnpaid() {
      // Nothing is held in HIS before payment; the prescription claims end with the order's state.
    },
  };
}
