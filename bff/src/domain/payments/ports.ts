/**
 * What the order workflows need from the hospital payment platform, in domain words. Amounts are
 * integer fen; times are Date. The adapter maps transTypes, respCodes, card codes and yuan strings
 * at its edge.
 */
export type PayClient = 'weapp' | 'alipay' | 'h5';

/**
 * The account a charge is made on, fixed when the order is created and sent with every request
 * about it (recharge, query, close, refund): the platform requires each of these, never blank.
 */
export interface PayerAccount {
  /** What `cardNo` is: the hospital card of an outpatient, or the inpatient number of a stay. */
  cardKind: 'hospital_card' | 'inpatient_no';
  cardNo: string;
  /** HIS's own id of the patient (hisNo). */
  hisPatientId: string;
  account: 'outpatient' | 'inpatient';
  realName: string;
  /** Optional for the platform; sent when known. */
  idNumber: string | null;
}

export interface CreateChargeInput {
  /** Our order's tradeNo: the platform's outChargeNo, the same on every retry of this order. */
  outChargeNo: string;
  amountFen: number;
  client: PayClient;
  /** The platform channel the charge is made through (fixed per order, reused by its refunds). */
  channel: string;
  /** Shown to the patient on the pay sheet / cashier, e.g. "预约挂号 内科 张医生". */
  subject: string;
  payer: PayerAccount;
  /** WeChat / Alipay mini-program user id where the channel needs one. */
  payerOpenId?: string;
  /** H5: where the cashier sends the patient back to. */
  returnUrl?: string;
  expiresAt: Date;
  /** A deposit top-up stays in the account; absent: the charge pays for something. */
  purpose?: 'deposit_top_up';
}

/** What the client needs to open the pay sheet / cashier. */
export type PayParams =
  | { kind: 'weapp'; timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string }
  | { kind: 'alipay'; tradeNO: string }
  | { kind: 'h5'; cashierUrl: string };

export type ChargeCreated =
  | { outcome: 'created'; chargeNo: string | null; payParams: PayParams }
  /** The platform says this order is already paid (a repeated recharge): confirm it, never charge again. */
  | { outcome: 'already_paid' };

/** Which charge a query / close / refund is about. */
export interface ChargeRef {
  outChargeNo: string;
  payer: PayerAccount;
  /** The platform's trace number once known (it wins over outChargeNo in queries). */
  traceNo?: string | null;
}

/**
 * The platform's word on a charge. Its query carries no amount: a paid charge is paid for the
 * amount our order fixed when it was created (the recharge was made for exactly that amount).
 */
export type ChargeStatus =
  | { state: 'paid'; traceNo: string | null; paidAt: Date | null; tradeMode: string | null }
  | { state: 'pending' }
  | { state: 'failed'; reason: string }
  | { state: 'closed' }
  | { state: 'not_found' }
  /** The platform could not say (exp, 999999, timeout, malformed): ask again later. */
  | { state: 'unknown'; reason: string };

export type CloseResult = 'closed' | 'already_paid' | 'not_found' | 'unknown';

/** refundType of the platform document: who settles with HIS around the wallet refund. */
export type RefundFlow = 'direct' | 'hisDecide' | 'prepareAndConfirm';

export interface RefundInput {
  /** One per refund, for ever: a retry sends the same number. */
  outRefundNo: string;
  charge: ChargeRef & { traceNo: string };
  /** The channel the charge was paid through; the refund desk shows only that channel's trades. */
  channel: string;
  refundFen: number;
  chargedFen: number;
  flow: RefundFlow;
  reason: string;
}

export type RefundResult =
  | { state: 'refunded'; refundNo: string | null; refundedAt: Date }
  /** 999999 / 040040 / 040037 / 040038 / transport failure: ask the status, then again with the same number. */
  | { state: 'pending'; code: string; message: string }
  /** A definite refusal (e.g. 034001 over refundable amount): needs a person. */
  | { state: 'rejected'; code: string; message: string };

export type RefundStatus =
  | { state: 'refunded'; refundedAt: Date | null }
  | { state: 'pending' }
  /** The platform has no such refund, or it failed: submit it again with the same number. */
  | { state: 'not_found' }
  | { state: 'failed'; reason: string }
  | { state: 'unknown'; reason: string };

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
  queryCharge(ref: ChargeRef): Promise<ChargeStatus>;
  closeCharge(ref: ChargeRef): Promise<CloseResult>;
  refund(input: RefundInput): Promise<RefundResult>;
  /** hop.trade.query with tradeType refund: what became of a refund whose answer was unclear. */
  queryRefund(outRefundNo: string, payer: PayerAccount): Promise<RefundStatus>;
}
