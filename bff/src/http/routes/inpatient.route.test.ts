import { hisInpatientSeed as inp } from '../../adapters/his';
import { addDays, beijingDate } from '../../domain/time';
import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { FAST_ORDERS, waitForState } from '../../../../test/support/booking-flow';
import { bindChen } from '../../../../test/support/inpatient-flow';

const r = inp.recent;

/** Binds 陈晨 on a fresh account and links her stay. */
async function boundChen(bff: TestBff, user: string): Promise<{ token: string; patientId: string }> {
  const token = await bff.login(user);
  return { token, patientId: (await bindChen(bff, token)).patientId };
}

let seq = 0;
const requestId = () => `inp-req-${process.pid}-${++seq}-${Date.now()}`;

describe('inpatient API: the stay, the daily bill, prepay and family top-up', () => {
  let bff: TestBff;
  let me: { token: string; patientId: string };
  beforeAll(async () => {
    bff = await startTestBff({ name: 'inpatient', config: { ...FAST_ORDERS, inpatient: { familyLookupsPerHour: 5 } } as never });
    me = await boundChen(bff, 'chen-self');
  });
  afterAll(() => bff.close());
  afterEach(() => bff.sims.his!.faults.clear());
  const his = () => bff.sims.his!;
  const stay = async (token = me.token, id = me.patientId) => (await bff.request('GET', `/api/patients/${id}/stay`, { token })).body;

  it('shows the stay home: ward, department, doctor, admission, days and the deposit with the arrears banner below the threshold', async () => {
    const s = await stay();
    const today = beijingDate(bff.deps.now());
    expect(s).toMatchObject({ serialNumber: r.serialNumber, inHospital: true, leftOn: null, admittedOn: addDays(today, -3), days: 3, ward: '住院部5楼', canPrepay: true });
    expect(s.departmentName).toBeTruthy();
    expect(s.doctorName).toBeTruthy();
    expect(s.deposit).toEqual({ paidFen: r.depositPaidFen, usedFen: r.depositUsedFen, remainingFen: r.depositRemainingFen, arrears: true, thresholdFen: 50_000 });
    expect(s.billDays[0]).toBe(today);
    expect(s.billDays.at(-1)).toBe(addDays(today, -3));
  });

  it('shows no banner when the remaining deposit is at or above the configured threshold', async () => {
    const cfg = bff.deps.config.inpatient;
    const before = cfg.arrearsThresholdFen;
    cfg.arrearsThresholdFen = r.depositRemainingFen;
    try {
      expect((await stay()).deposit.arrears).toBe(false);
    } finally {
      cfg.arrearsThresholdFen = before;
    }
  });

  it('still shows the stay when HIS cannot give the deposit just now, saying so (no banner from a missing figure)', async () => {
    his().faults.inject('getPatientExpense', { kind: 'http500', times: 1 });
    const res = await bff.request('GET', `/api/patients/${me.patientId}/stay`, { token: me.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ serialNumber: r.serialNumber, deposit: null, ward: '住院部5楼' });
  });

  it("reads yesterday's daily bill by default; a past day is read from HIS once, today's every time", async () => {
    const today = beijingDate(bff.deps.now());
    const calls = () => his().calls.filter((c) => c.method === 'getDayExpense').length;
    const before = calls();
    const a = await bff.request('GET', `/api/patients/${me.patientId}/stay/day-bill`, { token: me.token });
    expect(a.status).toBe(200);
    expect(a.body.date).toBe(addDays(today, -1));
    expect(a.body.lines.length).toBeGreaterThan(1);
    expect(a.body.totalFen).toBe(a.body.lines.reduce((s: number, l: { amountFen: number }) => s + l.amountFen, 0));
    expect(a.body.lines.find((l: { feeType: string }) => l.feeType.includes('床'))).toMatchObject({ count: 1, unitPriceFen: 6000, amountFen: 6000 });
    await bff.request('GET', `/api/patients/${me.patientId}/stay/day-bill?date=${addDays(today, -1)}`, { token: me.token });
    expect(calls() - before).toBe(1);
    await bff.request('GET', `/api/patients/${me.patientId}/stay/day-bill?date=${today}`, { token: me.token });
    await bff.request('GET', `/api/patients/${me.patientId}/stay/day-bill?date=${today}`, { token: me.token });
    expect(calls() - before).toBe(3);
  });

  it('refuses a day outside the stay and a malformed date, asking HIS nothing', async () => {
    const today = beijingDate(bff.deps.now());
    const calls = his().calls.length;
    expect((await bff.request('GET', `/api/patients/${me.patientId}/stay/day-bill?date=${addDays(today, -10)}`, { token: me.token })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await bff.request('GET', `/api/patients/${me.patientId}/stay/day-bill?date=2025-1-1`, { token: me.token })).status).toBe(400);
    expect(his().calls.slice(calls).filter((c) => c.method === 'getDayExpense')).toHaveLength(0);
  });

  it("another account cannot read the stay of a patient it has not bound", async () => {
    const other = await bff.login('chen-stranger');
    expect((await bff.request('GET', `/api/patients/${me.patientId}/stay`, { token: other })).status).toBe(404);
  });

  it('prepays on the inpatient number with prePayExpense (prepayaAmt); the deposit read again has grown', async () => {
    const opts = (await bff.request('GET', '/api/inpatient/prepay-options', { token: me.token })).body;
    expect(opts.presetAmountsFen.length).toBeGreaterThan(0);
    const before = (await stay()).deposit.remainingFen;
    const res = await bff.request('POST', '/api/inpatient/prepay', { token: me.token, body: { requestId: requestId(), patientId: me.patientId, amountFen: 100_000, payClient: 'h5' } });
    expect(res.status).toBe(200);
    expect(res.body.payParams.kind).toBe('h5');
    const tradeNo = res.body.order.tradeNo;
    const charge = bff.sims.payment!.received.find((x) => x.transType && JSON.stringify(x.param).includes(tradeNo));
    expect(JSON.stringify(charge?.param)).toContain(r.serialNumber);
    await bff.sims.payment!.pay(tradeNo);
    await waitForState(bff, tradeNo, ['posted']);
    const post = his().calls.find((c) => c.method === 'prePayExpense' && c.fields.tradeNo === tradeNo)!;
    expect(post.fields).toMatchObject({ realName: r.realName, patientCard: r.serialNumber, prepayaAmt: '1000.00' });
    expect((await stay()).deposit.remainingFen).toBe(before + 100_000);
    const history = (await bff.request('GET', `/api/patients/${me.patientId}/stay/prepays`, { token: me.token })).body.prepays;
    expect(history.find((p: { tradeNo: string }) => p.tradeNo === tradeNo)).toMatchObject({ amountFen: 100_000, byFamily: false, state: 'posted' });
  });

  it('refuses an amount outside min and max, leaving no order and no charge', async () => {
    const id = requestId();
    const res = await bff.request('POST', '/api/inpatient/prepay', { token: me.token, body: { requestId: id, patientId: me.patientId, amountFen: 1, payClient: 'h5' } });
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const rows = await bff.deps.store.db.selectFrom('orders').select('trade_no').where('client_request_id', '=', id).execute();
    expect(rows).toHaveLength(0);
  });

  it('family top-up: a wrong name is refused with nothing charged; the right pair shows only the masked name, department and ward', async () => {
    const relative = await bff.login('chen-relative');
    const orders = () => bff.deps.store.db.selectFrom('orders').select('trade_no').where('inpatient_no', '=', r.serialNumber).execute();
    const countBefore = (await orders()).length;
    const stayReads = () => his().calls.filter((c) => c.method === 'queryInHospitalPatient').length;
    const readsBefore = stayReads();
    const chargesBefore = bff.sims.payment!.ledger.charges.size;
    const wrong = await bff.request('POST', '/api/inpatient/family/prepay', { token: relative, body: { requestId: requestId(), serialNumber: r.serialNumber, realName: '陈晓', amountFen: 50_000, payClient: 'h5' } });
    expect(wrong.body.error.code).toBe('INPATIENT_NOT_FOUND');
    expect((await orders()).length).toBe(countBefore);
    // The reply holding the ID number and phone is never even asked for an unconfirmed pair.
    expect(stayReads()).toBe(readsBefore);
    expect(bff.sims.payment!.ledger.charges.size).toBe(chargesBefore);
    const view = await bff.request('POST', '/api/inpatient/family/lookup', { token: relative, body: { serialNumber: r.serialNumber, realName: r.realName } });
    expect(view.status).toBe(200);
    expect(Object.keys(view.body).sort()).toEqual(['departmentName', 'maskedName', 'serialNumber', 'ward']);
    expect(view.body.maskedName).toBe('陈*');
    const text = JSON.stringify(view.body);
    for (const secret of [r.idCard, r.phone, String(r.depositRemainingFen), '463.15']) expect(text).not.toContain(secret);
  });

  it("family top-up is paid by the relative, booked once, and shows in the patient's own history (not the relative's amounts of the stay)", async () => {
    const relative = await bff.login('chen-relative-2');
    const before = (await stay()).deposit.remainingFen;
    const res = await bff.request('POST', '/api/inpatient/family/prepay', { token: relative, body: { requestId: requestId(), serialNumber: r.serialNumber, realName: r.realName, amountFen: 50_000, payClient: 'h5' } });
    expect(res.status).toBe(200);
    const tradeNo = res.body.order.tradeNo;
    expect(res.body.order.patientName).toBe('陈*');
    await bff.sims.payment!.pay(tradeNo);
    await waitForState(bff, tradeNo, ['posted']);
    expect(his().ledger.bookedCount(tradeNo)).toBe(1);
    expect((await stay()).deposit.remainingFen).toBe(before + 50_000);
    const mine = (await bff.request('GET', '/api/orders', { token: relative })).body.orders;
    expect(mine.map((o: { tradeNo: string }) => o.tradeNo)).toEqual([tradeNo]);
    expect(JSON.stringify(mine)).not.toContain(r.realName);
    const history = (await bff.request('GET', `/api/patients/${me.patientId}/stay/prepays`, { token: me.token })).body.prepays;
    expect(history.find((p: { tradeNo: string }) => p.tradeNo === tradeNo)).toMatchObject({ amountFen: 50_000, byFamily: true, state: 'posted' });
    // The relative cannot read the stay itself.
    expect((await bff.request('GET', `/api/patients/${me.patientId}/stay/prepays`, { token: relative })).status).toBe(404);
  });

  it('limits family lookups per account and per inpatient number', async () => {
    const guesser = await bff.login('chen-guesser');
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const x = await bff.request('POST', '/api/inpatient/family/lookup', { token: guesser, body: { serialNumber: `ZYGUESS${i}`, realName: '某某' } });
      codes.push(x.body.error?.code ?? 'ok');
    }
    expect(codes.slice(0, 5).every((c) => c === 'INPATIENT_NOT_FOUND')).toBe(true);
    expect(codes[5]).toBe('RATE_LIMITED');
    const many: string[] = [];
    for (let i = 0; i < 6; i++) {
      const t = await bff.login(`chen-many-${i}`);
      const x = await bff.request('POST', '/api/inpatient/family/lookup', { token: t, body: { serialNumber: 'ZYONESTAY', realName: `某${i}` } });
      many.push(x.body.error?.code ?? 'ok');
    }
    expect(many[5]).toBe('RATE_LIMITED');
  });
});
