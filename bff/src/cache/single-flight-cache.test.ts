import { SingleFlightCache } from './single-flight-cache';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('single-flight cache', () => {
  it('coalesces concurrent misses of one key into one load', async () => {
    const cache = new SingleFlightCache<number>(5000);
    const d = deferred<number>();
    let calls = 0;
    const all = Promise.all(Array.from({ length: 200 }, () => cache.get('k', () => ((calls += 1), d.promise))));
    d.resolve(7);
    expect(await all).toEqual(Array(200).fill(7));
    expect(calls).toBe(1);
  });

  it('serves from cache within the TTL and reloads after it', async () => {
    let t = 0;
    const cache = new SingleFlightCache<number>(1000, () => t);
    let calls = 0;
    const load = async () => ++calls;
    expect(await cache.get('k', load)).toBe(1);
    t = 999;
    expect(await cache.get('k', load)).toBe(1);
    t = 1000;
    expect(await cache.get('k', load)).toBe(2);
  });

  it('does not cache failures', async () => {
    const cache = new SingleFlightCache<number>(1000);
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 3)).toBe(3);
  });

  it('invalidation drops entries and discards a load that was already in flight', async () => {
    const cache = new SingleFlightCache<number>(60_000);
    const d = deferred<number>();
    const first = cache.get('dept:1', () => d.promise);
    cache.invalidate((k) => k.startsWith('dept:1'));
    d.resolve(1);
    expect(await first).toBe(1);
    expect(await cache.get('dept:1', async () => 2)).toBe(2);
  });
});
