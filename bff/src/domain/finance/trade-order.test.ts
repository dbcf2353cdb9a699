import fc from 'fast-check';
import { inKeyOrder, missingKeys } from './trade-order';

describe('trades in tradeNo order', () => {
  it('sorts stably, and hands back an array already in order untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ k: fc.constantFrom('a', 'b', 'c', 'd'), i: fc.nat() }), { maxLength: 50 }), (xs) => {
        const out = inKeyOrder(xs, (x) => x.k);
        expect(out).toEqual([...xs].sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)));
        expect(inKeyOrder(out, (x) => x.k)).toBe(out);
      }),
    );
  });

  it('missingKeys: the distinct wanted keys not known', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 30 }), fc.array(fc.constantFrom('a', 'c', 'x'), { maxLength: 10 }), (xs: string[], known: string[]) => {
        expect(missingKeys(xs, known)).toEqual([...new Set(xs.filter((x) => !known.includes(x)))].sort());
      }),
    );
  });
});
