import { createHash } from 'node:crypto';
import { startTestBff, type TestBff } from '../support/bff';
import { bookOne, FAST_ORDERS, orderState, waitForState } from '../support/booking-flow';
import { withSign } from '../../bff/src/adapters/payment/payment-sign';

/**
 * The money path against the HIS and payment simulators, each ending checked in the simulators'
 * own ledgers: HIS books a tradeNo at most once, the platform never refunds more than was paid.
 */
describe('payment → HIS posting → refunds, through vendor faults', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'pipeline', config: FAST_ORDERS as never });
  });
  afterAll(async () => {
    await bff.close();
  });
  const his = () => bff.sims.his!;
  const pay = () => bff.sims.payment!;

  it('HIS failing twice then succeeding: posted once, within one round of 3 notices', async () => {
    const o = await bookOne(bff);
    his().faults.inject('subscriptionPay', { kind: 'error', times: 2, message: '系统繁忙' });
    await pay().pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['posted']);
    expect(his().ledger.bookedCount(o.tradeNo)).toBe(1);
    expect(his().ledger.postAttempts(o.tradeNo)).toBe(3);
    const order = await bff.deps.orders.get(o.tradeNo);
    expect(order).toMatchObject({ postRound: 1, postAttempts: 3 });
    expect(order!.receipt!.invoiceNo).toBeTruthy();
  });

  it('every notice of one order carries the same tradeNo and fields', async () => {
    const o = await bookOne(bff);
    his().faults.inject('subscriptionPay', { kind: 'error', times: 2 });
    await pay().pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['posted']);
    const posts = his().calls.filter((c) => c.method === 'subscriptionPay' && c.fields.tradeNo === o.tradeNo);
    expect(posts).toHaveLength(3);
    const digest = (f: Record<string, string>) => createHash('sha256').update(JSON.stringify(f)).digest('hex');
    expect(new Set(posts.map((p) => digest(p.fields))).size).toBe(1);
  });

  it('isRefund=1: no further notice, refunded at once', async () => {
    const o = await bookOne(bff);
    his().faults.inject('subscriptionPay', { kind: 'error-refund' });
    await pay().pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['refunded']);
    expect(his().ledger.postAttempts(o.tradeNo)).toBe(1);
    expect(his().ledger.bookedCount(o.tradeNo)).toBe(0);
    expect(pay().ledger.refundedFen(o.tradeNo)).toBe(o.amountFen);
    expect(pay().ledger.refundsOf(o.tradeNo)).toHaveLength(1);
  });

  it.each(['commit-then-hang', 'commit-then-drop'] as const)('HIS books then %s: queryOrderStatus settles it, no double booking', async (kind) => {
    const o = await bookOne(bff);
    his().faults.inject('subscriptionPay', { kind });
    await pay().pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['posted']);
    expect(his().ledger.bookedCount(o.tradeNo)).toBe(1);
    expect(his().ledger.postAttempts(o.tradeNo)).toBe(1);
    expect(his().calls.some((c) => c.method === 'queryOrderStatus' && c.fields.tradeNo === o.tradeNo)).toBe(true);
  });

  it('the notice duplicated 10 times concurrently: one posting', async () => {
    const o = await bookOne(bff);
    pay().faults.next('notify:duplicate:10');
    await pay().pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['posted']);
    await pay().notifier.idle();
    expect(his().ledger.postAttempts(o.tradeNo)).toBe(1);
    expect(his().ledger.bookedCount(o.tradeNo)).toBe(1);
    const events = await bff.deps.orders.events(o.tradeNo);
    expect(events.filter((e) => e.to === 'paid')).toHaveLength(1);
  });

  it('the notice never comes: polling finds the payment', async () => {
    const o = await bookOne(bff);
    pay().faults.next('notify:drop');
    await pay().pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['posted']);
    const events = await bff.deps.orders.events(o.tradeNo);
    expect(events.find((e) => e.to === 'paid')!.reason).toContain('platform');
  });

  it('the notice before or after the client’s return: same result', async () => {
    const early = await bookOne(bff);
    await pay().pay(early.tradeNo);
    await waitForState(bff, early.tradeNo, ['posted']);
    const afterNotice = await bff.request('POST', `/api/orders/${early.tradeNo}/sync`, { token: early.token });
    expect(afterNotice.body.status.state).toBe('posted');

    const late = await bookOne(bff);
    pay().faults.next('notify:delay:300');
    await pay().pay(late.tradeNo);
    const beforeNotice = await bff.request('POST', `/api/orders/${late.tradeNo}/sync`, { token: late.token });
    expect(['paid', 'posting', 'posted']).toContain(beforeNotice.body.status.state);
    await waitForState(bff, late.tradeNo, ['posted']);
    await pay().notifier.idle();
    for (const o of [early, late]) expect(his().ledger.bookedCount(o.tradeNo)).toBe(1);
  });

  it('refund answers 040040, then succeeds: one refund number, one refund', async () => {
    const o = await bookOne(bff);
    his().faults.inject('subscriptionPay', { kind: 'error-refund' });
    pay().faults.next('respCode:040040', 2, 'hop.trade.refund');
    await pay().pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['refunded']);
    const refunds = await bff.deps.refunds.forOrder(o.tradeNo);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.attempts).toBeGreaterThanOrEqual(3);
    expect(pay().ledger.refundsOf(o.tradeNo)).toHaveLength(1);
    expect(pay().ledger.refundsOf(o.tradeNo)[0]!.outRefundNo).toBe(refunds[0]!.outRefundNo);
    expect(pay().ledger.refundedFen(o.tradeNo)).toBe(o.amountFen);
  });

  it('refuses a forged notice and one for a different amount; the order stays unpaid', async () => {
    const o = await bookOne(bff);
    const param = { outChargeNo: o.tradeNo, traceNo: 'T1', chargeNo: 'C1', amount: '0.01', tradeMode: 'WX_PUB', traceTime: '20261122080000', result: 'succ' };
    const base = { transType: 'hop.trade.notify', param, appId: 'sim-pay-app', timestamp: '20261122080000', nonce: 'abcdef123456' };
    const forged = await bff.request('POST', '/pay/notify', { body: withSign(base, 'wrong-secret-000') });
    expect(forged.status).toBe(401);
    const wrongAmount = await bff.request('POST', '/pay/notify', { body: withSign(base, 'sim-pay-secret-not-real') });
    expect(wrongAmount.body.respCode).not.toBe('000000');
    const unknown = await bff.request('POST', '/pay/notify', { body: withSign({ ...base, param: { ...param, outChargeNo: 'EH000000000000000000', amount: '40.00' } }, 'sim-pay-secret-not-real') });
    expect(unknown.body.respCode).not.toBe('000000');
    expect(await orderState(bff, o.tradeNo)).toBe('paying');
    expect(his().ledger.postAttempts(o.tradeNo)).toBe(0);
  });

  it('a patient cancels a paid appointment: cancelled in HIS, refunded once', async () => {
    const o = await bookOne(bff);
    await pay().pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['posted']);
    const r = await bff.request('POST', `/api/orders/${o.tradeNo}/cancel`, { token: o.token });
    expect(r.body).toMatchObject({ status: { state: expect.stringMatching(/refunding|refunded/) } });
    await waitForState(bff, o.tradeNo, ['refunded']);
    expect(his().calls.filter((c) => c.method === 'cancelSubscription')).not.toHaveLength(0);
    expect(pay().ledger.refundedFen(o.tradeNo)).toBe(o.amountFen);
    const detail = await bff.request('GET', `/api/orders/${o.tradeNo}`, { token: o.token });
    expect(detail.body.refunds).toHaveLength(1);
    expect(detail.body.status.label).toBe('已退款');
  });

  it('an unpaid order cancelled by the patient: platform order closed, slot released, nothing charged', async () => {
    const o = await bookOne(bff);
    const r = await bff.request('POST', `/api/orders/${o.tradeNo}/cancel`, { token: o.token });
    expect(r.body.status.state).toBe('closed');
    expect(pay().ledger.charge(o.tradeNo)!.state).toBe('closed');
    expect(his().calls.some((c) => c.method === 'cancelSubscription')).toBe(true);
    await expect(pay().pay(o.tradeNo)).rejects.toThrow();
  });

  it('another account cannot see, pay or cancel an order', async () => {
    const o = await bookOne(bff);
    const other = await bff.login('someone-else');
    for (const [m, p] of [['GET', ''], ['POST', '/pay'], ['POST', '/sync'], ['POST', '/cancel']] as const) {
      const r = await bff.request(m, `/api/orders/${o.tradeNo}${p}`, { token: other, body: p === '/pay' ? { payClient: 'h5' } : m === 'POST' ? {} : undefined });
      expect(r.status).toBe(404);
    }
    expect(await orderState(bff, o.tradeNo)).toBe('paying');
  });
});

