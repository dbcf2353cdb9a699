import fc from 'fast-check';
import { idNumberCheckChar, isValidIdNumber, isValidMobile, maskIdNumber, maskName, maskPhone } from './identity';

/** Builds a valid ID number from a 6-digit region, a date and a 3-digit sequence. */
function makeId(region: string, date: string, seq: string): string {
  const first17 = `${region}${date}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

describe('ID numbers', () => {
  it('accepts numbers with a correct check character, including X', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber(makeId('430702', '19900101', '123'))).toBe(true);
  });

  it('rejects a wrong check character, bad dates, and wrong lengths', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber(makeId('430702', '19900230', '123'))).toBe(false);
    expect(isValidIdNumber('43070219900101123')).toBe(false);
    expect(isValidIdNumber('4307021990010112345')).toBe(false);
    expect(isValidIdNumber('43070219900101ABCD')).toBe(false);
  });

  it('detects every single-digit change to a valid number', () => {
    const valid = makeId('320682', '19850615', '037');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const digits = valid.split('');
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        return isValidIdNumber(digits.join('')) === false;
      }),
    );
  });

  it('masks to the first six and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});

describe('phones and names', () => {
  it('validates mainland mobiles', () => {
    expect(isValidMobile('13812345678')).toBe(true);
    expect(isValidMobile('12812345678')).toBe(false);
    expect(isValidMobile('1381234567')).toBe(false);
    expect(isValidMobile('+8613812345678')).toBe(false);
  });

  it('masks phones and names', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧**明');
  });
});
