import { beijingInstant, decimalFen, parseDecimal, productFen } from './his-fee.map';

const dec = (s: string, signed = false) => {
  const d = parseDecimal(s, signed);
  if (!d) throw new Error(`not a decimal: ${s}`);
  return d;
};

describe('fee decimals', () => {
  it('reads HIS decimals exactly and turns them into fen only when exact', () => {
    expect(decimalFen(dec('250'))).toBe(25000);
    expect(decimalFen(dec(' 13.5 '))).toBe(1350);
    expect(decimalFen(dec('1.5000'))).toBe(150);
    expect(decimalFen(dec('0.035'))).toBeNull();
    expect(decimalFen(dec('-18.35', true))).toBe(-1835);
    // 0.1 + 0.2 style errors cannot happen: 0.07 × 3 is 21 fen, not 21.000000000000004.
    expect(productFen(dec('0.07'), dec('3'))).toBe(21);
    expect(productFen(dec('0.0350'), dec('20'))).toBe(70);
    expect(productFen(dec('0.035'), dec('3'))).toBeNull();
    expect(productFen(dec('18.35'), dec('-1', true))).toBe(-1835);
  });

  it('refuses what is not a plain decimal, and a sign where none belongs', () => {
    for (const s of ['', '1,000', '1e3', '0x10', '１２', '1.', '.5', '1.2.3', '1.1234567', '+1', 'abc']) expect(parseDecimal(s, true)).toBeNull();
    expect(parseDecimal('-1', false)).toBeNull();
  });
});

describe('Beijing times from HIS', () => {
  it('reads yyyy-MM-dd HH:mm:ss (and a bare date) as Beijing time', () => {
    expect(beijingInstant('2015-03-09 14:32:54')).toEqual(new Date('2015-03-09T06:32:54Z'));
    expect(beijingInstant('2015-3-9 8:05')).toEqual(new Date('2015-03-09T00:05:00Z'));
    expect(beijingInstant('2015-03-09T14:32:54.123')).toEqual(new Date('2015-03-09T06:32:54Z'));
    expect(beijingInstant('2015-03-09')).toEqual(new Date('2015-03-08T16:00:00Z'));
  });

  it('refuses impossible dates and times instead of rolling them over', () => {
    for (const s of ['2024-02-30 10:00:00', '2015-13-01', '2015-03-09 24:00:00', '2015-03-09 10:60:00', '09/03/2015', '2015-03-09 14:32:54+08:00']) {
      expect(beijingInstant(s)).toBeNull();
    }
  });
});