describe('posting window ends while HIS keeps failing', () => {
  const window = (extra: Record<string, unknown> = {}) => ({ ...FAST_ORDERS, orders: { ...FAST_ORDERS.orders, postingWindowHours: 0.00005, ...extra } }) as never;

  it('by default (the document: queryOrderStatus answers only SUCCESS/ERROR) a person decides; nothing is refunded', async () => {
    const bff = await startTestBff({ name: 'giveup0', config: window() });
    try {
      const o = await bookOne(bff);
      bff.sims.his!.faults.inject('subscriptionPay', { kind: 'error', times: 1000 });
      await bff.sims.payment!.pay(o.tradeNo);
      await waitForState(bff, o.tradeNo, ['refunded', 'attention'], 15_000);
      expect(await orderState(bff, o.tradeNo)).toBe('attention');
      expect((await bff.deps.orders.get(o.tradeNo))!.attentionReason).toMatch(/could not confirm/);
      expect(bff.sims.payment!.ledger.refundedFen(o.tradeNo)).toBe(0);
    } finally {
      await bff.close();
    }
  });

  it('refunds when the hospital declared that queryOrderStatus ERROR means HIS does not have the payment', async () => {
    const bff = await startTestBff({ name: 'giveup', config: window({ queryErrorMeans: 'not_posted' }) });
    try {
      const o = await bookOne(bff);
      bff.sims.his!.faults.inject('subscriptionPay', { kind: 'error', times: 1000 });
      await bff.sims.payment!.pay(o.tradeNo);
      await waitForState(bff, o.tradeNo, ['refunded', 'attention'], 15_000);
      expect(await orderState(bff, o.tradeNo)).toBe('refunded');
      expect(bff.sims.his!.ledger.bookedCount(o.tradeNo)).toBe(0);
      expect(bff.sims.payment!.ledger.refundedFen(o.tradeNo)).toBe(o.amountFen);
      const events = await bff.deps.orders.events(o.tradeNo);
      expect(events.find((e) => e.to === 'refunding')!.reason).toMatch(/did not take the payment/);
    } finally {
      await bff.close();
    }
  });

  it('hands the order to a person when HIS cannot be reached at all', async () => {
    const bff = await startTestBff({ name: 'giveup2', config: window({ queryErrorMeans: 'not_posted' }) });
    try {
      const o = await bookOne(bff);
      bff.sims.his!.faults.inject('subscriptionPay', { kind: 'http500', times: 1000 });
      bff.sims.his!.faults.inject('queryOrderStatus', { kind: 'http500', times: 1000 });
      await bff.sims.payment!.pay(o.tradeNo);
      await waitForState(bff, o.tradeNo, ['attention'], 15_000);
      const order = await bff.deps.orders.get(o.tradeNo);
      expect(order!.attentionReason).toMatch(/could not confirm/);
      expect(bff.sims.payment!.ledger.refundedFen(o.tradeNo)).toBe(0);
    } finally {
      await bff.close();
    }
  });
});
