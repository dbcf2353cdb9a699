import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { books, depositPatient, FAST_DEPOSIT, settledRefund, ZHANG } from '../../../../test/support/deposit-flow';

/**
 * The deposit refund saga end to end (BFF over HTTP, both simulators), each case checked in both
 * books: HIS's freezes, confirmations and roll backs; the platform's refunds and account balance.
 */
describe('deposit refund saga', () => {
  let bff: TestBff;
  let token: string;
  let patientId: string;
  let n = 0;
  beforeEach(async () => {
    n += 1;
    bff = await startTestBff({ name: `deposit${n}`, config: FAST_DEPOSIT as never });
    ({ token, patientId } = await depositPatient(bff, `dep-${n}`));
  });
  afterEach(() => bff.close());

  const refund = (amountFen: number, requestId = `refund-${n}-${amountFen}`) =>
    bff.request('POST', `/api/patients/${patientId}/deposit/refunds`, { token, body: { requestId, amountFen } });

  it('shows the platform balance and HIS records; cash is not refundable online; the total never exceeds the balance', async () => {
    const r = await bff.request('GET', `/api/patients/${patientId}/deposit`, { token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'normal', balanceFen: ZHANG.balanceFen, refundableFen: ZHANG.balanceFen, blockedReason: null });
    const cash = r.body.records.find((x: any) => x.recordId === 'CZ2024000103');
    expect(cash).toMatchObject({ refundableFen: 0, channelLabel: '窗口或其他方式' });
    expect(cash.note).toContain('窗口');
    expect(r.body.records.map((x: any) => x.recordId)).toEqual(['CZ2024000105', 'CZ2024000103', 'CZ2024000102', 'CZ2024000101', 'CZ2024000104']);
    const over = await refund(ZHANG.balanceFen + 1);
    expect(over.status).toBe(409);
    expect(over.body.error.message).toContain('320.00');
    expect(books(bff).his.totals().freezes).toBe(0);
  });

  it('an amount spanning three records: newest first, each confirmed once in HIS and refunded once by the platform', async () => {
    const plan = await bff.request('GET', `/api/patients/${patientId}/deposit/refund-plan?amountFen=28000`, { token });
    expect(plan.body.parts).toEqual([
      expect.objectContaining({ recordId: 'CZ2024000105', amountFen: 8000 }),
      expect.objectContaining({ recordId: 'CZ2024000102', amountFen: 10000 }),
      expect.objectContaining({ recordId: 'CZ2024000101', amountFen: 10000 }),
    ]);
    const started = await refund(28000);
    expect(started.status).toBe(200);
    const done = await settledRefund(bff, token, patientId, started.body.refundId);
    expect(done).toMatchObject({ state: 'done', refundedFen: 28000, label: '退款完成' });
    expect(done.parts.map((p: any) => p.state)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    const b = books(bff);
    expect(b.his.openFreezes()).toEqual([]);
    expect(b.his.totals()).toMatchObject({ freezes: 3, confirmations: 3, rollbacks: 0, confirmedFen: 28000 });
    expect(b.platformRefunds().map((r) => r.amountFen).sort((x, y) => x - y)).toEqual([8000, 10000, 10000]);
    expect(b.his.refundedFen(ZHANG.cardNo, 'CZ2024000101')).toBe(15000);
    expect(b.his.overRefunded()).toEqual([]);
    expect(b.hisBalance()).toBe(ZHANG.balanceFen - 28000);
    expect(b.platformBalance()).toBe(ZHANG.balanceFen - 28000);
  });

  it('the platform refuses the refund: HIS rolls the freeze back, nothing refunded, the balance is whole again', async () => {
    bff.sims.payment!.faults.next('respCode:034009', 1, 'hop.trade.refund');
    const started = await refund(5000);
    const done = await settledRefund(bff, token, patientId, started.body.refundId);
    expect(done).toMatchObject({ state: 'done', refundedFen: 0, label: '未退款' });
    expect(done.parts).toEqual([expect.objectContaining({ recordId: 'CZ2024000105', state: 'rolled_back', label: '未退款' })]);
    const b = books(bff);
    expect(b.his.totals()).toMatchObject({ freezes: 1, confirmations: 0, rollbacks: 1 });
    expect(b.his.openFreezes()).toEqual([]);
    expect(b.platformRefunds()).toEqual([]);
    expect(b.hisBalance()).toBe(ZHANG.balanceFen);
    expect(b.platformBalance()).toBe(ZHANG.balanceFen);
  });

  it.each([
    ['999999 after the platform refunded', 'respCodeAfter:999999'],
    ['040040 before it did anything', 'respCode:040040'],
  ] as const)('an unknown refund answer (%s) is asked again, never guessed: refunded and confirmed once', async (_, fault) => {
    bff.sims.payment!.faults.next(fault, 1, 'hop.trade.refund');
    const started = await refund(3000);
    const done = await settledRefund(bff, token, patientId, started.body.refundId);
    expect(done).toMatchObject({ state: 'done', refundedFen: 3000 });
    const [part] = await bff.deps.depositRefunds.parts(started.body.refundId);
    const b = books(bff);
    expect(b.platformRefunds(part!.refundId)).toHaveLength(1);
    expect(b.his.confirmations(part!.refundId)).toBe(1);
    expect(b.his.rollbacks(part!.refundId)).toBe(0);
    expect(b.platformBalance()).toBe(ZHANG.balanceFen - 3000);
    expect(b.hisBalance()).toBe(ZHANG.balanceFen - 3000);
  });

  it('HIS commits the confirm and the answer never comes: asked again with the same TransNo, confirmed once', async () => {
    bff.sims.hisDeposit!.faults.inject('OPDRechargeCancellationFee', { kind: 'commit-then-hang', times: 1 });
    const started = await refund(2000);
    const done = await settledRefund(bff, token, patientId, started.body.refundId);
    expect(done).toMatchObject({ state: 'done', refundedFen: 2000 });
    const [part] = await bff.deps.depositRefunds.parts(started.body.refundId);
    const b = books(bff);
    const settles = bff.sims.hisDeposit!.calls.filter((c) => c.method === 'OPDRechargeCancellationFee' && c.data.TransNo === part!.refundId);
    expect(settles.length).toBeGreaterThanOrEqual(2);
    expect(new Set(settles.map((c) => `${c.data.Status}|${c.data.Price}|${c.data.TransTime}`)).size).toBe(1);
    expect(b.his.confirmations(part!.refundId)).toBe(1);
    expect(b.platformRefunds(part!.refundId)).toHaveLength(1);
    expect(b.his.openFreezes()).toEqual([]);
  });

  it('HIS commits the freeze and drops the connection: the same TransNo again finds it frozen; one freeze, one confirm', async () => {
    bff.sims.hisDeposit!.faults.inject('OPDRechargeFreeze', { kind: 'commit-then-drop', times: 1 });
    const started = await refund(1500);
    const done = await settledRefund(bff, token, patientId, started.body.refundId);
    expect(done).toMatchObject({ state: 'done', refundedFen: 1500 });
    const [part] = await bff.deps.depositRefunds.parts(started.body.refundId);
    const b = books(bff);
    expect(b.his.freeze(part!.refundId)).toMatchObject({ status: 'confirmed', commits: { freeze: 1, confirm: 1, rollback: 0 } });
    expect(b.platformRefunds(part!.refundId)).toHaveLength(1);
  });

  it('a record HIS will not refund is skipped: no platform refund, nothing frozen, the next refund may start', async () => {
    bff.sims.hisDeposit!.faults.inject('OPDRechargeFreeze', { kind: 'error', code: -4, message: '该笔预交金不允许退费', times: 1 });
    const started = await refund(1000);
    const done = await settledRefund(bff, token, patientId, started.body.refundId);
    expect(done.parts).toEqual([expect.objectContaining({ state: 'skipped', label: '未退款' })]);
    expect(books(bff).platformRefunds()).toEqual([]);
    expect(books(bff).his.openFreezes()).toEqual([]);
    expect((await refund(1000, 'refund-after-skip')).status).toBe(200);
  });

  it('a second refund while one runs is refused with its state; the first goes on', async () => {
    bff.sims.hisDeposit!.faults.inject('OPDRechargeFreeze', { kind: 'delay', delayMs: 300, times: 1 });
    const first = await refund(1000);
    const second = await refund(2000, 'refund-second');
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'CONFLICT', ref: first.body.refundId });
    expect((await refund(1000)).body.refundId).toBe(first.body.refundId); // the same request again is the same refund
    await settledRefund(bff, token, patientId, first.body.refundId);
    expect(books(bff).his.totals().freezes).toBe(1);
  });

  it('a frozen account blocks top-up and refund, and says why', async () => {
    bff.sims.payment!.ledger.account(ZHANG.cardNo, '01')!.status = '03';
    const view = await bff.request('GET', `/api/patients/${patientId}/deposit`, { token });
    expect(view.body).toMatchObject({ status: 'frozen', refundableFen: 0 });
    expect(view.body.blockedReason).toContain('冻结');
    expect((await refund(1000)).body.error.code).toBe('CARD_INVALID');
    const top = await bff.request('POST', `/api/patients/${patientId}/deposit/top-ups`, { token, body: { requestId: 'topup-frozen-1', amountFen: 10000, payClient: 'h5' } });
    expect(top.body.error.code).toBe('CARD_INVALID');
    expect(bff.sims.payment!.ledger.charges.size).toBe([...bff.sims.payment!.ledger.charges.values()].filter((c) => c.outChargeNo.startsWith('CZ')).length);
  });

  it('a top-up is credited by the platform, listed by HIS, and the new balance is read again', async () => {
    const top = await bff.request('POST', `/api/patients/${patientId}/deposit/top-ups`, { token, body: { requestId: 'topup-ok-1', amountFen: 10000, payClient: 'h5' } });
    expect(top.status).toBe(200);
    const tradeNo = top.body.order.tradeNo;
    expect(bff.sims.payment!.received.find((r) => r.transType === 'hop.trade.recharge')!.param).toMatchObject({ accountType: '01', feeType: '预交金', amount: '100.00' });
    await bff.sims.payment!.pay(tradeNo);
    const until = Date.now() + 10_000;
    while ((await bff.deps.orders.get(tradeNo))!.state !== 'posted' && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect((await bff.deps.orders.get(tradeNo))!.state).toBe('posted');
    const view = await bff.request('GET', `/api/patients/${patientId}/deposit`, { token });
    expect(view.body.balanceFen).toBe(ZHANG.balanceFen + 10000);
    expect(view.body.records[0]).toMatchObject({ recordId: tradeNo, paidFen: 10000, refundableFen: 10000 });
    expect(books(bff).hisBalance()).toBe(ZHANG.balanceFen + 10000);
  });
});

