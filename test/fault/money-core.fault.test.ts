import { hisSeed as seed } from '../../bff/src/adapters/his';
import { startTestBff, type TestBff } from '../support/bff';
import { bookOne, FAST_ORDERS, orderState, waitForState } from '../support/booking-flow';

/**
 * The money core against simulators as strict as their documents, each case checked in both
 * simulators' books: platform charges and refunds, HIS locks and bookings.
 */
async function patientOf(bff: TestBff, user: string): Promise<{ token: string; patientId: string }> {
  const token = await bff.login(user);
  const z = seed.outpatient;
  const bound = await bff.bind(token, z);
  return { token, patientId: bound.body.id };
}

async function openSchedule(bff: TestBff, token: string, dept = 'NK01'): Promise<string> {
  const list = await bff.request('GET', `/api/catalogue/schedules?departmentCode=${dept}`, { token });
  const s = list.body.schedules.find((x: { status: string; bookingKind: string; remaining: number | null }) => x.status === 'open' && x.bookingKind === 'subscription' && (x.remaining === null || x.remaining > 2));
  return s.scheduleId;
}

const locks = (bff: TestBff, scheduleId: string) => bff.sims.his!.calls.filter((c) => c.method === 'insertSubscription' && c.fields.scheduleId === scheduleId).length;

describe('booking races with HIS answering in 3 s', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'races', config: { ...FAST_ORDERS, his: { mode: 'sim', timeoutMs: 6_000 } } as never });
  });
  afterAll(() => bff.close());
  afterEach(() => bff.sims.his!.faults.clear());

  it('20 concurrent requests with one requestId: one HIS lock, one order, every caller gets it', async () => {
    const { token, patientId } = await patientOf(bff, 'race-same');
    const scheduleId = await openSchedule(bff, token);
    bff.sims.his!.faults.inject('insertSubscription', { kind: 'delay', delayMs: 3_000, times: 20 });
    const body = { requestId: 'same-request-0001', patientId, departmentCode: 'NK01', scheduleId, slot: null, payClient: 'h5' };
    const replies = await Promise.all(Array.from({ length: 20 }, () => bff.request('POST', '/api/bookings', { token, body })));
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    const tradeNos = new Set(replies.map((r) => r.body.order.tradeNo));
    expect(tradeNos.size).toBe(1);
    expect(locks(bff, scheduleId)).toBe(1);
    const [tradeNo] = [...tradeNos] as [string];
    expect(await orderState(bff, tradeNo)).toBe('paying');
    expect(bff.sims.payment!.ledger.charges.has(tradeNo)).toBe(true);
  });

  it('20 concurrent requests with different requestIds for one patient and schedule: one HIS lock; the others are pointed at it', async () => {
    const { token, patientId } = await patientOf(bff, 'race-many');
    const scheduleId = await openSchedule(bff, token, 'EK01');
    const before = locks(bff, scheduleId);
    bff.sims.his!.faults.inject('insertSubscription', { kind: 'delay', delayMs: 3_000, times: 20 });
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => bff.request('POST', '/api/bookings', { token, body: { requestId: `many-request-${String(i).padStart(4, '0')}`, patientId, departmentCode: 'EK01', scheduleId, slot: null, payClient: 'h5' } })),
    );
    const ok = replies.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    const first = ok[0]!.body.order.tradeNo;
    for (const r of replies.filter((x) => x.status !== 200)) expect(r.body.error).toMatchObject({ code: 'DUPLICATE_BOOKING', ref: first });
    expect(locks(bff, scheduleId) - before).toBe(1);
    const rows = await bff.deps.store.db.selectFrom('orders').select('trade_no').where('schedule_id', '=', scheduleId).where('patient_id', '=', patientId).execute();
    expect(rows).toHaveLength(1);
  });

  it('caps the unpaid orders of one account (default 3), leaving nothing behind for the refused one', async () => {
    const { token, patientId } = await patientOf(bff, 'race-cap');
    const list = await bff.request('GET', '/api/catalogue/schedules?departmentCode=NK01', { token });
    const open = list.body.schedules.filter((x: { status: string; bookingKind: string; remaining: number | null }) => x.status === 'open' && x.bookingKind === 'subscription' && (x.remaining === null || x.remaining > 0));
    const book = (i: number) => bff.request('POST', '/api/bookings', { token, body: { requestId: `cap-request-${i}xx`, patientId, departmentCode: 'NK01', scheduleId: open[i].scheduleId, slot: null, payClient: 'h5' } });
    for (let i = 0; i < 3; i++) expect((await book(i)).status).toBe(200);
    const lockCalls = () => bff.sims.his!.calls.filter((c) => c.method === 'insertSubscription').length;
    const before = lockCalls();
    const fourth = await book(3);
    expect(fourth.body.error.code).toBe('TOO_MANY_UNPAID');
    expect(lockCalls()).toBe(before);
    const rows = await bff.deps.store.db.selectFrom('orders').select('trade_no').where('client_request_id', '=', 'cap-request-3xx').execute();
    expect(rows).toHaveLength(0);
  });
});

