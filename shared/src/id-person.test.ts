import fc from 'fast-check';
import { ageOn, isMinorOn, personFromIdNumber } from './id-person';
import { idNumberCheckChar } from './identity';

function makeId(region: string, date: string, seq: string): string {
  const first17 = `${region}${date}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

describe('what an ID number says about its holder', () => {
  it('reads the birth date and the sex (odd 17th digit = male, even = female)', () => {
    expect(personFromIdNumber(makeId('110105', '20190307', '123'))).toEqual({ sex: 'male', birthDate: '2019-03-07' });
    expect(personFromIdNumber(makeId('110105', '20190307', '124'))).toEqual({ sex: 'female', birthDate: '2019-03-07' });
    expect(personFromIdNumber('11010519491231002X')).toEqual({ sex: 'female', birthDate: '1949-12-31' });
  });

  it('says nothing for an invalid number', () => {
    expect(personFromIdNumber('110105201903071231')).toBeNull(); // wrong check character
    expect(personFromIdNumber('1101052019030712')).toBeNull();
  });

  it('counts whole years, a birthday on its day, 29 February in common years on 1 March', () => {
    expect(ageOn('2008-06-15', '2026-06-14')).toBe(17);
    expect(ageOn('2008-06-15', '2026-06-15')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('is a minor exactly until the 18th birthday', () => {
    const id = makeId('430702', '20080615', '031');
    expect(isMinorOn(id, '2026-06-14')).toBe(true);
    expect(isMinorOn(id, '2026-06-15')).toBe(false);
    expect(isMinorOn('not an id', '2026-06-15')).toBe(false);
  });

  it('agrees with Date arithmetic for any birth date and day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 40_000 }), (birth, days) => {
        const b = birth.toISOString().slice(0, 10);
        const day = new Date(Date.parse(b) + days * 86_400_000).toISOString().slice(0, 10);
        let expected = 0;
        while (true) {
          const y = Number(b.slice(0, 4)) + expected + 1;
          const anniversary = `${y}${b.slice(4)}`;
          if (anniversary <= day) expected += 1;
          else break;
        }
        return ageOn(b, day) === expected;
      }),
    );
  });
});
