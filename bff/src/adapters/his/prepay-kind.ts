import { AppError } from '@hosp/shared';
import { PrepayDetailsSchema, type PrepayDetails } from '../../domain/inpatient/prepay-details';
import type { HisInpatientPort } from '../../domain/inpatient/ports';
import type { OrderKindProvider } from '../../domain/orders/order-kind';

/**
 * prepaySrc orders (住院预缴, section 10): nothing is held in HIS before payment; posted with
 * prePayExpense, whose repeat rule (same tradeNo and amount answered as success once booked) makes
 * every retry safe; queried with queryOrderStatus dataSrc prepaySrc. HIS cannot undo a deposit online.
 */
export function prepayKind(his: HisInpatientPort): OrderKindProvider<PrepayDetails> {
  return {
    kind: 'prepaySrc',
    dataSrc: 'prepaySrc',
    details: PrepayDetailsSchema,
    async post(order, payType) {
      if (!order.paidAt) throw new AppError('INTERNAL', `prepay ${order.tradeNo} has no payment time`);
      const r = await his.postPrepay({ tradeNo: order.tradeNo, patient: order.details.patient, amountFen: order.amountFen, payType, payedAt: new Date(order.paidAt) });
      if (r.state === 'failed') return r;
      return { state: 'posted', invoiceNo: r.invoiceNo, clinicNo: null, hisBookingId: r.serialNo, queueNo: null };
    },
    async queryPosted(order) {
      const s = await his.queryOrderStatus(order.tradeNo);
      if (s.state === 'not_posted') return { state: 'error', message: s.message };
      return { state: 'posted', invoiceNo: s.invoiceNo, hisPayId: s.hisPayId, hisBookingId: null, queueNo: null };
    },
    async releaseUnpaid() {
      // Nothing to release: a prepay holds no place in HIS before it is paid.
    },
  };
}
