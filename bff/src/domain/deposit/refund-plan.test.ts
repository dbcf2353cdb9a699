import type { DepositRecord } from './ports';
import { planRefund, type RecordCharge } from './refund-plan';

const rec = (recordId: string, daysAgo: number, refundableFen: number): DepositRecord => ({
  recordId, hisRecordNo: `F${recordId}`, appOrderId: null, lastRefundId: null, channel: 'wechat', channelTradeNo: null,
  paidAt: new Date(Date.UTC(2026, 0, 30 - daysAgo)), paidFen: 10000, refundedFen: 10000 - refundableFen, refundAllowed: refundableFen > 0, refundableFen, state: 'paid',
});
const charge = (fen = 10000): RecordCharge => ({ outChargeNo: 'X', traceNo: 'T', channel: 'WX_PUB', chargedFen: fen });

describe('refund plan', () => {
  const records = [rec('old', 9, 10000), rec('new', 1, 4000), rec('cash', 0, 0), rec('mid', 5, 6000)];
  const charges = new Map(records.map((r) => [r.recordId, charge()]));

  it('takes the newest records first, each for at most what it can still refund', () => {
    const p = planRefund(records, charges, 1_000_000, 12000);
    expect(p.ok && p.parts.map((x) => [x.record.recordId, x.amountFen])).toEqual([['new', 4000], ['mid', 6000], ['old', 2000]]);
  });

  it('never plans more than the balance, nor than the records allow', () => {
    expect(planRefund(records, charges, 15000, 15001)).toEqual({ ok: false, reason: 'over_refundable', refundableFen: 15000 });
    expect(planRefund(records, charges, 1_000_000, 20001)).toEqual({ ok: false, reason: 'over_refundable', refundableFen: 20000 });
  });

  it('leaves out records whose platform charge is unknown (they cannot go back the way they came)', () => {
    const p = planRefund(records, new Map([['old', charge()]]), 1_000_000, 5000);
    expect(p.ok && p.parts.map((x) => x.record.recordId)).toEqual(['old']);
    expect(planRefund(records, new Map(), 1_000_000, 1)).toEqual({ ok: false, reason: 'nothing_refundable', refundableFen: 0 });
  });

  it('refuses zero, negative and fractional amounts', () => {
    for (const a of [0, -1, 1.5]) expect(planRefund(records, charges, 1_000_000, a).ok).toBe(false);
  });
});
