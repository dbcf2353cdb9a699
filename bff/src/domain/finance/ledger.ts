import type { OrderKind } from '../orders/order-state';

/**
 * HIS's book of the day as the reconciliation reads it (§13.1 / §13.2 in domain words). Amounts
 * are integer fen; the adapter maps yuan, `channel` and the vendor's field names at its edge.
 */

/** 1 registration/appointment, 2 outpatient fees, 3 inpatient prepay, 4 one-card recharge, 5 parking. */
export type TransactionType = 1 | 2 | 3 | 4 | 5;
export const TRANSACTION_TYPES: readonly TransactionType[] = [1, 2, 3, 4, 5];
/** The types our orders can make (parking is not sold here). */
export const RECONCILED_TYPES: readonly TransactionType[] = [1, 2, 3, 4];

export const TRANSACTION_TYPE_NAMES: Record<TransactionType, string> = { 1: '挂号', 2: '门诊缴费', 3: '住院预交', 4: '一卡通充值', 5: '停车缴费' };

/** Which HIS transaction type an order kind is booked under; null: not in HIS's ledger (the deposit has its own HIS). */
export function transactionTypeOf(kind: OrderKind | string): TransactionType | null {
  switch (kind) {
    case 'subscription':
    case 'register':
      return 1;
    case 'hisSrc':
      return 2;
    case 'prepaySrc':
      return 3;
    case 'eCardPay':
      return 4;
    default:
      return null;
  }
}

export interface LedgerSummary {
  totalFen: number;
  totalCount: number;
  refundFen: number | null;
  refundCount: number | null;
  /** The transaction types HIS has entries of that day. */
  transactionTypes: TransactionType[];
}

export interface LedgerRow {
  transactionType: TransactionType;
  /** HIS's own payment id, when it gives one. */
  hisPayId: string | null;
  tradeNo: string;
  /** HIS's refund number (the refundApply hisId) on refund rows. */
  hisRefundId: string | null;
  direction: 'receipt' | 'refund';
  amountFen: number;
}

export interface HisLedgerPort {
  /** GetCheckLedgerInfo: the day's totals by payedTime. */
  ledgerSummary(date: string): Promise<LedgerSummary>;
  /** GetChecLedgerDetail: every entry of the day, of one transaction type when given. */
  ledgerDetail(date: string, transactionType?: TransactionType): Promise<LedgerRow[]>;
}