describe('a HIS lock whose reply is lost', () => {
  it('goes to a person with the HIS keys we know; the patient is told no money was taken; it is never offered for payment', async () => {
    const bff = await startTestBff({ name: 'lostlock', config: { ...FAST_ORDERS, his: { mode: 'sim', timeoutMs: 400 } } as never });
    try {
      const { token, patientId } = await patientOf(bff, 'lost-lock');
      const scheduleId = await openSchedule(bff, token);
      // HIS locks at 1 s; we stopped waiting at 0.4 s (the 8 s / 9 s case of production, scaled).
      bff.sims.his!.faults.inject('insertSubscription', { kind: 'delay', delayMs: 1_000 });
      const r = await bff.request('POST', '/api/bookings', { token, body: { requestId: 'lost-lock-0001', patientId, departmentCode: 'NK01', scheduleId, slot: null, payClient: 'h5' } });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('BOOKING_UNCERTAIN');
      const tradeNo = r.body.error.ref as string;
      const order = await bff.deps.orders.get(tradeNo);
      expect(order).toMatchObject({ state: 'attention', hisRef: null });
      expect(order!.attentionReason).toContain(`scheduleId=${scheduleId}`);
      expect(order!.attentionReason).toContain('patientCard=');
      // The same request again never locks a second time.
      const again = await bff.request('POST', '/api/bookings', { token, body: { requestId: 'lost-lock-0001', patientId, departmentCode: 'NK01', scheduleId, slot: null, payClient: 'h5' } });
      expect(again.body.order?.status ?? again.body.error).toBeTruthy();
      expect(locks(bff, scheduleId)).toBe(1);
      const detail = await bff.request('GET', `/api/orders/${tradeNo}`, { token });
      expect(detail.body.status).toMatchObject({ label: '预约未完成', canPay: false });
      expect(bff.sims.payment!.ledger.charges.has(tradeNo)).toBe(false);
      const admin = await bff.deps.orders.listByState(['attention']);
      expect(admin.map((o) => o.tradeNo)).toContain(tradeNo);
    } finally {
      await bff.close();
    }
  });
});

