import { hisOutpatientSeed as rxSeed, hisSeed as seed, hisSimPayAtWindow, hisSimPrescribe } from '../../bff/src/adapters/his';
import { startTestBff, type TestBff } from '../support/bff';
import { FAST_ORDERS, orderState, waitForState } from '../support/booking-flow';
import { DIALECTS } from '../support/stores';

/**
 * Outpatient fees and the one-card through the API, each case checked in both simulators' books:
 * the platform's charges and refunds, HIS's prescriptions and payment ledger.
 */
describe.each(DIALECTS)('outpatient fees and one-card recharge (%s)', (dialect) => {
  let bff: TestBff;
  let n = 0;
  beforeAll(async () => {
    bff = await startTestBff({ name: `fees-${dialect}`, dialect, config: FAST_ORDERS as never });
  });
  afterAll(() => bff.close());
  afterEach(() => {
    bff.sims.his!.faults.clear();
  });
  const his = () => bff.sims.his!;
  const pay = () => bff.sims.payment!;

  /** A fresh account with 张三 bound. */
  async function zhang(): Promise<{ token: string; patientId: string }> {
    n += 1;
    const token = await bff.login(`fees-${n}`);
    const z = seed.outpatient;
    const r = await bff.bind(token, z);
    return { token, patientId: r.body.id };
  }
  /** New unpaid prescriptions on 张三's visit of today (the seed's are used by the listing test). */
  function prescribe(count: number): { visitKey: string; nos: string[]; fen: number[] } {
    const state = his().state;
    const visit = state.outpatient.visits.find((v) => v.clinicNo === rxSeed.zhang.todayClinicNo)!;
    const rx = Array.from({ length: count }, (_, i) =>
      hisSimPrescribe(state.outpatient, visit, { feeType: '西药费', lines: [[`药品${n}-${i}`, `${10 + i}.50`, '2', '口服，每日一次', '每次1片']], windowNo: `${i + 2}号窗口`, inspectPlace: i === 0 ? undefined : '门诊楼二楼B超室' }),
    );
    return { visitKey: visit.hisRegisterId, nos: rx.map((r) => r.prescriptionNo), fen: rx.map((_, i) => (10 + i) * 200 + 100) };
  }
  const order = (token: string, body: Record<string, unknown>) =>
    bff.request('POST', '/api/outpatient/orders', { token, body: { requestId: `rq-${Math.random().toString(36).slice(2, 12)}`, payClient: 'h5', ...body } });
  const rowsOf = async (patientId: string) => bff.deps.store.db.selectFrom('orders').select(['trade_no', 'state']).where('patient_id', '=', patientId).where('kind', '=', 'hisSrc').execute();

  it('lists visits and the unpaid prescriptions grouped by visit, with item lines, usage and dosage', async () => {
    const { token, patientId } = await zhang();
    const r = await bff.request('GET', `/api/outpatient/fees?patientId=${patientId}`, { token });
    expect(r.status).toBe(200);
    const today = r.body.unpaid.find((v: { clinicNo: string }) => v.clinicNo === rxSeed.zhang.todayClinicNo);
    expect(today.visitKey).toBe(rxSeed.zhang.todayHisRegisterId);
    expect(today.prescriptions.slice(0, 3).map((p: { amountFen: number }) => p.amountFen)).toEqual(rxSeed.zhang.todayFen);
    const drugs = today.prescriptions.find((p: { feeType: string }) => p.feeType === '西药费');
    expect(drugs.items[0]).toMatchObject({ name: '阿司匹林肠溶片', unitPrice: '15.80', count: 2, amountFen: 3160, usage: '口服，每日一次', dosage: '每次100mg' });
    expect(today.departmentName).toBe('心血管内科');
    const yesterday = r.body.unpaid.find((v: { clinicNo: string }) => v.clinicNo === rxSeed.zhang.yesterdayClinicNo);
    expect(yesterday.totalFen).toBe(rxSeed.zhang.yesterdayFen[0]);
    expect(r.body.visits.length).toBeGreaterThan(0);
  });

  it('pays two of three prescriptions in one order: the exact sum charged, posted once, where to go next shown and notified', async () => {
    const { token, patientId } = await zhang();
    const rx = prescribe(3);
    const r = await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos.slice(0, 2), amountFen: 1 });
    expect(r.status).toBe(200);
    const tradeNo = r.body.order.tradeNo;
    expect(r.body.order.amountFen).toBe(rx.fen[0]! + rx.fen[1]!);
    expect(pay().ledger.charge(tradeNo)!.amountFen).toBe(rx.fen[0]! + rx.fen[1]!);
    await pay().pay(tradeNo);
    await waitForState(bff, tradeNo, ['posted']);
    expect(his().ledger.bookedCount(tradeNo)).toBe(1);
    const sent = his().calls.find((c) => c.method === 'outpatientPay' && c.fields.tradeNo === tradeNo)!;
    expect(sent.fields.prescriptionNo).toBe(rx.nos.slice(0, 2).join(','));
    const detail = (await bff.request('GET', `/api/orders/${tradeNo}`, { token })).body;
    expect(detail.status.label).toBe('缴费成功');
    expect(detail.fees.windowNo).toContain('2号窗口');
    expect(detail.fees.whereNext).toMatch(/请到药房 2号窗口、3号窗口 取药/);
    expect(detail.fees.prescriptions.map((p: { prescriptionNo: string }) => p.prescriptionNo)).toEqual(rx.nos.slice(0, 2));
    const list = (await bff.request('GET', `/api/outpatient/fees?patientId=${patientId}`, { token })).body;
    const left = list.unpaid.flatMap((v: { prescriptions: { prescriptionNo: string }[] }) => v.prescriptions.map((p) => p.prescriptionNo));
    expect(left).toContain(rx.nos[2]);
    expect(left).not.toContain(rx.nos[0]);
    const notices = (await bff.request('GET', '/api/notices', { token })).body.notices as { kind: string; body: string }[];
    expect(notices.find((x) => x.kind === 'order_posted')!.body).toMatch(/2号窗口/);
  });

  it('a prescription paid at the window between list and order: refused with the fresh list to read, no order, no charge', async () => {
    const { token, patientId } = await zhang();
    const rx = prescribe(2);
    hisSimPayAtWindow(his().state, rx.nos[0]!);
    const r = await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('PRESCRIPTIONS_CHANGED');
    expect(await rowsOf(patientId)).toHaveLength(0);
  });

  it('paying from the one-card is not offered where the hospital has not enabled it, and the API refuses it, leaving no order', async () => {
    const { token, patientId } = await zhang();
    const rx = prescribe(1);
    const list = (await bff.request('GET', `/api/outpatient/fees?patientId=${patientId}`, { token })).body;
    expect(list.eCardPay).toBeNull();
    const r = await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos, payWith: 'eCard' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('ECARD_PAY_DISABLED');
    expect(await rowsOf(patientId)).toHaveLength(0);
    expect(his().calls.filter((c) => c.method === 'outpatientPay' && c.fields.payType === 'eCardPay')).toHaveLength(0);
  });

  it('paid at the window after the order was made but before the charge: the order closes, nothing charged', async () => {
    const { token, patientId } = await zhang();
    const rx = prescribe(1);
    const made = await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos, pay: false });
    expect(made.status).toBe(200);
    const tradeNo = made.body.order.tradeNo;
    hisSimPayAtWindow(his().state, rx.nos[0]!);
    const r = await bff.request('POST', `/api/orders/${tradeNo}/pay`, { token, body: { payClient: 'h5' } });
    expect(r.body.error.code).toBe('PRESCRIPTIONS_CHANGED');
    expect(await orderState(bff, tradeNo)).toBe('closed');
    expect(pay().ledger.charge(tradeNo)).toBeUndefined();
  });

  it('paid at the window after the patient paid us: HIS refuses, the list no longer has it, refunded at once', async () => {
    const { token, patientId } = await zhang();
    const rx = prescribe(1);
    const tradeNo = (await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos })).body.order.tradeNo;
    hisSimPayAtWindow(his().state, rx.nos[0]!);
    await pay().pay(tradeNo);
    await waitForState(bff, tradeNo, ['refunded']);
    expect(his().ledger.bookedCount(tradeNo)).toBe(0);
    expect(his().ledger.postAttempts(tradeNo)).toBe(1);
    expect(pay().ledger.refundedFen(tradeNo)).toBe(rx.fen[0]);
  });

  it('ten orders racing for one prescription: one order, the others pointed at it; it is free again once that one closes', async () => {
    const { token, patientId } = await zhang();
    const rx = prescribe(1);
    const replies = await Promise.all(Array.from({ length: 10 }, () => order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos, pay: false })));
    const ok = replies.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    const first = ok[0]!.body.order.tradeNo;
    for (const r of replies.filter((x) => x.status !== 200)) expect(r.body.error.code).toBe('PRESCRIPTION_IN_ORDER');
    expect(await rowsOf(patientId)).toHaveLength(1);
    const claims = await bff.deps.store.db.selectFrom('order_claims').selectAll().where('claim', '=', `hisSrc:${rx.nos[0]}`).execute();
    expect(claims.map((c) => c.trade_no)).toEqual([first]);
    const listed = (await bff.request('GET', `/api/outpatient/fees?patientId=${patientId}`, { token })).body;
    const p = listed.unpaid.flatMap((v: { prescriptions: { prescriptionNo: string; inOrder: string | null }[] }) => v.prescriptions).find((x: { prescriptionNo: string }) => x.prescriptionNo === rx.nos[0]);
    expect(p.inOrder).toBe(first);
    expect((await bff.request('POST', `/api/orders/${first}/cancel`, { token })).status).toBe(200);
    expect(await orderState(bff, first)).toBe('closed');
    const again = await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos, pay: false });
    expect(again.status).toBe(200);
    expect(again.body.order.tradeNo).not.toBe(first);
  });

  it('HIS answers error twice, then OK: posted on the third notice, booked once', async () => {
    const { token, patientId } = await zhang();
    const rx = prescribe(1);
    const tradeNo = (await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos })).body.order.tradeNo;
    his().faults.inject('outpatientPay', { kind: 'error', times: 2, message: '系统繁忙' });
    await pay().pay(tradeNo);
    await waitForState(bff, tradeNo, ['posted']);
    expect(his().ledger.postAttempts(tradeNo)).toBe(3);
    expect(his().ledger.bookedCount(tradeNo)).toBe(1);
    expect(pay().ledger.refundedFen(tradeNo)).toBe(0);
  });

  it('HIS books the payment then hangs: queryOrderStatus finds it, with the window, no second booking', async () => {
    const { token, patientId } = await zhang();
    const rx = prescribe(1);
    const tradeNo = (await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos })).body.order.tradeNo;
    his().faults.inject('outpatientPay', { kind: 'commit-then-hang' });
    await pay().pay(tradeNo);
    await waitForState(bff, tradeNo, ['posted']);
    expect(his().ledger.bookedCount(tradeNo)).toBe(1);
    expect((await bff.deps.orders.get(tradeNo))!.receipt!.windowNo).toBe('2号窗口');
  });

  it('queryOrderStatus answers ERROR while the prescriptions are still unpaid: no refund, rounds go on, posted once HIS recovers', async () => {
    const { token, patientId } = await zhang();
    const rx = prescribe(1);
    const tradeNo = (await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos })).body.order.tradeNo;
    his().faults.inject('outpatientPay', { kind: 'error', times: 1000, message: '系统维护中' });
    his().faults.inject('queryOrderStatus', { kind: 'error', times: 1000, message: '未找到订单' });
    await pay().pay(tradeNo);
    const deadline = Date.now() + 10_000;
    while ((await bff.deps.orders.get(tradeNo))!.postRound < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect((await bff.deps.orders.get(tradeNo))!.postRound).toBeGreaterThanOrEqual(2);
    expect(await orderState(bff, tradeNo)).toBe('posting');
    expect(pay().ledger.refundedFen(tradeNo)).toBe(0);
    his().faults.clear();
    await waitForState(bff, tradeNo, ['posted']);
    expect(his().ledger.bookedCount(tradeNo)).toBe(1);
  });

  it('shows the one-card balance; a lost card is explained', async () => {
    const { token, patientId } = await zhang();
    const r = await bff.request('GET', `/api/ecard?patientId=${patientId}`, { token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: 'active', message: null, minFen: 100 });
    expect(typeof r.body.balanceFen).toBe('number');
    expect(r.body.cardMasked).not.toContain(seed.outpatient.patientCard);
    const other = await bff.login('fees-lost');
    const lost = seed.lostCard;
    const card = his().state.patients.get(lost.patientCard)!;
    card.cardStatus = 'normal';
    const pid = (await bff.bind(other, lost)).body.id;
    card.cardStatus = 'lost';
    const l = await bff.request('GET', `/api/ecard?patientId=${pid}`, { token: other });
    expect(l.body).toMatchObject({ state: 'lost', balanceFen: null });
    expect(l.body.message).toMatch(/挂失/);
    const refused = await bff.request('POST', '/api/ecard/recharges', { token: other, body: { requestId: 'lost-recharge-1', patientId: pid, amountFen: 5000, payClient: 'h5' } });
    expect(refused.body.error.code).toBe('CARD_LOST');
  });

  it('refuses amounts outside the limits and past the daily limit, leaving no order', async () => {
    const { token, patientId } = await zhang();
    const tooSmall = await bff.request('POST', '/api/ecard/recharges', { token, body: { requestId: 'small-recharge-1', patientId, amountFen: 50, payClient: 'h5' } });
    expect(tooSmall.body.error.code).toBe('RECHARGE_AMOUNT_INVALID');
    const tooBig = await bff.request('POST', '/api/ecard/recharges', { token, body: { requestId: 'big-recharge-01', patientId, amountFen: 500_001, payClient: 'h5' } });
    expect(tooBig.body.error.code).toBe('RECHARGE_AMOUNT_INVALID');
    for (const i of [1, 2]) {
      const ok = await bff.request('POST', '/api/ecard/recharges', { token, body: { requestId: `daily-recharge-${i}`, patientId, amountFen: 500_000, payClient: 'h5', pay: false } });
      expect(ok.status).toBe(200);
    }
    const over = await bff.request('POST', '/api/ecard/recharges', { token, body: { requestId: 'daily-recharge-3', patientId, amountFen: 100, payClient: 'h5', pay: false } });
    expect(over.body.error.code).toBe('RECHARGE_DAILY_LIMIT');
    const rows = await bff.deps.store.db.selectFrom('orders').select('trade_no').where('patient_id', '=', patientId).where('kind', '=', 'eCardPay').execute();
    expect(rows).toHaveLength(2);
  });

  it('a recharge under 10 duplicate payment notices is posted once, signed, and the new balance is read again from HIS', async () => {
    const { token, patientId } = await zhang();
    const before = (await bff.request('GET', `/api/ecard?patientId=${patientId}`, { token })).body.balanceFen as number;
    const r = await bff.request('POST', '/api/ecard/recharges', { token, body: { requestId: `recharge-${n}-ok`, patientId, amountFen: 10_000, payClient: 'h5' } });
    expect(r.status).toBe(200);
    const tradeNo = r.body.order.tradeNo;
    pay().faults.next('notify:duplicate:10');
    await pay().pay(tradeNo);
    await waitForState(bff, tradeNo, ['posted']);
    await pay().notifier.idle();
    expect(his().ledger.postAttempts(tradeNo)).toBe(1);
    expect(his().ledger.bookedCount(tradeNo)).toBe(1);
    expect(his().calls.find((c) => c.method === 'rechargeECard' && c.fields.tradeNo === tradeNo)!.fields.sign).toMatch(/^[0-9A-Fa-f]{32}$/);
    const detail = (await bff.request('GET', `/api/orders/${tradeNo}`, { token })).body;
    expect(detail.status.label).toBe('充值成功');
    expect(detail.eCard.balanceFen).toBe(before + 10_000);
  });
});
