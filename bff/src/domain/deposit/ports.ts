/**
 * What the outpatient deposit journey needs from HIS (the deposit dialect), in domain words.
 * Amounts are integer fen; times are Date. The refund of one top-up record is a saga:
 * freezeRefund → (platform refund) → confirmRefund, or rollBackRefund when the platform certainly
 * did not refund. Every step is keyed by `refundId`, fixed for ever: asking again with the same
 * input is safe and is how an `unknown` answer is settled.
 */

/** Whose deposit account: the hospital card and HIS's own patient id (queryPatientInfo's hisNo). */
export interface DepositHolder {
  patientCard: string;
  hisPatientId: string;
}

/** How a top-up was paid. `other` covers cash at the window and anything HIS does not name. */
export type DepositChannel = 'wechat' | 'alipay' | 'unionpay' | 'other';

/** HIS's view of a top-up: not paid yet, paid, or fully refunded; `unstated` when HIS says nothing. */
export type DepositRecordState = 'unpaid' | 'paid' | 'refunded' | 'unstated';

export interface DepositRecord {
  /** The record's order number in HIS (the key a refund names). */
  recordId: string;
  /** HIS's number for the top-up; a refund must name it (null: HIS gave none, not refundable online). */
  hisRecordNo: string | null;
  /** The app's own order id for this top-up, when HIS holds one (our tradeNo for our top-ups). */
  appOrderId: string | null;
  /** The last refund id HIS saw for this record, if any. */
  lastRefundId: string | null;
  channel: DepositChannel;
  /** The pay channel's trade number, when HIS holds one. */
  channelTradeNo: string | null;
  paidAt: Date | null;
  paidFen: number;
  refundedFen: number;
  /** HIS allows this record to be refunded online (cash at the window is not). */
  refundAllowed: boolean;
  /** What may still be refunded from this record: 0 unless allowed, paid and named by HIS. */
  refundableFen: number;
  state: DepositRecordState;
}

export interface DepositRecordsQuery {
  holder: DepositHolder;
  /** Inclusive Beijing calendar days of the top-ups. */
  from: Date;
  to: Date;
}

/** The record a refund comes from, as `records()` returned it. */
export type DepositRecordRef = Pick<DepositRecord, 'recordId' | 'hisRecordNo' | 'channel'>;

export interface DepositRefundStep {
  /** Our refund id: the same for freeze, confirm and roll back, and on every retry of each. */
  refundId: string;
  holder: DepositHolder;
  record: DepositRecordRef;
  amountFen: number;
  /** When the refund was asked for; persisted with the refund so every retry sends the same time. */
  requestedAt: Date;
}

export interface DepositSettleStep extends DepositRefundStep {
  /** What the freeze answered (its invoice number), handed back on confirm / roll back. */
  invoiceNo: string | null;
}

/** HIS answered with a failure: nothing was done by this call. `hisCode` null = refused before sending. */
export interface DepositRefused {
  state: 'refused';
  hisCode: number | null;
  /** HIS's own words when it gave any, else ours (Chinese, fit for a patient). */
  message: string;
}

/** No usable answer (timeout, connection lost, HTTP 5xx, malformed reply): ask again, never guess. */
export interface DepositUnknown {
  state: 'unknown';
  /** For logs: why the outcome is not known (never patient data). */
  reason: string;
}

export type DepositFreezeResult =
  | { state: 'frozen'; hisRefundNo: string | null; invoiceNo: string | null; balanceFen: number; at: Date | null }
  | DepositRefused
  | DepositUnknown;

export type DepositSettleResult =
  | { state: 'confirmed' | 'rolled_back'; hisRefundNo: string | null; balanceFen: number; at: Date | null }
  | DepositRefused
  | DepositUnknown;

/**
 * Implemented by the HIS deposit adapter. `records` throws the HIS AppErrors (HIS_REJECTED with
 * HIS's words, HIS_UNAVAILABLE, HIS_BAD_REPLY); the refund steps never throw for an outside failure:
 * they answer refused (definite) or unknown (ask again with the same step).
 */
export interface HisDepositPort {
  /** OPDRechargeList: the holder's top-ups in a date range. */
  records(query: DepositRecordsQuery): Promise<DepositRecord[]>;
  /** OPDRechargeFreeze: locks `amountFen` of the record in HIS before the platform refunds it. */
  freezeRefund(step: DepositRefundStep): Promise<DepositFreezeResult>;
  /** OPDRechargeCancellationFee Status 0: the platform refunded; HIS writes the refund off. */
  confirmRefund(step: DepositSettleStep): Promise<DepositSettleResult>;
  /** OPDRechargeCancellationFee Status 1: the platform certainly did not refund; HIS unlocks the amount. */
  rollBackRefund(step: DepositSettleStep): Promise<DepositSettleResult>;
}
