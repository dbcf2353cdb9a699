import type { BookOrder, BookRefund } from '../../store/reconciliation.repo';
import { dayBounds, tradesOf } from './reconciliation-book';

const order = (tradeNo: string, over: Partial<BookOrder> = {}): BookOrder => ({ tradeNo, kind: 'hisSrc', state: 'posted', amountFen: 500, paid: true, paidInDay: true, hasReceipt: true, ...over });
const ALL = new Set([1, 2, 3, 4] as const);

describe("our book of a day", () => {
  it('a Beijing day runs from 16:00 UTC the day before', () => {
    expect(dayBounds('2024-10-13')).toEqual({ from: '2024-10-12T16:00:00.000Z', to: '2024-10-13T16:00:00.000Z' });
  });

  it('the kinds as HIS types, the deposit left out, refunds attached in a fixed order', () => {
    const refunds: BookRefund[] = [
      { outRefundNo: 'B-2', tradeNo: 'B', hisId: null, amountFen: 100, state: 'refunded' },
      { outRefundNo: 'B-1', tradeNo: 'B', hisId: 'K1', amountFen: 100, state: 'pending' },
      { outRefundNo: 'X-1', tradeNo: 'B', hisId: null, amountFen: 100, state: 'weird' },
    ];
    const trades = tradesOf([
      order('A', { kind: 'subscription' }),
      order('B'),
      order('C', { kind: 'eCardPay', paidInDay: false }),
      order('D', { kind: 'prepaySrc', paid: false, paidInDay: false, state: 'closed', hasReceipt: false }),
      order('E', { kind: 'deposit' }),
      order('F', { kind: 'register', state: 'refunded', hasReceipt: false }),
    ], refunds, ALL);
    expect(trades.map((t) => [t.tradeNo, t.transactionType, t.paidInDay, t.paid, t.hisBooked])).toEqual([
      ['A', 1, true, true, true],
      ['B', 2, true, true, true],
      ['C', 4, false, true, true],
      ['D', 3, false, false, false],
      ['F', 1, true, true, false],
    ]);
    expect(trades[1]!.refunds.map((r) => r.outRefundNo)).toEqual(['B-1', 'B-2']);
    expect(tradesOf([order('A', { kind: 'subscription' }), order('B')], [], new Set([2] as const)).map((t) => t.tradeNo)).toEqual(['B']);
  });
});
