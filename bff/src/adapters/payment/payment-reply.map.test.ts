import { chargeStatusOf, closeResultOf, refundResultOf, refundStatusOf } from './payment-reply.map';

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

  it('maps succ / 0 to paid (the amount is the order\'s own), Beijing time to UTC, extra.paytype over tradeMode', () => {
    const expected = { state: 'paid', traceNo: 'TR1', paidAt: new Date('2024-03-01T02:03:04Z'), tradeMode: 'WX_PUB' };
    expect(chargeStatusOf(r('000000', { ...paid, result: 'succ' }))).toEqual(expected);
    expect(chargeStatusOf(r('000000', { ...paid, tradeState: '0', extra: '{"paytype":"WX"}' }))).toEqual({ ...expected, tradeMode: 'WX' });
    expect(chargeStatusOf(r('000000', { ...paid, result: 'succ', traceNo: undefined, origTraceNo: 'TR9' }))).toMatchObject({ traceNo: 'TR9' });
  });

  it('a paid reply as the document has it (no amount), or without a readable time, is still paid', () => {
    expect(chargeStatusOf(r('000000', { result: 'succ', traceNo: 'TR1' }))).toEqual({ state: 'paid', traceNo: 'TR1', paidAt: null, tradeMode: null });
    expect(chargeStatusOf(r('000000', { ...paid, result: 'succ', origTraceTime: 'x' }))).toMatchObject({ state: 'paid', paidAt: null });
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

describe('hop.trade.query (tradeType refund) → RefundStatus', () => {
  it.each([
    [r('000000', { result: 'succ', origTraceTime: '20240301100304' }), { state: 'refunded', refundedAt: new Date('2024-03-01T02:03:04Z') }],
    [r('000000', { result: 'ing' }), { state: 'pending' }],
    [r('000000', { result: 'fail', resultDesc: '渠道失败' }), { state: 'failed', reason: '渠道失败' }],
    [r('000000', { result: 'notfound' }), { state: 'not_found' }],
    [r('030003'), { state: 'not_found' }],
    [r('000000', { result: 'exp' }), { state: 'unknown', reason: 'exp' }],
    [r('999999'), { state: 'unknown', reason: '999999 m' }],
  ])('%j → %j', (reply, expected) => {
    expect(refundStatusOf(reply)).toEqual(expected);
  });
});
