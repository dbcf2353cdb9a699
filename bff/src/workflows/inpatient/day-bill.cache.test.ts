import { DayBillCache } from './day-bill.cache';

describe('daily bill cache', () => {
  it('reads a key once, sharing one call between concurrent readers', async () => {
    const cache = new DayBillCache<number>();
    const load = jest.fn().mockResolvedValue(7);
    const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect([a, b, await cache.get('k', load)]).toEqual([7, 7, 7]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not remember a failed read: the next one asks again', async () => {
    const cache = new DayBillCache<number>();
    const load = jest.fn().mockRejectedValueOnce(new Error('HIS down')).mockResolvedValueOnce(3);
    await expect(cache.get('k', load)).rejects.toThrow('HIS down');
    await new Promise((r) => setImmediate(r));
    expect(await cache.get('k', load)).toBe(3);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('drops the oldest entry beyond its bound', async () => {
    const cache = new DayBillCache<string>(2);
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => k);
    const again = jest.fn().mockResolvedValue('a2');
    expect(await cache.get('a', again)).toBe('a2');
    expect(again).toHaveBeenCalledTimes(1);
  });
});
