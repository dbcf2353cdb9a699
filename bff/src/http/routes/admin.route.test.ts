import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { bookOne, FAST_ORDERS, waitForState } from '../../../../test/support/booking-flow';

const TOKEN = 'operator-token-0123456789abcdef';

describe('operator endpoints', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'admin', config: { ...FAST_ORDERS, orders: { ...FAST_ORDERS.orders, postingWindowHours: 0.00005 }, admin: { token: TOKEN } } as never });
  });
  afterAll(async () => {
    await bff.close();
  });
  const admin = (method: string, path: string, body?: unknown) => bff.request(method, path, { body, headers: { authorization: `Bearer ${TOKEN}` } });

  it('require the operator token', async () => {
    expect((await bff.request('GET', '/admin/orders/attention')).status).toBe(401);
    expect((await bff.request('GET', '/admin/orders/attention', { headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).status).toBe(401);
  });

  it('list an order that needs a person, with its reason, and settle it by refund with a note on the timeline', async () => {
    const o = await bookOne(bff);
    bff.sims.his!.faults.inject('subscriptionPay', { kind: 'http500', times: 1000 });
    bff.sims.his!.faults.inject('queryOrderStatus', { kind: 'http500', times: 1000 });
    await bff.sims.payment!.pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['attention'], 15_000);
    bff.sims.his!.faults.clear();
    const list = await admin('GET', '/admin/orders/attention');
    expect(list.body.orders.find((x: { tradeNo: string }) => x.tradeNo === o.tradeNo)).toMatchObject({ state: 'attention', reason: expect.stringMatching(/could not confirm/) });
    expect((await admin('POST', `/admin/orders/${o.tradeNo}/resolve`, { action: 'refund' })).status).toBe(400);
    expect((await admin('POST', `/admin/orders/${o.tradeNo}/resolve`, { action: 'refund', note: '与HIS核对未入账' })).status).toBe(200);
    await waitForState(bff, o.tradeNo, ['refunded']);
    const events = await bff.deps.orders.events(o.tradeNo);
    expect(events.find((e) => e.to === 'refunding')).toMatchObject({ actor: 'operator', reason: expect.stringContaining('与HIS核对未入账') });
    expect((await admin('POST', `/admin/orders/${o.tradeNo}/resolve`, { action: 'posted', note: 'again please' })).status).toBe(409);
  });

  it('close an order whose HIS lock reply was lost, once released at the HIS; a paid order can never be closed', async () => {
    const o = await bookOne(bff);
    await bff.deps.store.db.transaction().execute((tx) =>
      bff.deps.orders.transition(tx, o.tradeNo, 'attention', { actor: 'system', reason: 'HIS lock outcome unknown', patch: { attentionReason: 'HIS lock outcome unknown' } }, new Date()),
    );
    const list = await admin('GET', '/admin/orders/attention');
    expect(list.body.orders.find((x: { tradeNo: string }) => x.tradeNo === o.tradeNo)).toMatchObject({ reason: 'HIS lock outcome unknown' });
    expect((await admin('POST', `/admin/orders/${o.tradeNo}/resolve`, { action: 'closed', note: '已在HIS释放号源' })).status).toBe(200);
    expect((await bff.deps.orders.get(o.tradeNo))!.state).toBe('closed');

    const paid = await bookOne(bff);
    bff.sims.his!.faults.inject('subscriptionPay', { kind: 'http500', times: 1000 });
    bff.sims.his!.faults.inject('queryOrderStatus', { kind: 'http500', times: 1000 });
    await bff.sims.payment!.pay(paid.tradeNo);
    await waitForState(bff, paid.tradeNo, ['attention'], 15_000);
    bff.sims.his!.faults.clear();
    expect((await admin('POST', `/admin/orders/${paid.tradeNo}/resolve`, { action: 'closed', note: 'should not work' })).status).toBe(409);
    expect((await bff.deps.orders.get(paid.tradeNo))!.state).toBe('attention');
  });

  it('show unmatched messages with personal data masked', async () => {
    await bff.sims.his!.push(`${bff.url}/his/pushHisData`, 'notifyOutpatientFee', { real_name: '无名', id_card: '110101199001011237', patient_card: '424242', total_amount: '1.00' } as never);
    const r = await admin('GET', '/admin/unmatched');
    const text = JSON.stringify(r.body);
    expect(r.body.messages.length).toBeGreaterThan(0);
    expect(text).not.toContain('110101199001011237');
    expect(text).toContain('110101********1237');
    expect(text).not.toContain('无名');
  });
});
