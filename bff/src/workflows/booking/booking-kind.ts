import type { BookingKind, BookingPatient, BookingTarget, HisBookingPort } from '../../domain/booking/ports';
import type { Order } from '../../domain/orders/order';
import type { OrderKindHandler } from '../../domain/orders/order-kind';

/** The snapshot a booking order carries: everything posting and cancelling need, fixed at booking. */
export interface BookingDetails {
  bookingKind: BookingKind;
  patient: BookingPatient;
  target: BookingTarget;
  queueNo: string | null;
}

export const bookingDetails = (order: Order): BookingDetails => order.details as unknown as BookingDetails;

/** subscription (预约) and register (挂号) orders, posted with subscriptionPay / payRegister. */
export function bookingKindHandler(kind: BookingKind, his: HisBookingPort): OrderKindHandler {
  return {
    dataSrc: kind,
    post(order, payType) {
      const d = bookingDetails(order);
      if (!order.hisRef || !order.paidAt) throw new Error(`booking ${order.tradeNo} has no HIS id or payment time`);
      return his.postPayment({ kind, hisBookingId: order.hisRef, tradeNo: order.tradeNo, patient: d.patient, target: d.target, amountFen: order.amountFen, payType, payedAt: new Date(order.paidAt) });
    },
    queryPosted(order) {
      return his.queryOrderStatus(order.tradeNo, kind);
    },
    async releaseUnpaid(order) {
      if (order.hisRef) await his.cancel(kind, order.hisRef);
    },
    async cancelPosted(order) {
      if (order.hisRef) await his.cancel(kind, order.hisRef);
    },
  };
}
