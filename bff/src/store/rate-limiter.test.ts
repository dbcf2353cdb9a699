import { DIALECTS, freshStore } from '../../../test/support/stores';
import type { Store } from './db';
import { RateLimiter } from './rate-limiter';
import { rateLimitsRepo, type RateLimitsRepo } from './rate-limits.repo';

describe.each(DIALECTS)('rate limits shared by instances on %s', (dialect) => {
  let store: Store;
  let t = Date.parse('2026-11-21T08:00:10.000Z');
  beforeAll(async () => {
    store = await freshStore(dialect, 'ratelimit');
  });
  afterAll(async () => {
    await store.close();
  });
  const instance = (repo: RateLimitsRepo = rateLimitsRepo(store.db), max = 30) => new RateLimiter(repo, { name: 'login', windowMs: 60_000, max, now: () => t });

  it('lets three instances together through only the limit, not three times it', async () => {
    const instances = [instance(), instance(), instance()];
    const decisions = await Promise.all(Array.from({ length: 90 }, (_, i) => instances[i % 3]!.hit('10.1.2.3')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(30);
    // Another caller has its own window.
    expect((await instances[0]!.hit('10.9.9.9')).allowed).toBe(true);
  });

  it('opens again in the next window, and tells how long to wait', async () => {
    const a = instance();
    const refused = await a.hit('10.1.2.3');
    expect(refused).toEqual({ allowed: false, retryAfterS: 50 });
    t += 60_000;
    expect((await a.hit('10.1.2.3')).allowed).toBe(true);
  });

  it('refuses without asking the database once this instance alone is over the limit', async () => {
    const repo = rateLimitsRepo(store.db);
    const spy = jest.spyOn(repo, 'hit');
    const a = instance(repo, 2);
    for (let i = 0; i < 5; i += 1) await a.hit('busy');
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('keeps the local window when the database cannot be reached', async () => {
    const broken: RateLimitsRepo = { hit: () => Promise.reject(new Error('down')), purge: () => Promise.resolve(0) };
    const errors: unknown[] = [];
    const a = new RateLimiter(broken, { name: 'login', windowMs: 60_000, max: 2, now: () => t, onStoreError: (e) => errors.push(e) });
    const allowed = [];
    for (let i = 0; i < 4; i += 1) allowed.push((await a.hit('x')).allowed);
    expect(allowed).toEqual([true, true, false, false]);
    expect(errors).toHaveLength(2);
  });

  it('forgets ended windows', async () => {
    const repo = rateLimitsRepo(store.db);
    t += 3 * 60_000;
    expect(await repo.purge(new Date(t))).toBeGreaterThan(0);
    const left = await store.db.selectFrom('rate_limits').select('window_end').execute();
    expect(left.every((r) => Date.parse(r.window_end) >= t)).toBe(true);
  });
});