describe('payments found without a notice, refunds that are slow, closing that asks first', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'moneycore', config: FAST_ORDERS as never });
  });
  afterAll(() => bff.close());
  const pay = () => bff.sims.payment!;
  const his = () => bff.sims.his!;

  it('paying again an order paid without a notice: the platform answers 033001, the order is confirmed and posted', async () => {
    const o = await bookOne(bff);
    pay().faults.next('notify:drop');
    await pay().pay(o.tradeNo);
    const again = await bff.request('POST', `/api/orders/${o.tradeNo}/pay`, { token: o.token, body: { payClient: 'h5' } });
    expect(again.status).toBe(200);
    expect(again.body.payParams).toBeNull();
    expect(['paid', 'posting', 'posted']).toContain(again.body.order.status.state);
    await waitForState(bff, o.tradeNo, ['posted']);
    expect(his().ledger.bookedCount(o.tradeNo)).toBe(1);
    expect(pay().ledger.charges.get(o.tradeNo)!.state).toBe('paid');
    expect((await bff.deps.orders.get(o.tradeNo))!.traceNo).toBe(pay().ledger.charges.get(o.tradeNo)!.traceNo);
  });

  it('expiry of an order the platform has paid: confirmed and posted, its HIS place kept, nothing closed', async () => {
    const o = await bookOne(bff);
    pay().faults.next('notify:drop');
    pay().faults.next('hang', 3, 'hop.trade.query'); // polling cannot see it yet
    await pay().pay(o.tradeNo);
    const { closeUnpaid } = await import('../../bff/src/workflows/orders/expire-order.job');
    pay().faults.clear();
    expect(await closeUnpaid(bff.deps, o.tradeNo, 'system', 'not paid in time')).toBe('paid');
    await waitForState(bff, o.tradeNo, ['posted']);
    const hisRef = (await bff.deps.orders.get(o.tradeNo))!.hisRef;
    expect(his().calls.some((c) => c.method === 'cancelSubscription' && c.fields.subscriptionId === hisRef)).toBe(false);
    expect(pay().ledger.charges.get(o.tradeNo)!.state).toBe('paid');
    expect(his().ledger.bookedCount(o.tradeNo)).toBe(1);
  });

  it('while the platform cannot say whether an unpaid order was paid, the patient is never offered "pay"', async () => {
    const o = await bookOne(bff);
    pay().faults.next('respCode:999999', 1, 'hop.trade.query');
    const synced = await bff.request('POST', `/api/orders/${o.tradeNo}/sync`, { token: o.token });
    expect(synced.body.status).toMatchObject({ label: '已支付，正在确认', canPay: false, canCancel: false });
    const payAgain = await bff.request('POST', `/api/orders/${o.tradeNo}/pay`, { token: o.token, body: { payClient: 'h5' } });
    expect(payAgain.body.payParams).toBeNull();
  });

  it.each(['040040', '999999'])('refund answering %s twice, then success: asked about before resending; one refund number, one refund', async (code) => {
    const o = await bookOne(bff);
    his().faults.inject('subscriptionPay', { kind: 'error-refund' });
    pay().faults.next(`respCode:${code}`, 2, 'hop.trade.refund');
    await pay().pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['refunded']);
    const refunds = await bff.deps.refunds.forOrder(o.tradeNo);
    expect(refunds).toHaveLength(1);
    expect(pay().ledger.refundsOf(o.tradeNo).map((r) => r.outRefundNo)).toEqual([refunds[0]!.outRefundNo]);
    expect(pay().ledger.refundedFen(o.tradeNo)).toBe(o.amountFen);
    expect(pay().received.filter((r) => r.transType === 'hop.trade.query' && r.param.tradeType === 'hop.trade.refund' && r.param.outTradeNo === refunds[0]!.outRefundNo).length).toBeGreaterThanOrEqual(1);
    expect(his().ledger.bookedCount(o.tradeNo)).toBe(0);
  });

  it('a refund that cannot finish in the configured time goes to a person; the patient sees 退款处理中 with the refund number; it still completes', async () => {
    const slow = await startTestBff({ name: 'slowrefund', config: { ...FAST_ORDERS, orders: { ...FAST_ORDERS.orders, refundAttentionMinutes: 0.01 } } as never });
    try {
    const [bff, pay, his] = [slow, () => slow.sims.payment!, () => slow.sims.his!];
    const o = await bookOne(bff);
    his().faults.inject('subscriptionPay', { kind: 'error-refund' });
    pay().faults.next('respCode:040038', 1000, 'hop.trade.refund');
    await pay().pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['attention'], 15_000);
    const [refund] = await bff.deps.refunds.forOrder(o.tradeNo);
    const detail = await bff.request('GET', `/api/orders/${o.tradeNo}`, { token: o.token });
    expect(detail.body.status.label).toBe('退款处理中');
    expect(detail.body.status.detail).toContain(refund!.outRefundNo);
    expect((await bff.deps.orders.get(o.tradeNo))!.attentionReason).toMatch(/not settled after/);
    pay().faults.clear();
    await waitForState(bff, o.tradeNo, ['refunded'], 15_000);
    expect(pay().ledger.refundedFen(o.tradeNo)).toBe(o.amountFen);
    expect(pay().ledger.refundsOf(o.tradeNo)).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });

  it('every request to the platform carried each not-nullable field of its table, never blank', async () => {
    const { REQUIRED_FIELDS } = await import('../../bff/src/adapters/payment/sim/sim-required');
    const seen = new Set(pay().received.map((r) => r.transType));
    for (const t of ['hop.trade.recharge', 'hop.trade.query', 'hop.trade.refund']) expect(seen.has(t)).toBe(true);
    for (const r of pay().received) {
      for (const f of REQUIRED_FIELDS[r.transType] ?? []) expect([r.transType, f, String(r.param[f] ?? '').trim() !== '']).toEqual([r.transType, f, true]);
    }
  });
});

