/**
 * What the order workflows need from the hospital payment platform, in domain words. Amounts are
 * integer fen; times are Date. The adapter maps transTypes, respCodes and yuan strings at its edge.
 */
export type PayClient = 'weapp' | 'alipay' | 'h5';

export interface CreateChargeInput {
  /** Our order's tradeNo: the platform's outChargeNo, the same on every retry of this order. */
  outChargeNo: string;
  amountFen: number;
  client: PayClient;
  /** Shown to the patient on the pay sheet / cashier, e.g. "预约挂号 内科 张医生". */
  subject: string;
  patient: { realName: string; patientCard: string; idNumber: string };
  /** WeChat / Alipay mini-program user id where the channel needs one. */
  payerOpenId?: string;
  /** H5: where the cashier sends the patient back to. */
  returnUrl?: string;
  expiresAt: Date;
}

/** What the client needs to open the pay sheet / cashier. */
export type PayParams =
  | { kind: 'weapp'; timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string }
  | { kind: 'alipay'; tradeNO: string }
  | { kind: 'h5'; cashierUrl: string };

export interface ChargeCreated {
  chargeNo: string | null;
  payParams: PayParams;
}

export type ChargeStatus =
  | { state: 'paid'; chargeNo: string; traceNo: string | null; amountFen: number; paidAt: Date; tradeMode: string | null }
  | { state: 'pending' }
  | { state: 'failed'; reason: string }
  | { state: 'closed' }
  | { state: 'not_found' }
  /** The platform could not say (999999, timeout, malformed): ask again later. */
  | { state: 'unknown'; reason: string };

export type CloseResult = 'closed' | 'already_paid' | 'not_found' | 'unknown';

export interface RefundInput {
  /** One per refund, for ever: a retry sends the same number. */
  outRefundNo: string;
  outChargeNo: string;
  refundFen: number;
  chargedFen: number;
  reason: string;
}

export type RefundResult =
  | { state: 'refunded'; refundNo: string | null; refundedAt: Date }
  /** UNKNOWN / 999999 / 040040 / 040037 / 040038 / in progress: ask again with the same request. */
  | { state: 'pending'; code: string; message: string }
  /** A definite refusal (e.g. 034001 over refundable amount): needs a person. */
  | { state: 'rejected'; code: string; message: string };

/** A payment result notice (`POST /pay/notify`), after its signature was verified. */
export interface PaymentNotice {
  outChargeNo: string;
  chargeNo: string;
  traceNo: string | null;
  amountFen: number;
  tradeMode: string | null;
  paidAt: Date;
  success: boolean;
}

export interface PaymentPort {
  createCharge(input: CreateChargeInput): Promise<ChargeCreated>;
  queryCharge(outChargeNo: string): Promise<ChargeStatus>;
  closeCharge(outChargeNo: string): Promise<CloseResult>;
  refund(input: RefundInput): Promise<RefundResult>;
}
