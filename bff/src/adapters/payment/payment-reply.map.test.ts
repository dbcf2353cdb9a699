import { chargeStatusOf, closeResultOf, refundResultOf } from './payment-reply.map';

const r = (respCode: string, param: Record<string, unknown> = {}) => ({ respCode, respMsg: 'm', param });
const paid = { amount: '15.5', chargeNo: 'CH1', traceNo: 'TR1', origTraceTime: '20240301100304', tradeMode: 'WX_PUB' };
const NOW = new Date('2024-03-01T00:00:00Z');

describe('hop.trade.query → ChargeStatus', () => {
  it.each([
    [{ result: 'init' }, { state: 'pending' }],
    [{ result: 'ing' }, { state: 'pending' }],
    [{ tradeState: '1' }, { state: 'pending' }],
    [{ result: 'fail', resultDesc: '余额不足' }, { state: 'failed', reason: '余额不足' }],
    [{ tradeState: 2 }, { state: 'failed', reason: 'fail' }],
    [{ result: 'closed' }, { state: 'closed' }],
    [{ result: 'notfound' }, { state: 'not_found' }],
    [{ result: 'exp' }, { state: 'unknown', reason: 'exp' }],
    [{ result: 'weird' }, { state: 'unknown', reason: 'unrecognised result weird' }],
  ])('%j → %j', (param, expected) => {
    expect(chargeStatusOf(r('000000', param))).toEqual(expected);
  });

  it('maps succ / 0 to paid in fen, Beijing time to UTC, extra.paytype over tradeMode', () => {
    const expected = { state: 'paid', chargeNo: 'CH1', traceNo: 'TR1', amountFen: 1550, paidAt: new Date('2024-03-01T02:03:04Z'), tradeMode: 'WX_PUB' };
    expect(chargeStatusOf(r('000000', { ...paid, result: 'succ' }))).toEqual(expected);
    expect(chargeStatusOf(r('000000', { ...paid, tradeState: '0', extra: '{"paytype":"WX"}' }))).toEqual({ ...expected, tradeMode: 'WX' });
    expect(chargeStatusOf(r('000000', { ...paid, result: 'succ', chargeNo: undefined }))).toMatchObject({ chargeNo: 'TR1' });
  });

  it('a paid reply without an exact amount or time stays unknown', () => {
    expect(chargeStatusOf(r('000000', { ...paid, result: 'succ', amount: undefined })).state).toBe('unknown');
    expect(chargeStatusOf(r('000000', { ...paid, result: 'succ', amount: '15.555' })).state).toBe('unknown');
    expect(chargeStatusOf(r('000000', { ...paid, result: 'succ', origTraceTime: 'x' })).state).toBe('unknown');
  });

  it('maps respCodes: 030002/034006 not found, 999999 and the rest unknown', () => {
    expect(chargeStatusOf(r('030002'))).toEqual({ state: 'not_found' });
    expect(chargeStatusOf(r('034006'))).toEqual({ state: 'not_found' });
    expect(chargeStatusOf(r('999999'))).toEqual({ state: 'unknown', reason: '999999 m' });
    expect(chargeStatusOf(r('000002')).state).toBe('unknown');
  });
});

describe('hop.trade.recharge.close → CloseResult', () => {
  it.each([
    ['000000', 'closed'], ['035001', 'closed'], ['033001', 'already_paid'], ['030002', 'not_found'], ['999999', 'unknown'], ['039001', 'unknown'],
  ])('%s → %s', (code, expected) => expect(closeResultOf(r(code))).toBe(expected));
});

describe('hop.trade.refund → RefundResult', () => {
  it('000000 and 034002 are refunded', () => {
    expect(refundResultOf(r('000000', { refundNo: 'RF1', traceTime: '20240301100304', succAmount: '1.00' }), 100, NOW)).toEqual({
      state: 'refunded', refundNo: 'RF1', refundedAt: new Date('2024-03-01T02:03:04Z'),
    });
    expect(refundResultOf(r('034002'), 100, NOW)).toEqual({ state: 'refunded', refundNo: null, refundedAt: NOW });
  });

  it('a smaller succAmount than asked needs a person', () => {
    expect(refundResultOf(r('000000', { succAmount: '0.50' }), 100, NOW)).toMatchObject({ state: 'rejected', code: 'SUCC_AMOUNT_MISMATCH' });
  });

  it.each(['999999', '040040', '040037', '040038', '040041', '044003', 'UNKNOWN'])('%s is pending', (code) => {
    expect(refundResultOf(r(code), 100, NOW)).toEqual({ state: 'pending', code, message: 'm' });
  });

  it.each(['034001', '034005', '034003', '040007', '040017', '030002', '000002'])('%s is rejected', (code) => {
    expect(refundResultOf(r(code), 100, NOW)).toEqual({ state: 'rejected', code, message: 'm' });
  });
});