describe('what the patient sees around the money', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'clarity', config: FAST_ORDERS as never });
  });
  afterAll(() => bff.close());

  it('confirming locks the place and shows the exact amount HIS locked, with the deadline and a plain note when it differs from the listed fee; nothing is charged yet', async () => {
    const { token, patientId } = await patientOf(bff, 'clarity-price');
    const list = await bff.request('GET', '/api/catalogue/schedules?departmentCode=NK01', { token });
    const s = list.body.schedules.find((x: { doctorCode: string | null; period: string | null; status: string; bookingKind: string }) => x.doctorCode === 'D011A' && x.period === '下午' && x.status === 'open' && x.bookingKind === 'subscription');
    const r = await bff.request('POST', '/api/bookings', { token, body: { requestId: 'clarity-price-01', patientId, departmentCode: 'NK01', scheduleId: s.scheduleId, slot: null, payClient: 'h5', pay: false } });
    expect(r.status).toBe(200);
    expect(r.body.payParams).toBeNull();
    expect(r.body.order).toMatchObject({ amountFen: 4000, booking: { listedFeeFen: 5000 }, status: { label: '待支付', canPay: true } });
    expect(r.body.order.priceNote).toContain('¥40.00');
    expect(r.body.order.priceNote).toContain('¥50.00');
    expect(bff.sims.payment!.ledger.charges.has(r.body.order.tradeNo)).toBe(false);
    const paid = await bff.request('POST', `/api/orders/${r.body.order.tradeNo}/pay`, { token, body: { payClient: 'h5' } });
    expect(paid.body.payParams).toMatchObject({ kind: 'h5' });
    expect(bff.sims.payment!.ledger.charge(r.body.order.tradeNo)!.amountFen).toBe(4000);
  });

  it('a second booking of the same patient and session is refused with a link to the first', async () => {
    const o = await bookOne(bff, { user: 'clarity-dup' });
    const patients = await bff.request('GET', '/api/patients', { token: o.token });
    const again = await bff.request('POST', '/api/bookings', { token: o.token, body: { requestId: 'clarity-dup-02', patientId: patients.body.patients[0].id, departmentCode: 'NK01', scheduleId: o.scheduleId, slot: null, payClient: 'h5' } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'DUPLICATE_BOOKING', ref: o.tradeNo });
  });

  it('an order past its deadline shows 已超时关闭 at once, before the expiry job has run; it offers 重新预约, not 支付', async () => {
    const o = await bookOne(bff);
    await bff.deps.store.db.updateTable('orders').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('trade_no', '=', o.tradeNo).execute();
    const detail = await bff.request('GET', `/api/orders/${o.tradeNo}`, { token: o.token });
    expect(detail.body.status).toMatchObject({ state: 'paying', label: '已超时关闭', canPay: false, canCancel: false, canRebook: true });
  });

  it('an automatic refund says why in plain words and offers 重新预约', async () => {
    const o = await bookOne(bff);
    bff.sims.his!.faults.inject('subscriptionPay', { kind: 'error-refund' });
    await bff.sims.payment!.pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['refunded']);
    const detail = await bff.request('GET', `/api/orders/${o.tradeNo}`, { token: o.token });
    expect(detail.body.status).toMatchObject({ label: '已退款', canRebook: true, canCancel: false });
    expect(detail.body.status.detail).toContain('医院未能确认本次预约，已全额退款');
  });
});
