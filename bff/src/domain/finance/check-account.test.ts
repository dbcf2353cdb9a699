import { beijingDayRange } from '../time';
import { addToTotals, isCheckDate, RECONCILED_KINDS, toTradeLine } from './check-account';

describe('check account lines', () => {
  it('maps kinds to §13.3 transaction types and channels to §18.2 payTypes', () => {
    const row = { tradeNo: 'EH1', amountFen: 1200, at: '2026-03-14T16:00:00.000Z', orderType: 1 as const, tradeMode: 'WX_PUB' as string | null };
    expect(toTradeLine({ ...row, kind: 'register', payClient: 'weapp' })).toMatchObject({ transactionType: 1, payType: 'wechatMP', cashFen: 1200 });
    expect(toTradeLine({ ...row, kind: 'subscription', payClient: 'alipay', tradeMode: 'ALI_PUB' })).toMatchObject({ transactionType: 1, payType: 'alipayMP' });
    expect(toTradeLine({ ...row, kind: 'hisSrc', payClient: 'h5', tradeMode: null })).toMatchObject({ transactionType: 2, payType: 'wechatNo' });
    expect(toTradeLine({ ...row, kind: 'prepaySrc', payClient: 'weapp' }).transactionType).toBe(3);
    expect(toTradeLine({ ...row, kind: 'eCardPay', payClient: 'weapp' }).transactionType).toBe(4);
    expect(() => toTradeLine({ ...row, kind: 'deposit', payClient: 'weapp' })).toThrow(/not reconciled/);
    expect(RECONCILED_KINDS).not.toContain('deposit');
  });

  it('totals are receipts minus refunds, counted over every line', () => {
    const t = [{ cashFen: 1000, orderType: 1 as const }, { cashFen: 300, orderType: 2 as const }, { cashFen: 5, orderType: 1 as const }].reduce(addToTotals, { totalCashFen: 0, totalCount: 0 });
    expect(t).toEqual({ totalCashFen: 705, totalCount: 3 });
    expect(addToTotals({ totalCashFen: 0, totalCount: 0 }, { cashFen: 50, orderType: 2 })).toEqual({ totalCashFen: -50, totalCount: 1 });
  });

  it('a check date is a real yyyy-MM-dd; its Beijing day starts at 16:00 UTC the day before', () => {
    expect(['2026-03-15', '2024-02-29'].every(isCheckDate)).toBe(true);
    expect(['2026-02-30', '2026-3-15', '20260315', '2026-03-15 00:00:00', ''].some(isCheckDate)).toBe(false);
    expect(beijingDayRange('2026-03-15')).toEqual({ from: '2026-03-14T16:00:00.000Z', to: '2026-03-15T16:00:00.000Z' });
  });
});
