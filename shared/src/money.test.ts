import fc from 'fast-check';
import { fenToYuan, fenToYuanNumber, formatFen, MAX_FEN, MoneyFormatError, signedYuanToFen, yuanToFen } from './money';

describe('yuan ↔ fen', () => {
  it('round-trips every fen amount exactly', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => yuanToFen(fenToYuan(fen)) === fen));
  });

  it('reads every spelling HIS uses for the same amount', () => {
    expect(yuanToFen('15')).toBe(1500);
    expect(yuanToFen('15.0')).toBe(1500);
    expect(yuanToFen('15.00')).toBe(1500);
    expect(yuanToFen('13.5')).toBe(1350);
    expect(yuanToFen('0.01')).toBe(1);
    expect(yuanToFen(' 203.67 ')).toBe(20367);
    expect(yuanToFen('0')).toBe(0);
  });

  it('agrees with integer arithmetic for any whole and fractional part', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const text = `${whole}.${String(cents).padStart(2, '0')}`;
        return yuanToFen(text) === whole * 100 + cents;
      }),
    );
  });

  it('is not fooled where floating point would be (0.29, 1.005 style amounts)', () => {
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('1.15')).toBe(115);
    expect(fenToYuan(29)).toBe('0.29');
  });

  it.each(['', ' ', '-1', '+1', '1.234', '1.', '.5', '01', '1e3', '１５', '15元', 'NaN', 'Infinity', '1,000', '0x10', '1 000', '9999999999999'])(
    'rejects %p',
    (bad) => {
      expect(() => yuanToFen(bad)).toThrow(MoneyFormatError);
    },
  );

  it('rejects any string with more than two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 100, max: 99_999 }), (w, f) => {
        expect(() => yuanToFen(`${w}.${f}`)).toThrow(MoneyFormatError);
      }),
    );
  });

  it('rejects non-integer and unsafe fen when formatting', () => {
    expect(() => fenToYuan(1.5)).toThrow(MoneyFormatError);
    expect(() => fenToYuan(Number.MAX_SAFE_INTEGER + 1)).toThrow(MoneyFormatError);
    expect(() => fenToYuan(Number.NaN)).toThrow(MoneyFormatError);
  });

  it('handles signed balances (arrears) exactly', () => {
    expect(signedYuanToFen('-12.30')).toBe(-1230);
    expect(signedYuanToFen('-0')).toBe(0);
    expect(fenToYuan(-1230)).toBe('-12.30');
    fc.assert(fc.property(fc.integer({ min: -MAX_FEN, max: MAX_FEN }), (fen) => signedYuanToFen(fenToYuan(fen)) === fen));
  });

  it('formats for display with the yuan sign', () => {
    expect(formatFen(20367)).toBe('¥203.67');
  });
});

describe('fenToYuanNumber (documents typing yuan as double)', () => {
  it('prints in JSON exactly the yuan the fen are, for every amount', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => yuanToFen(JSON.stringify(fenToYuanNumber(fen))) === fen));
    expect(JSON.stringify([1234, 1250, 7, 10, 120000, 0].map(fenToYuanNumber))).toBe('[12.34,12.5,0.07,0.1,1200,0]');
  });
  it('refuses what is not whole fen', () => {
    expect(() => fenToYuanNumber(1.5)).toThrow(MoneyFormatError);
  });
});
