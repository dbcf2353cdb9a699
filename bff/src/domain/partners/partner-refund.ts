import type { PartStep } from '../deposit/refund-saga';
import type { Refund } from '../orders/order';
import type { OrderKind } from '../orders/order-state';

/** Where a refund stands, as a partner is told it. */
export type PartnerRefundStatus = 'refunding' | 'refunded' | 'failed';

/**
 * One refund as a partner may see it: our numbers, amounts in fen, times as instants, and the
 * patient only masked. Built by the workflow from a refund of an order, or from one record of a
 * deposit-account refund; the adapter turns it into the document's shape.
 */
export interface PartnerRefund {
  /** Our trade number of what was paid (EH…), or the charge a deposit refund returns. */
  tradeNo: string;
  /** Our refund number (RF… of an order, DR… of a deposit record): refund_order_id. */
  refundNo: string;
  kind: OrderKind;
  /** What the order took, and what this refund returns. */
  orderFen: number;
  refundFen: number;
  status: PartnerRefundStatus;
  /** Why, in plain words (no personal data). */
  why: string;
  orderCreatedAt: string | null;
  paidAt: string | null;
  /** When HIS booked the payment; null when it never did. */
  postedAt: string | null;
  refundCreatedAt: string;
  refundSettledAt: string | null;
  /** HIS's key for what was paid (booking id, invoice, deposit record). */
  hisOrderId: string | null;
  /** What was paid for, without the patient: a department, or null. */
  department: string | null;
  maskedName: string;
  maskedPhone: string;
}

export function statusOfRefund(state: Refund['state']): PartnerRefundStatus {
  return state === 'refunded' ? 'refunded' : state === 'rejected' ? 'failed' : 'refunding';
}

/** A deposit record's saga step: money back once the platform refunded (HIS registering it is ours to finish). */
export function statusOfDepositStep(step: PartStep): PartnerRefundStatus {
  switch (step) {
    case 'confirming':
    case 'confirmed':
      return 'refunded';
    case 'rolling_back':
    case 'rolled_back':
    case 'skipped':
      return 'failed';
    default:
      // freezing, refunding, and attention (a person is settling it; the money is not lost).
      return 'refunding';
  }
}
