import { formatCompact as formatBeijingTime, parseCompact as parseBeijingTime } from '../../domain/time';
import { envelopeSignFields, signEnvelope, verifyEnvelope, withSign } from './payment-sign';
import { hisSign } from '../his/his-sign';

const SECRET = 'test-secret';

describe('payment envelope signing (section 17 MD5 over the top-level fields)', () => {
  const envelope = {
    transType: 'hop.trade.query',
    param: { outTradeNo: 'EH001', tradeType: 'hop.trade.recharge', realName: '张三' },
    appId: 'app1',
    timestamp: '20240201003005',
    nonce: 'abc',
  };

  it('signs param as its compact JSON text and excludes only sign', () => {
    const fields = envelopeSignFields({ ...envelope, sign: 'x', empty: '', nil: null });
    expect(fields).toEqual({
      transType: 'hop.trade.query',
      param: '{"outTradeNo":"EH001","tradeType":"hop.trade.recharge","realName":"张三"}',
      appId: 'app1',
      timestamp: '20240201003005',
      nonce: 'abc',
      empty: '',
    });
    expect(signEnvelope(envelope, SECRET)).toBe(hisSign(fields, SECRET, { exclude: ['sign'] }));
    expect(signEnvelope(envelope, SECRET)).toMatch(/^[0-9A-F]{32}$/);
  });

  it('round-trips and detects tampering anywhere', () => {
    const signed = withSign(envelope, SECRET);
    expect(verifyEnvelope(signed, SECRET)).toBe(true);
    // The wire form: parse(stringify) keeps the text of param, so the sign still verifies.
    expect(verifyEnvelope(JSON.parse(JSON.stringify(signed)) as Record<string, unknown>, SECRET)).toBe(true);
    expect(verifyEnvelope({ ...signed, sign: signed.sign.toLowerCase() }, SECRET)).toBe(true);
    expect(verifyEnvelope({ ...signed, nonce: 'abd' }, SECRET)).toBe(false);
    expect(verifyEnvelope({ ...signed, param: { ...envelope.param, outTradeNo: 'EH002' } }, SECRET)).toBe(false);
    expect(verifyEnvelope({ ...signed, param: { ...envelope.param, realName: '李四' } }, SECRET)).toBe(false);
    expect(verifyEnvelope({ ...signed, extraField: '1' }, SECRET)).toBe(false);
    expect(verifyEnvelope(signed, 'other-secret')).toBe(false);
    expect(verifyEnvelope({ ...envelope }, SECRET)).toBe(false);
    expect(verifyEnvelope({ ...envelope, sign: '' }, SECRET)).toBe(false);
  });

  it('signs a param sent as a JSON string over that exact text', () => {
    const text = '{"b":1,"a":"2"}';
    const signed = withSign({ ...envelope, param: text }, SECRET);
    expect(verifyEnvelope(signed, SECRET)).toBe(true);
    expect(verifyEnvelope({ ...signed, param: '{"a":"2","b":1}' }, SECRET)).toBe(false);
  });
});

describe('Beijing 14-digit time', () => {
  it('formats and parses UTC+8 regardless of host zone', () => {
    const at = new Date(Date.UTC(2024, 0, 31, 16, 30, 5));
    expect(formatBeijingTime(at)).toBe('20240201003005');
    expect(parseBeijingTime('20240201003005')?.getTime()).toBe(at.getTime());
  });

  it('rejects impossible or malformed times', () => {
    for (const bad of ['20240230003005', '20240201243005', '2024020100300', '2024-02-01 00:30:05', '', 20240201003005, null]) {
      expect(parseBeijingTime(bad)).toBeNull();
    }
  });
});
