import { AppError } from '@hosp/shared';
import { NOTIFY_ACK, PaymentNoticeError, parsePaymentNotice } from './payment-notice.codec';
import { withSign } from './payment-sign';

const SECRET = 'notice-secret';
const param = {
  outChargeNo: 'EH20240301000001',
  traceNo: 'TR001',
  chargeNo: 'CH001',
  amount: '15.50',
  tradeMode: 'WX_PUB',
  traceTime: '20240301100304',
  result: 'succ',
};
const notice = (p: Record<string, unknown> = param) =>
  withSign({ transType: 'hop.trade.notify', param: p, appId: 'app1', timestamp: '20240301100305', nonce: 'n1' }, SECRET);

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PaymentNoticeError);
    expect(err).toBeInstanceOf(AppError);
    return (err as PaymentNoticeError).reason;
  }
  throw new Error('expected a rejection');
}

describe('parsePaymentNotice', () => {
  it('accepts a valid notice as text, Buffer or object, in fen and UTC', () => {
    const expected = {
      outChargeNo: 'EH20240301000001', chargeNo: 'CH001', traceNo: 'TR001', amountFen: 1550, tradeMode: 'WX_PUB',
      paidAt: new Date('2024-03-01T02:03:04Z'), success: true,
    };
    const text = JSON.stringify(notice());
    expect(parsePaymentNotice(text, SECRET)).toEqual(expected);
    expect(parsePaymentNotice(Buffer.from(text), SECRET)).toEqual(expected);
    expect(parsePaymentNotice(JSON.parse(text), SECRET, { appId: 'app1' })).toEqual(expected);
    expect(parsePaymentNotice(notice({ ...param, result: 'fail' }), SECRET).success).toBe(false);
    expect(parsePaymentNotice(notice({ ...param, amount: '15.5', traceNo: '' }), SECRET)).toMatchObject({ amountFen: 1550, traceNo: null });
    expect(NOTIFY_ACK).toEqual({ respCode: '000000', respMsg: '成功' });
  });

  it('rejects forged, unsigned, tampered or foreign notices as SIGNATURE_INVALID', () => {
    expect(reason(() => parsePaymentNotice(withSign({ ...notice(), sign: undefined }, 'other-secret'), SECRET))).toBe('bad-sign');
    const { sign: _s, ...unsigned } = notice();
    expect(reason(() => parsePaymentNotice(unsigned, SECRET))).toBe('bad-sign');
    expect(reason(() => parsePaymentNotice({ ...notice(), param: { ...param, amount: '1550.00' } }, SECRET))).toBe('bad-sign');
    expect(reason(() => parsePaymentNotice(notice(), SECRET, { appId: 'other' }))).toBe('wrong-app');
    try {
      parsePaymentNotice(unsigned, SECRET);
    } catch (err) {
      expect((err as AppError).code).toBe('SIGNATURE_INVALID');
    }
  });

  it('rejects malformed JSON and invalid (though signed) contents as VALIDATION_FAILED', () => {
    expect(reason(() => parsePaymentNotice('{"transType":', SECRET))).toBe('malformed');
    expect(reason(() => parsePaymentNotice('[]', SECRET))).toBe('malformed');
    expect(reason(() => parsePaymentNotice(notice({ ...param, amount: '15.505' }), SECRET))).toBe('invalid');
    expect(reason(() => parsePaymentNotice(notice({ ...param, amount: '-1.00' }), SECRET))).toBe('invalid');
    expect(reason(() => parsePaymentNotice(notice({ ...param, traceTime: '20240230100304' }), SECRET))).toBe('invalid');
    const { outChargeNo: _o, ...noOrder } = param;
    expect(reason(() => parsePaymentNotice(notice(noOrder), SECRET))).toBe('invalid');
    const wrongType = withSign({ ...notice(), sign: undefined, transType: 'hop.trade.query' }, SECRET);
    expect(reason(() => parsePaymentNotice(wrongType, SECRET))).toBe('invalid');
  });
});
