import { hisInpatientSeed as inp } from '../../bff/src/adapters/his';
import { sendPlatformPush } from '../../bff/src/adapters/payment';
import { startTestBff, type TestBff } from '../support/bff';
import { FAST_ORDERS, waitForState } from '../support/booking-flow';
import { bindChen } from '../support/inpatient-flow';

/**
 * Inpatient money and notices against simulators as strict as their documents, each ending checked
 * in the simulators' own books: HIS books a prepay tradeNo at most once, the platform charges only
 * what was confirmed; one arrears event tells each bound account once whichever system sent it.
 */
const r = inp.recent;
const creds = { appId: 'sim-pay-app', appSecret: 'sim-pay-secret-not-real' };
let n = 0;
const rid = () => `inp-fault-${process.pid}-${++n}-${Date.now()}`;

describe('inpatient prepay and notices through vendor faults', () => {
  let bff: TestBff;
  let owners: { token: string; patientId: string }[];
  beforeAll(async () => {
    bff = await startTestBff({ name: 'inpatient-fault', config: FAST_ORDERS as never });
    owners = [];
    // Two accounts (the patient and her husband) both have her bound and her stay linked.
    for (const user of ['chen-a', 'chen-b']) {
      const token = await bff.login(user);
      owners.push({ token, patientId: (await bindChen(bff, token, user === 'chen-a' ? 'self' : 'spouse')).patientId });
    }
  });
  afterAll(() => bff.close());
  afterEach(() => {
    bff.sims.his!.faults.clear();
  });
  const his = () => bff.sims.his!;
  const pay = () => bff.sims.payment!;
  const remaining = async () => (await bff.request('GET', `/api/patients/${owners[0]!.patientId}/stay`, { token: owners[0]!.token })).body.deposit.remainingFen as number;
  const prepay = async (amountFen = 20_000) => {
    const res = await bff.request('POST', '/api/inpatient/prepay', { token: owners[0]!.token, body: { requestId: rid(), patientId: owners[0]!.patientId, amountFen, payClient: 'h5' } });
    expect(res.status).toBe(200);
    return res.body.order.tradeNo as string;
  };

  it('HIS failing twice then succeeding: booked once, within one round of 3 notices, the deposit grows once', async () => {
    const before = await remaining();
    const tradeNo = await prepay();
    his().faults.inject('prePayExpense', { kind: 'error', times: 2, message: '系统繁忙' });
    await pay().pay(tradeNo);
    await waitForState(bff, tradeNo, ['posted']);
    expect(his().ledger.bookedCount(tradeNo)).toBe(1);
    expect(his().ledger.postAttempts(tradeNo)).toBe(3);
    const posts = his().calls.filter((c) => c.method === 'prePayExpense' && c.fields.tradeNo === tradeNo);
    expect(new Set(posts.map((p) => JSON.stringify(p.fields))).size).toBe(1);
    expect(await remaining()).toBe(before + 20_000);
  });

  it('HIS books then hangs: queryOrderStatus with dataSrc prepaySrc settles it, no second booking', async () => {
    const before = await remaining();
    const tradeNo = await prepay();
    his().faults.inject('prePayExpense', { kind: 'commit-then-hang' });
    await pay().pay(tradeNo);
    await waitForState(bff, tradeNo, ['posted']);
    expect(his().ledger.bookedCount(tradeNo)).toBe(1);
    expect(his().ledger.postAttempts(tradeNo)).toBe(1);
    expect(his().calls.some((c) => c.method === 'queryOrderStatus' && c.fields.tradeNo === tradeNo && c.fields.dataSrc === 'prepaySrc')).toBe(true);
    expect(await remaining()).toBe(before + 20_000);
  });

  it('the payment notice duplicated 10 times concurrently: one posting', async () => {
    const tradeNo = await prepay();
    pay().faults.next('notify:duplicate:10');
    await pay().pay(tradeNo);
    await waitForState(bff, tradeNo, ['posted']);
    await pay().notifier.idle();
    expect(his().ledger.postAttempts(tradeNo)).toBe(1);
    expect(his().ledger.bookedCount(tradeNo)).toBe(1);
    expect((await bff.deps.orders.events(tradeNo)).filter((e) => e.to === 'paid')).toHaveLength(1);
  });

  it('family top-up with a wrong name: refused, no order, no charge, nothing posted', async () => {
    const relative = await bff.login('chen-wrong-name');
    const charges = pay().ledger.charges.size;
    const posts = his().calls.filter((c) => c.method === 'prePayExpense').length;
    const res = await bff.request('POST', '/api/inpatient/family/prepay', { token: relative, body: { requestId: rid(), serialNumber: r.serialNumber, realName: '陈小晨', amountFen: 20_000, payClient: 'h5' } });
    expect(res.body.error.code).toBe('INPATIENT_NOT_FOUND');
    expect(pay().ledger.charges.size).toBe(charges);
    expect(his().calls.filter((c) => c.method === 'prePayExpense').length).toBe(posts);
    expect((await bff.request('GET', '/api/orders', { token: relative })).body.orders).toEqual([]);
  });

  it('one arrears event from HIS (pushInhospitalFee) and the platform (overpay), each twice: each bound account is told once, with a link to prepay', async () => {
    const arrears = (token: string) => bff.request('GET', '/api/notices', { token }).then((x) => (x.body.notices as { kind: string; link: string; body: string }[]).filter((m) => m.kind === 'inpatient_arrears'));
    const hisFields = { real_name: r.realName, id_card: r.idCard, patient_card: r.patientCard, serial_number: r.serialNumber, total_amount: '2000.00', arrear_amount: '120.50' };
    const platform = { userName: r.realName, idNo: r.idCard, contactNumber: r.phone, inpatientNo: r.serialNumber, cardType: '03', cardNo: r.patientCard, accountType: '02', wardName: '住院部5楼', inpatientDate: '2026-01-01', bcbxf0: '0', grzfe0: '2120.50', bcfyze: '2120.50', balance: '-120.50', complementMoney: '120.50' };
    expect((await his().push(`${bff.url}/his/pushHisData`, 'pushInhospitalFee' as never, hisFields as never, { format: 'xml' })).status).toBe(200);
    expect((await sendPlatformPush(`${bff.url}/pay/push`, 'hop.inpatient.msg.overpay', platform, { ...creds, nonce: 'arrears-nonce-1' })).status).toBe(200);
    expect((await his().push(`${bff.url}/his/pushHisData`, 'pushInhospitalFee' as never, hisFields as never, { format: 'xml' })).status).toBe(200);
    expect((await sendPlatformPush(`${bff.url}/pay/push`, 'hop.inpatient.msg.overpay', platform, { ...creds, nonce: 'arrears-nonce-2' })).status).toBe(200);
    for (const o of owners) {
      const mine = await arrears(o.token);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.link).toBe(`/journeys/inpatient/pages/prepay/index?patientId=${o.patientId}`);
      expect(mine[0]!.body).toContain('120.50');
    }
  });

  it("one day's bill from HIS (pushDayExpense) and the platform (bill): each bound account is told once, linked to that day", async () => {
    const day = '2026-01-02';
    const bills = (token: string) => bff.request('GET', '/api/notices', { token }).then((x) => (x.body.notices as { kind: string; link: string }[]).filter((m) => m.kind === 'inpatient_daily_bill'));
    const hisFields = { real_name: r.realName, id_card: r.idCard, patient_card: r.patientCard, serial_number: r.serialNumber, fee_type: '住院费用', fee_date: day, total_amount: '106.35' };
    const platform = { userName: r.realName, idNo: r.idCard, contactNumber: r.phone, inpatientNo: r.serialNumber, cardType: '03', cardNo: r.patientCard, accountType: '02', wardName: '住院部5楼', inpatientDate: '2026-01-01', patientType: '00', beginDate: day, endDate: day, bcbxf0: '0', grzfe0: '106.35', bcfyze: '106.35', balance: '356.80' };
    expect((await sendPlatformPush(`${bff.url}/pay/push`, 'hop.inpatient.msg.bill', platform, { ...creds, nonce: 'bill-nonce-1' })).status).toBe(200);
    expect((await his().push(`${bff.url}/his/pushHisData`, 'pushDayExpense' as never, hisFields as never, { format: 'xml' })).status).toBe(200);
    for (const o of owners) {
      const mine = await bills(o.token);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.link).toBe(`/journeys/inpatient/pages/daily-bill/index?patientId=${o.patientId}&date=${day}`);
    }
  });

  it('a discharge notice (outHosp) marks the stay left: no more prepay, its bills stay readable', async () => {
    const platform = { userName: r.realName, idNo: r.idCard, contactNumber: r.phone, inpatientNo: r.serialNumber, cardType: '03', cardNo: r.patientCard, accountType: '02', wardName: '住院部5楼', inpatientDate: '2026-01-01', bcbxf0: '0', grzfe0: '100', bcfyze: '100', balance: '0' };
    expect((await sendPlatformPush(`${bff.url}/pay/push`, 'hop.inpatient.msg.outHosp', platform, { ...creds, nonce: 'out-nonce-1' })).status).toBe(200);
    const [o] = owners;
    const s = (await bff.request('GET', `/api/patients/${o!.patientId}/stay`, { token: o!.token })).body;
    expect(s).toMatchObject({ inHospital: false, canPrepay: false });
    expect(s.leftOn).toBeTruthy();
    expect((await bff.request('GET', `/api/patients/${o!.patientId}/stay/day-bill`, { token: o!.token })).status).toBe(200);
    const charges = pay().ledger.charges.size;
    const res = await bff.request('POST', '/api/inpatient/prepay', { token: o!.token, body: { requestId: rid(), patientId: o!.patientId, amountFen: 20_000, payClient: 'h5' } });
    expect(res.body.error.code).toBe('CONFLICT');
    expect(pay().ledger.charges.size).toBe(charges);
  });
});
