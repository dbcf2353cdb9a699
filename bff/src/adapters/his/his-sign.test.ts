import { hisSign, hisSignBase, verifyHisSign } from './his-sign';

const SPEC_KEY = '192006250b4c09247ec02edce69f6a2d';
/**
 * The document prints the names as `appId` / `mch_Id`, but its published sign is WeChat Pay's
 * original example, computed over `appid` / `mch_id`. Names are case-sensitive (section 17 says so),
 * so the published value only reproduces with the lower-case names; with the names as printed the
 * MD5 is B838BE94…. Both are pinned here.
 */
const specParams = { appid: 'wxd930ea5d5a258f4f', mch_id: '10000100', device_info: '1000', body: 'test', nonce_str: 'ibuaiVcKdpRxkhJA' };
const printedParams = { appId: 'wxd930ea5d5a258f4f', mch_Id: '10000100', device_info: '1000', body: 'test', nonce_str: 'ibuaiVcKdpRxkhJA' };

describe('section 17 signature', () => {
  it("reproduces the document's own example", () => {
    // stringA exactly as printed in section 17
    expect(hisSignBase(printedParams)).toBe('appId=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_Id=10000100&nonce_str=ibuaiVcKdpRxkhJA');
    expect(hisSign(printedParams, SPEC_KEY)).toBe('B838BE9498FF8921A10CC0A38087B977');
    // the published sign value
    expect(hisSign(specParams, SPEC_KEY)).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
  });

  it('leaves out realName (revisions V2.5.5, V2.5.7) and sign itself', () => {
    const withExtras = { ...specParams, realName: '张三', sign: 'WHATEVER' };
    expect(hisSign(withExtras, SPEC_KEY)).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
  });

  it('skips empty values', () => {
    expect(hisSign({ ...specParams, phone: '', hisNo: null, x: undefined }, SPEC_KEY)).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
  });

  it('sorts by ASCII code, so upper case comes before lower case', () => {
    expect(hisSignBase({ b: '1', B: '2', a: '3', _: '4' })).toBe('B=2&_=4&a=3&b=1');
  });

  it('signs Chinese values as UTF-8 and changes when any signed value changes', () => {
    const a = hisSign({ idCard: '43070219920410092X', dept: '内科' }, 'k');
    expect(a).toMatch(/^[0-9A-F]{32}$/);
    expect(hisSign({ idCard: '43070219920410092X', dept: '外科' }, 'k')).not.toBe(a);
  });

  it('verifies in constant time, accepting lowercase hex and refusing anything else', () => {
    expect(verifyHisSign(specParams, '9A0A8659F005D6984697E2CA0A9CF3B7', SPEC_KEY)).toBe(true);
    expect(verifyHisSign(specParams, '9a0a8659f005d6984697e2ca0a9cf3b7', SPEC_KEY)).toBe(true);
    expect(verifyHisSign(specParams, '9A0A8659F005D6984697E2CA0A9CF3B8', SPEC_KEY)).toBe(false);
    expect(verifyHisSign(specParams, '9A0A', SPEC_KEY)).toBe(false);
    expect(verifyHisSign(specParams, undefined, SPEC_KEY)).toBe(false);
    expect(verifyHisSign(specParams, '9A0A8659F005D6984697E2CA0A9CF3B7', 'other-key')).toBe(false);
    expect(verifyHisSign({ ...specParams, body: 'tampered' }, '9A0A8659F005D6984697E2CA0A9CF3B7', SPEC_KEY)).toBe(false);
  });
});
