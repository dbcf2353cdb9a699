/** What the one-card (一卡通) journey needs from HIS (section 11, and 15.2 with dataSrc eCardPay). Money in fen. */

export interface ECardHolder {
  realName: string;
  patientCard: string;
}

export type ECardBalance =
  | { state: 'active'; balanceFen: number }
  /** HIS refused the card for its state: lost (挂失), or otherwise not usable (cancelled, unknown, name mismatch). */
  | { state: 'unusable'; reason: 'lost' | 'invalid'; message: string };

export interface ECardRechargeInput {
  /** Our order number: the same on every try. */
  tradeNo: string;
  holder: ECardHolder;
  amountFen: number;
  /** Section 18.2 payType. */
  payType: string;
  payedAt: Date;
}

export type ECardPostResult =
  | { state: 'posted'; invoiceNo: string | null; serialNo: string | null }
  | { state: 'failed'; isRefund: boolean; message: string };

export type ECardOrderStatus = { state: 'posted'; invoiceNo: string | null; hisPayId: string | null } | { state: 'not_posted'; message: string };

/** Implemented by the HIS adapter; failures are AppErrors from ../his-errors (see outpatient/ports). */
export interface HisECardPort {
  /** checkECard: the balance (remainAmt), or why the card cannot be used. Other HIS errors throw HIS_REJECTED. */
  balance(holder: ECardHolder): Promise<ECardBalance>;
  /** rechargeECard, signed (section 17) with a nonce derived from the tradeNo: the same request every try. */
  postRecharge(input: ECardRechargeInput): Promise<ECardPostResult>;
  /** queryOrderStatus with dataSrc eCardPay */
  queryOrderStatus(tradeNo: string): Promise<ECardOrderStatus>;
}