describe('deposit refund saga: a step unknown past its time', () => {
  let bff: TestBff;
  afterAll(() => bff.close());

  it('is shown to a person (the patient is told staff are on it) and still asked, then completes once HIS answers', async () => {
    bff = await startTestBff({ name: 'deposit-overdue', config: { ...FAST_DEPOSIT, deposit: { stepRetrySeconds: 0.05, stepAttentionMinutes: 0.005 } } as never });
    const { token, patientId } = await depositPatient(bff, 'dep-overdue');
    bff.sims.hisDeposit!.faults.inject('OPDRechargeCancellationFee', { kind: 'http500', times: 6 });
    const started = await bff.request('POST', `/api/patients/${patientId}/deposit/refunds`, { token, body: { requestId: 'refund-overdue-1', amountFen: 1000 } });
    const seen = { overdue: false };
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      const r = await bff.request('GET', `/api/patients/${patientId}/deposit/refunds/${started.body.refundId}`, { token });
      if (r.body.state === 'running' && r.body.parts[0].detail?.includes('工作人员已介入')) seen.overdue = true;
      if (r.body.state !== 'running') break;
      await new Promise((res) => setTimeout(res, 30));
    }
    expect(seen.overdue).toBe(true);
    const [part] = await bff.deps.depositRefunds.parts(started.body.refundId);
    expect(part).toMatchObject({ step: 'confirmed' });
    expect(books(bff).his.confirmations(part!.refundId)).toBe(1);
    expect(books(bff).platformRefunds(part!.refundId)).toHaveLength(1);
  });
});
