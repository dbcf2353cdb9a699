import { AppError } from '@hosp/shared';
import { ECardDetailsSchema, type ECardDetails } from '../../domain/ecard/ecard-details';
import type { HisECardPort } from '../../domain/ecard/ports';
import type { OrderKindProvider } from '../../domain/orders/order-kind';

/** eCardPay (一卡通充值): nothing is held before payment; posted with the signed rechargeECard (§11.2). */
export function eCardKind(his: HisECardPort): OrderKindProvider<ECardDetails> {
  return {
    kind: 'eCardPay',
    dataSrc: 'eCardPay',
    details: ECardDetailsSchema,
    async post(order, payType) {
      if (!order.paidAt) throw new AppError('INTERNAL', `recharge ${order.tradeNo} has no payment time`);
      const r = await his.postRecharge({ tradeNo: order.tradeNo, holder: order.details.patient, amountFen: order.amountFen, payType, payedAt: new Date(order.paidAt) });
      return r.state === 'posted' ? { state: 'posted', invoiceNo: r.invoiceNo, clinicNo: null, hisBookingId: null, queueNo: null } : r;
    },
    async queryPosted(order) {
      const s = await his.queryOrderStatus(order.tradeNo);
      return s.state === 'posted'
        ? { state: 'posted', invoiceNo: s.invoiceNo, hisPayId: s.hisPayId, hisBookingId: null, queueNo: null }
        : { state: 'error', message: s.message };
    },
    async releaseUnpaid() {
      // A recharge holds nothing in HIS before it is paid.
    },
  };
}
