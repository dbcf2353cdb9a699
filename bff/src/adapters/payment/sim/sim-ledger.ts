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

export class SimLedger {
  readonly charges = new Map<string, SimCharge>();
  readonly refunds = new Map<string, SimRefund>();
  private seq = 0;

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
