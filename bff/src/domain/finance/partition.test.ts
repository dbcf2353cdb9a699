import fc from 'fast-check';
import { bucketCount, bucketOf, keysNotIn, partitionBy } from './partition';

describe('partitioning by tradeNo', () => {
  it('puts every key in exactly one group, the same group every time, in input order', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (keys, n) => {
        const groups = partitionBy(keys, (k) => k, n);
        expect(groups).toHaveLength(n);
        expect(groups.flat().sort()).toEqual([...keys].sort());
        groups.forEach((g, i) => g.forEach((k) => expect(bucketOf(k, n)).toBe(i)));
        for (const g of groups) expect(g).toEqual(keys.filter((k) => g.includes(k)));
      }),
    );
    expect(bucketCount(0)).toBe(1);
    expect(bucketCount(1_000_000)).toBeGreaterThan(1000);
  });

  it('keysNotIn: the distinct keys missing from `known`', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 30 }), fc.array(fc.constantFrom<string>('a', 'c', 'x'), { maxLength: 10 }), (xs: string[], known: string[]) => {
        expect(keysNotIn(xs, known).sort()).toEqual([...new Set(xs.filter((x) => !known.includes(x)))].sort());
      }),
    );
  });
});
