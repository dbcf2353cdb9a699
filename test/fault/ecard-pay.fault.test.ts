import { fenToYuan, yuanToFen } from '@hosp/shared';
import { hisOutpatientSeed as rxSeed, hisSeed as seed, hisSimPrescribe } from '../../bff/src/adapters/his';
import { confirmPayment } from '../../bff/src/workflows/orders/confirm-payment.workflow';
import { startRefund } from '../../bff/src/workflows/orders/refund';
import { dayAccount } from '../../bff/src/workflows/finance/check-account.workflow';
import { beijingDate } from '../../bff/src/domain/time';
import { startTestBff, type TestBff } from '../support/bff';
import { FAST_ORDERS, orderState, waitForState } from '../support/booking-flow';
import { DIALECTS } from '../support/stores';

/**
 * Outpatient fees paid from the one-card balance (payType eCardPay, on in this hospital's config),
 * and the one-card's daily recharge limit under concurrent orders. Each case is checked in both
 * simulators' books: HIS's ledger and the card's balance, the platform's charges and refunds.
 */
describe.each(DIALECTS)('one-card: paying fees from the balance, the daily limit under load (%s)', (dialect) => {
  let bff: TestBff;
  let n = 0;
  beforeAll(async () => {
    bff = await startTestBff({
      name: `ecard-pay-${dialect}`, dialect,
      config: { ...FAST_ORDERS, orders: { ...FAST_ORDERS.orders, maxUnpaidPerAccount: 20 }, ecard: { payFees: true } } as never,
    });
  });
  afterAll(() => bff.close());
  afterEach(() => bff.sims.his!.faults.clear());
  const his = () => bff.sims.his!;
  const pay = () => bff.sims.payment!;
  const card = () => his().state.patients.get(seed.outpatient.patientCard)!;
  const balanceFen = () => yuanToFen(card().eCardBalance);

  async function zhang(): Promise<{ token: string; patientId: string }> {
    n += 1;
    const token = await bff.login(`ecard-pay-${n}`);
    return { token, patientId: (await bff.bind(token, seed.outpatient)).body.id };
  }
  function prescribe(count: number): { visitKey: string; nos: string[]; fen: number[] } {
    const state = his().state;
    const visit = state.outpatient.visits.find((v) => v.clinicNo === rxSeed.zhang.todayClinicNo)!;
    const rx = Array.from({ length: count }, (_, i) =>
      hisSimPrescribe(state.outpatient, visit, { feeType: '西药费', lines: [[`卡付药品${n}-${i}`, `${10 + i}.50`, '2', '口服', '每次1片']], windowNo: `${i + 5}号窗口` }),
    );
    return { visitKey: visit.hisRegisterId, nos: rx.map((r) => r.prescriptionNo), fen: rx.map((_, i) => (10 + i) * 200 + 100) };
  }
  const order = (token: string, body: Record<string, unknown>) =>
    bff.request('POST', '/api/outpatient/orders', { token, body: { requestId: `cp-${Math.random().toString(36).slice(2, 12)}`, payClient: 'h5', ...body } });
  const pendingJobs = async (tradeNo: string) =>
    (await bff.deps.store.db.selectFrom('jobs').select('job_key').where('job_key', 'like', `%${tradeNo}%`).where('state', '=', 'pending').execute()).length;

  it('offers the card with its balance, and pays two prescriptions from it: HIS takes it once with payType eCardPay, no platform charge', async () => {
    const { token, patientId } = await zhang();
    card().eCardBalance = '500.00';
    const rx = prescribe(3);
    const list = (await bff.request('GET', `/api/outpatient/fees?patientId=${patientId}`, { token })).body;
    expect(list.eCardPay).toEqual({ balanceFen: 50_000, message: null });
    const r = await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos.slice(0, 2), payWith: 'eCard' });
    expect(r.status).toBe(200);
    expect(r.body.payParams).toBeNull();
    const tradeNo = r.body.order.tradeNo as string;
    const sum = rx.fen[0]! + rx.fen[1]!;
    expect(await orderState(bff, tradeNo)).toBe('posted');
    const sent = his().calls.filter((c) => c.method === 'outpatientPay' && c.fields.tradeNo === tradeNo);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.fields).toMatchObject({ payType: 'eCardPay', orderFee: fenToYuan(sum), prescriptionNo: rx.nos.slice(0, 2).join(',') });
    expect(his().ledger.bookedCount(tradeNo)).toBe(1);
    expect(balanceFen()).toBe(50_000 - sum);
    expect(pay().ledger.charge(tradeNo)).toBeUndefined();
    expect(pay().ledger.refundedFen(tradeNo)).toBe(0);
    expect(await pendingJobs(tradeNo)).toBe(0);
    const detail = (await bff.request('GET', `/api/orders/${tradeNo}`, { token })).body;
    expect(detail.status.label).toBe('缴费成功');
    expect(detail.fees.whereNext).toMatch(/5号窗口/);
    // The platform has nothing to do with it: no payment fact is booked for it, no refund starts for it.
    await expect(confirmPayment(bff.deps, { tradeNo, traceNo: 'T1', paidAt: new Date(), tradeMode: 'WX' }, 'platform')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(bff.deps.store.db.transaction().execute((tx) => startRefund(bff.deps, tx, tradeNo, { actor: 'operator', cause: 'operator', reason: 'test' }, new Date()))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await orderState(bff, tradeNo)).toBe('posted');
    expect(await bff.deps.refunds.forOrder(tradeNo)).toEqual([]);
    // Not a platform trade: checkAccount (what the platform took that day) leaves it out.
    const day = await dayAccount(bff.deps, beijingDate(bff.deps.now()));
    expect(day.ok && [...day.lines].map((l) => l.tradeNo)).not.toContain(tradeNo);
    // The same request again is the same order, not a second debit.
    const again = await bff.request('POST', `/api/orders/${tradeNo}/pay`, { token, body: { payClient: 'h5' } });
    expect(again.body.payParams ?? null).toBeNull();
    expect(his().ledger.bookedCount(tradeNo)).toBe(1);
    expect(balanceFen()).toBe(50_000 - sum);
  });

  it('a balance too small: HIS refuses, the patient is told, nothing taken, nothing held, nothing left to run', async () => {
    const { token, patientId } = await zhang();
    const rx = prescribe(1);
    card().eCardBalance = '1.00';
    const r = await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos, payWith: 'eCard' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('ECARD_PAY_REFUSED');
    expect(r.body.error.message).toMatch(/一卡通余额不足.*未扣款/);
    const rows = await bff.deps.store.db.selectFrom('orders').select(['trade_no', 'state']).where('patient_id', '=', patientId).execute();
    expect(rows.map((x) => x.state)).toEqual(['closed']);
    const tradeNo = rows[0]!.trade_no;
    expect(his().ledger.bookedCount(tradeNo)).toBe(0);
    expect(balanceFen()).toBe(100);
    expect(pay().ledger.charge(tradeNo)).toBeUndefined();
    expect(await pendingJobs(tradeNo)).toBe(0);
    expect(his().state.outpatient.prescriptions.get(rx.nos[0]!)!.status).not.toBe('paid');
    // The prescription is free again: paying it another way works.
    const other = await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos, pay: false });
    expect(other.status).toBe(200);
  });

  it('HIS takes it from the card and never answers: queryOrderStatus finds it, posted, taken once', async () => {
    const { token, patientId } = await zhang();
    card().eCardBalance = '300.00';
    const rx = prescribe(1);
    his().faults.inject('outpatientPay', { kind: 'commit-then-hang' });
    const r = await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos, payWith: 'eCard' });
    expect(r.status).toBe(200);
    const tradeNo = r.body.order.tradeNo as string;
    await waitForState(bff, tradeNo, ['posted']);
    expect(his().ledger.bookedCount(tradeNo)).toBe(1);
    expect(balanceFen()).toBe(30_000 - rx.fen[0]!);
    expect((await bff.deps.orders.get(tradeNo))!.receipt!.windowNo).toBe('5号窗口');
    expect(pay().ledger.charge(tradeNo)).toBeUndefined();
  });

  it('HIS does not answer at all at first: the order stays "being taken" (never closed, never offered to the platform) and is posted once HIS recovers', async () => {
    const { token, patientId } = await zhang();
    card().eCardBalance = '300.00';
    const rx = prescribe(1);
    his().faults.inject('outpatientPay', { kind: 'http500', times: 4 });
    const r = await order(token, { patientId, visitKey: rx.visitKey, prescriptionNos: rx.nos, payWith: 'eCard' });
    expect(r.status).toBe(200);
    const tradeNo = r.body.order.tradeNo as string;
    expect(r.body.order.status).toMatchObject({ state: 'paying', canPay: false, canCancel: false, label: '一卡通扣款确认中' });
    expect((await bff.request('POST', `/api/orders/${tradeNo}/cancel`, { token })).status).toBe(409);
    await waitForState(bff, tradeNo, ['posted'], 60_000);
    expect(his().ledger.bookedCount(tradeNo)).toBe(1);
    expect(balanceFen()).toBe(30_000 - rx.fen[0]!);
    expect(pay().ledger.charge(tradeNo)).toBeUndefined();
  }, 90_000);

  it('ten recharges at the same moment never pass the daily limit together: the losers are told and leave nothing', async () => {
    const { token, patientId } = await zhang();
    const limit = bff.deps.config.ecard.dailyLimitFen;
    const each = 300_000;
    const fits = Math.floor(limit / each);
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => bff.request('POST', '/api/ecard/recharges', { token, body: { requestId: `race-${n}-${i}-recharge`, patientId, amountFen: each, payClient: 'h5' } })),
    );
    const won = replies.filter((r) => r.status === 200);
    expect(won).toHaveLength(fits);
    for (const r of replies.filter((x) => x.status !== 200)) {
      expect(r.body.error.code).toBe('RECHARGE_DAILY_LIMIT');
      expect(r.body.error.message).toMatch(/每日充值上限/);
    }
    const rows = await bff.deps.store.db.selectFrom('orders').select(['trade_no', 'amount_fen']).where('patient_id', '=', patientId).where('kind', '=', 'eCardPay').execute();
    expect(rows.map((x) => x.trade_no).sort()).toEqual(won.map((r) => r.body.order.tradeNo as string).sort());
    expect(rows.reduce((s, x) => s + Number(x.amount_fen), 0)).toBeLessThanOrEqual(limit);
    // Paid ones count as well: pay one of the winners, and the limit still holds.
    const paid = won.find((r) => r.body.payParams)!.body.order.tradeNo as string;
    await pay().pay(paid);
    await waitForState(bff, paid, ['posted']);
    const over = await bff.request('POST', '/api/ecard/recharges', { token, body: { requestId: `race-${n}-late-recharge`, patientId, amountFen: limit - fits * each + 100, payClient: 'h5', pay: false } });
    expect(over.body.error.code).toBe('RECHARGE_DAILY_LIMIT');
    expect(await bff.deps.store.db.selectFrom('orders').select('trade_no').where('patient_id', '=', patientId).where('kind', '=', 'eCardPay').execute()).toHaveLength(fits);
  });
});
