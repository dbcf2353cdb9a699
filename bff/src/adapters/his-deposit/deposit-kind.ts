import { z } from 'zod';
import type { DepositHolder, DepositRecord, HisDepositPort } from '../../domain/deposit/ports';
import type { OrderKindProvider, OrderStatusResult, PostResult } from '../../domain/orders/order-kind';
import type { Order } from '../../domain/orders/order';
import { hisUnavailable } from '../../domain/his-errors';

/** A top-up's snapshot: whose deposit account it credits (no ID number: the platform account holds it). */
export const DepositDetailsSchema = z.object({
  holder: z.object({ patientCard: z.string().min(1), hisPatientId: z.string().min(1) }),
  realName: z.string().min(1),
});
export type DepositDetails = z.infer<typeof DepositDetailsSchema>;

const DAY = 86_400_000;

/**
 * The `deposit` order kind (a top-up of the outpatient deposit account, accountType 01). The
 * platform credits the account and, for this account, tells HIS itself (the document's 预交金账户充值:
 * the platform books the recharge in HIS; we make no HIS payment call of our own). So "posting" a
 * top-up is only confirming that HIS lists it: OPDRechargeList shows a record whose OrderMemo (or
 * OrderId) is our tradeNo. Until it does, the posting rules ask again and, past their window, a
 * person looks; a top-up is never refunded automatically, since the patient may spend it meanwhile.
 */
export function depositKind(his: HisDepositPort, now: () => Date = () => new Date()): OrderKindProvider<DepositDetails> {
  async function listed(order: Order<DepositDetails>): Promise<DepositRecord | undefined> {
    const paid = new Date(order.paidAt ?? order.createdAt);
    const holder: DepositHolder = order.details.holder;
    const records = await his.records({ holder, from: new Date(paid.getTime() - DAY), to: new Date(Math.max(now().getTime(), paid.getTime()) + DAY) });
    return records.find((r) => r.appOrderId === order.tradeNo || r.recordId === order.tradeNo);
  }
  return {
    kind: 'deposit',
    dataSrc: 'deposit',
    details: DepositDetailsSchema,
    async post(order): Promise<PostResult> {
      const r = await listed(order);
      if (r) return { state: 'posted', invoiceNo: r.hisRecordNo, clinicNo: null, hisBookingId: null, queueNo: null };
      return { state: 'failed', isRefund: false, message: 'HIS does not list the top-up yet' };
    },
    async queryPosted(order): Promise<OrderStatusResult> {
      const r = await listed(order);
      if (r) return { state: 'posted', invoiceNo: r.hisRecordNo, hisPayId: r.recordId, hisBookingId: null, queueNo: null };
      // Not listed yet is not "HIS lacks it": the platform books it in HIS on its own time. Whatever
      // orders.queryErrorMeans says, an unlisted top-up ends with a person, never an automatic refund.
      throw hisUnavailable('OPDRechargeList', 'the top-up is not listed yet');
    },
    // Nothing is held in HIS before payment.
    async releaseUnpaid() {},
  };
}
