import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { bookOne, FAST_ORDERS } from '../../../../test/support/booking-flow';
import { awaitFirstTry, singleFlight } from './booking-flight';

/** A repeat of one booking request that lands on another instance waits on the order row. */
describe('one in-flight booking per requestId', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'flight', config: { ...FAST_ORDERS, his: { mode: 'sim', timeoutMs: 400 } } as never });
  });
  afterAll(() => bff.close());

  it('within one process, the second caller shares the first call (and its result)', async () => {
    let runs = 0;
    const work = () => new Promise<number>((r) => setTimeout(() => r(++runs), 50));
    const [a, b] = await Promise.all([singleFlight(bff.deps, 'k1', work), singleFlight(bff.deps, 'k1', work)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
    expect(await singleFlight(bff.deps, 'k1', work)).toBe(2);
  });

  it('across instances, waits until HIS has answered the first try, then returns that order', async () => {
    const o = await bookOne(bff);
    const hisRef = (await bff.deps.orders.get(o.tradeNo))!.hisRef;
    // Rewind the row to "HIS has not answered yet", then let the other instance's answer land.
    await bff.deps.store.db.updateTable('orders').set({ his_ref: null, state: 'created' }).where('trade_no', '=', o.tradeNo).execute();
    setTimeout(() => void bff.deps.store.db.updateTable('orders').set({ his_ref: hisRef }).where('trade_no', '=', o.tradeNo).execute(), 300);
    const started = Date.now();
    const seen = await awaitFirstTry(bff.deps, o.tradeNo);
    expect(seen.hisRef).toBe(hisRef);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up waiting after HIS\'s own deadline (plus a margin), leaving the first try alone', async () => {
    const o = await bookOne(bff);
    await bff.deps.store.db.updateTable('orders').set({ his_ref: null, state: 'created' }).where('trade_no', '=', o.tradeNo).execute();
    const started = Date.now();
    const seen = await awaitFirstTry(bff.deps, o.tradeNo);
    expect(seen).toMatchObject({ state: 'created', hisRef: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_300);
  });
});
