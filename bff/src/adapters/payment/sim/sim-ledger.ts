import { DEPOSIT_FEE_TYPE } from '../payment-codes';
import { formatCompact as formatBeijingTime } from '../../../domain/time';

/** The simulator's books: charges by outChargeNo, refunds by outRefundNo. Amounts in fen. */

export type SimChargeState = 'pending' | 'paid' | 'closed';

export interface SimCharge {
  outChargeNo: string;
  chargeNo: string;
  /** Assigned when the charge is paid (the platform's trace number of the payment). */
  traceNo: string | null;
  amountFen: number;
  subject: string;
  userName: string;
  /** The account the recharge named (cardNo, hisCustId): the platform's books are per account. */
  cardNo: string;
  hisCustId: string;
  /** accountType of the recharge: 01 门诊预交金, 02 住院预交金. */
  accountType: string;
  /** feeType of the recharge: a deposit top-up (DEPOSIT_FEE_TYPE) stays in the account; a payment is spent by HIS at once. */
  feeType: string;
  /** depositType asked for; tradeMode reported once paid. */
  channel: string;
  tradeMode: string | null;
  state: SimChargeState;
  createdAt: Date;
  paidAt: Date | null;
  closedAt: Date | null;
  returnUrl: string | null;
  notifyUrl: string | null;
  openId: string | null;
}

export interface SimRefund {
  outRefundNo: string;
  outChargeNo: string;
  refundNo: string;
  traceNo: string;
  amountFen: number;
  refundedAt: Date;
}

/** A recharge with this feeType is a deposit top-up; other recharges pay for something HIS consumes at once. */
export { DEPOSIT_FEE_TYPE } from '../payment-codes';

/** A deposit account of the platform (hop.account.info), by card number and accountType. */
export interface SimAccount {
  cardNo: string;
  accountType: string;
  hisCustId: string;
  userName: string;
  /** 1 男 2 女. */
  userSex: '1' | '2';
  idNo: string;
  accountNo: string;
  /** 01 正常 02 挂失 03 冻结 04 注销. */
  status: '01' | '02' | '03' | '04';
  /** Opening balance + paid recharges − refunds of this account, in fen. */
  balanceFen: number;
}

export class SimLedger {
  readonly charges = new Map<string, SimCharge>();
  readonly refunds = new Map<string, SimRefund>();
  readonly accounts = new Map<string, SimAccount>();
  private seq = 0;

  /** A paid top-up credits its account (opened on first use). Payments for other things do not stay. */
  credit(c: SimCharge): void {
    if (c.feeType !== DEPOSIT_FEE_TYPE) return;
    const a = this.openAccount({ cardNo: c.cardNo, accountType: c.accountType, hisCustId: c.hisCustId, userName: c.userName, userSex: '1', idNo: '' });
    a.balanceFen += c.amountFen;
  }

  /** A refund of a top-up leaves its account. */
  debit(c: SimCharge, amountFen: number): void {
    const a = c.feeType === DEPOSIT_FEE_TYPE ? this.account(c.cardNo, c.accountType) : undefined;
    if (a) a.balanceFen -= amountFen;
  }

  account(cardNo: string, accountType: string): SimAccount | undefined {
    return this.accounts.get(`${accountType}:${cardNo}`);
  }

  /** Opens (or returns) an account; a recharge of an unknown card opens one with balance 0. */
  openAccount(a: Omit<SimAccount, 'accountNo' | 'status' | 'balanceFen'> & Partial<Pick<SimAccount, 'status' | 'balanceFen'>>): SimAccount {
    const key = `${a.accountType}:${a.cardNo}`;
    const seen = this.accounts.get(key);
    if (seen) return seen;
    const account: SimAccount = { status: '01', balanceFen: 0, ...a, accountNo: `ZH${a.accountType}${a.cardNo}` };
    this.accounts.set(key, account);
    return account;
  }

  /** A top-up paid before the simulator started (the demo's seeded history): a paid charge and its credit. */
  seedPaidCharge(c: { outChargeNo: string; amountFen: number; cardNo: string; hisCustId: string; userName: string; accountType: string; channel: string; paidAt: Date }): SimCharge {
    const charge: SimCharge = {
      outChargeNo: c.outChargeNo, chargeNo: this.mintNo('CH', c.paidAt), traceNo: this.mintNo('TR', c.paidAt), amountFen: c.amountFen, subject: '预交金充值',
      userName: c.userName, cardNo: c.cardNo, hisCustId: c.hisCustId, accountType: c.accountType, feeType: DEPOSIT_FEE_TYPE, channel: c.channel, tradeMode: c.channel, state: 'paid',
      createdAt: c.paidAt, paidAt: c.paidAt, closedAt: null, returnUrl: null, notifyUrl: null, openId: null,
    };
    this.charges.set(c.outChargeNo, charge);
    this.credit(charge);
    return charge;
  }

  /** Platform-style numbers: prefix + 14-digit time + sequence, unique within this simulator. */
  mintNo(prefix: string, at: Date): string {
    this.seq += 1;
    const t = formatBeijingTime(at);
    return `${prefix}${t}${String(this.seq).padStart(6, '0')}`;
  }

  charge(outChargeNo: string): SimCharge | undefined {
    return this.charges.get(outChargeNo);
  }

  chargeByNo(chargeNo: string): SimCharge | undefined {
    for (const c of this.charges.values()) if (c.chargeNo === chargeNo) return c;
    return undefined;
  }

  chargeByTraceNo(traceNo: string): SimCharge | undefined {
    for (const c of this.charges.values()) if (c.traceNo === traceNo) return c;
    return undefined;
  }

  refundsOf(outChargeNo: string): SimRefund[] {
    return [...this.refunds.values()].filter((r) => r.outChargeNo === outChargeNo);
  }

  refundedFen(outChargeNo: string): number {
    return this.refundsOf(outChargeNo).reduce((sum, r) => sum + r.amountFen, 0);
  }

  refundableFen(outChargeNo: string): number {
    const c = this.charges.get(outChargeNo);
    return c && c.state === 'paid' ? c.amountFen - this.refundedFen(outChargeNo) : 0;
  }
}
