import type { PayClient, PayerAccount } from '../payments/ports';
import { formatCompact } from '../time';
import type { RefundCause } from './refund-cause';
import type { Actor, OrderKind, OrderState } from './order-state';

/** What HIS gave back when the payment was posted: shown to the patient as receipt numbers. */
export interface Receipt {
  invoiceNo: string | null;
  clinicNo: string | null;
  queueNo: string | null;
  hisPayId: string | null;
  /** HIS's visit record (registerId) where the payment reply names one; links later reports and fees. */
  registerId?: string | null;
  /** Outpatient fees: where to go next, from queryOrderStatus (检查地点, 取药窗口). */
  inspectPlace?: string | null;
  windowNo?: string | null;
}

export interface Order<D = Record<string, unknown>> {
  tradeNo: string;
  kind: OrderKind;
  accountId: string;
  patientId: string;
  clientRequestId: string;
  state: OrderState;
  amountFen: number;
  subject: string;
  payClient: PayClient;
  /** Snapshot of the patient and what is paid for (encrypted at rest: it holds the ID number). */
  details: D;
  /** The HIS key the payment is for (subscriptionId / registerId / …). */
  hisRef: string | null;
  chargeNo: string | null;
  traceNo: string | null;
  paidAt: string | null;
  postRound: number;
  postAttempts: number;
  receipt: Receipt | null;
  attentionReason: string | null;
  statusNote: string | null;
  /** Who the platform charges: sent with every request about this charge. Null only for orders older than it. */
  payer: PayerAccount | null;
  /** The platform channel the charge was made through (its refunds name it again). */
  payChannel: string | null;
  /** The channel the platform reported the payment through. */
  tradeMode: string | null;
  /** Set while the platform's answer about an unpaid order is unclear: it may be paid, so it is not offered for payment. */
  payUnknownSince: string | null;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface OrderEvent {
  from: OrderState | null;
  to: OrderState;
  actor: Actor;
  reason: string;
  at: string;
}

export interface Refund {
  outRefundNo: string;
  tradeNo: string;
  amountFen: number;
  reason: string;
  /** Why, in the patient's terms; null for refunds recorded before causes were. */
  cause: RefundCause | null;
  state: 'pending' | 'refunded' | 'rejected';
  refundNo: string | null;
  attempts: number;
  lastCode: string | null;
  createdAt: string;
  settledAt: string | null;
  /** HIS's refund key when HIS started the refund (refundApply §14); null for ours. */
  hisId: string | null;
  /** A reversal (冲正): left out of reconciliation. */
  isReverse: boolean;
}

/** EH + Beijing date-time + 6 random digits: unique, sortable, and in the shape HIS expects (EH…). */
export function newTradeNo(now: Date, random: () => number = Math.random): string {
  const bj = formatCompact(now).slice(2);
  const tail = String(Math.floor(random() * 1_000_000)).padStart(6, '0');
  return `EH${bj}${tail}`;
}

/** Refund numbers derive from the order and a sequence: stable across retries, never reused. */
export function refundNoFor(tradeNo: string, seq: number): string {
  return `RF${tradeNo.slice(2)}${String(seq).padStart(2, '0')}`;
}
