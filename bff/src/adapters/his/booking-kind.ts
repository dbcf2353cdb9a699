import { AppError } from '@hosp/shared';
import { BookingDetailsSchema, type BookingDetails } from '../../domain/booking/booking-details';
import type { BookingKind, HisBookingPort } from '../../domain/booking/ports';
import type { OrderKindProvider } from '../../domain/orders/order-kind';

export interface BookingKindOptions {
  /**
   * §6.2 covers cancelling *unpaid* registrations only; whether this HIS also cancels a paid one
   * (so the patient can cancel online and be refunded) is the hospital's word. Default: no.
   */
  cancelPaidRegister: boolean;
  /** §6.3.1 customerId ("如有检查报告推送接口, 此处必填"): which payment notices carry our patient id. */
  customerId: 'none' | 'register' | 'both';
}

/** subscription (预约) and register (挂号) orders: locked with insert*, posted with subscriptionPay / payRegister. */
export function bookingKinds(his: HisBookingPort, opts: BookingKindOptions): OrderKindProvider<BookingDetails>[] {
  const provider = (kind: BookingKind): OrderKindProvider<BookingDetails> => {
    const cancelsPaid = kind === 'subscription' || opts.cancelPaidRegister;
    const sendsCustomerId = opts.customerId === 'both' || (opts.customerId === 'register' && kind === 'register');
    return {
      kind,
      dataSrc: kind,
      details: BookingDetailsSchema,
      post(order, payType) {
        const d = order.details;
        if (!order.hisRef || !order.paidAt) throw new AppError('INTERNAL', `booking ${order.tradeNo} has no HIS id or payment time`);
        return his.postPayment({
          kind, hisBookingId: order.hisRef, tradeNo: order.tradeNo, patient: d.patient, target: d.target, amountFen: order.amountFen,
          payType, payedAt: new Date(order.paidAt), customerId: sendsCustomerId ? order.patientId : null,
        });
      },
      queryPosted(order) {
        return his.queryOrderStatus(order.tradeNo, kind);
      },
      heldInHis(order) {
        const { target: t } = order.details;
        return `${kind === 'register' ? 'insertRegister' : 'insertSubscription'} scheduleId=${t.scheduleId} sourceNo=${t.sourceNo ?? '-'} clinicDate=${t.clinicDate} clinicTime=${t.clinicTime} patientCard=${order.details.patient.patientCard}`;
      },
      async releaseUnpaid(order) {
        if (order.hisRef) await his.cancel(kind, order.hisRef);
      },
      ...(cancelsPaid
        ? {
            async cancelPosted(order: Parameters<NonNullable<OrderKindProvider<BookingDetails>['cancelPosted']>>[0]) {
              if (order.hisRef) await his.cancel(kind, order.hisRef);
            },
          }
        : {}),
    };
  };
  return [provider('subscription'), provider('register')];
}
