/**
 * HisOutpatientAdapter against the simulator over both transports: the visit, the unpaid list,
 * paying one / several prescriptions, and what happens at the hospital in between.
 */
import { fenToYuan, yuanToFen } from '@hosp/shared';
import type { HisClient } from './his-client';
import { HisOutpatientAdapter } from './his-outpatient.adapter';
import type { OutpatientPaymentInput, UnpaidPrescription } from '../../domain/outpatient/ports';
import type { HisSimulator, SimListening } from './sim/his-simulator';
import { seed } from './sim/seed';
import { outpatientSeed } from './sim/seed-outpatient';
import { changePrescriptionFee, payAtWindow } from './sim/sim-outpatient';
import { createSeedState } from './sim/seed';
import { BOOKING_NOW, BOOKING_TODAY, failure, listeningSimulator, simClient } from './test-support';

const KEY = 'outpatient-test-sign-key';
const TIMEOUT_MS = 400;
const zhang = { realName: seed.outpatient.realName, patientCard: seed.outpatient.patientCard };
const li = { realName: seed.virtualCard.realName, patientCard: seed.virtualCard.patientCard };
const PAYED_AT = new Date('2024-10-14T01:30:00Z');

describe.each(['http', 'soap'] as const)('HisOutpatientAdapter against the simulator over %s', (transport) => {
  let sim: HisSimulator;
  let server: SimListening;
  let client: HisClient;
  let outpatient: HisOutpatientAdapter;
  /** The same hospital through a client that gives up after TIMEOUT_MS (the hang cases). */
  let quick: HisOutpatientAdapter;
  let seq = 0;
  const payment = (patient: typeof zhang, prescriptions: UnpaidPrescription[]): OutpatientPaymentInput => ({
    tradeNo: `EH${transport === 'soap' ? 6 : 5}${String(++seq).padStart(17, '0')}`,
    patient,
    prescriptions: prescriptions.map((p) => ({ prescriptionNo: p.prescriptionNo, amountFen: p.amountFen, feeType: p.feeType })),
    payType: 'wechatMP',
    payedAt: PAYED_AT,
  });
  const unpaidOf = async (patient: typeof zhang, clinicNo?: string) => (await outpatient.findUnpaid(patient, clinicNo)).flatMap((v) => v.prescriptions);

  beforeAll(async () => {
    ({ sim, server, client } = await listeningSimulator(transport, KEY, BOOKING_NOW));
    outpatient = new HisOutpatientAdapter(client);
    quick = new HisOutpatientAdapter(simClient(transport, server, KEY, TIMEOUT_MS));
  });
  // A fresh hospital per test: paying changes the unpaid lists.
  beforeEach(() => Object.assign(sim.state, createSeedState(() => BOOKING_NOW)));
  afterEach(() => sim.faults.clear());
  afterAll(() => server.close());

  it("finds the card's latest visit", async () => {
    await expect(outpatient.findVisits(zhang)).resolves.toEqual([
      { clinicNo: outpatientSeed.zhang.todayClinicNo, date: BOOKING_TODAY, departmentCode: 'NK01', departmentName: '心血管内科', doctorCode: 'D011A', doctorName: '陈建国' },
    ]);
    expect((await failure(outpatient.findVisits({ ...zhang, realName: '张四' }))).code).toBe('HIS_REJECTED');
  });

  it('lists the unpaid prescriptions grouped by visit, with items, amounts and the doctor', async () => {
    const visits = await outpatient.findUnpaid(zhang);
    expect(visits.map((v) => [v.clinicNo, v.hisRegisterId, v.prescriptions.map((p) => p.amountFen), v.totalFen])).toEqual([
      [outpatientSeed.zhang.todayClinicNo, outpatientSeed.zhang.todayHisRegisterId, [...outpatientSeed.zhang.todayFen], 36210],
      [outpatientSeed.zhang.yesterdayClinicNo, 'GHS0009', [...outpatientSeed.zhang.yesterdayFen], 6710],
    ]);
    const medicine = visits[0]!.prescriptions[1]!;
    expect(medicine).toMatchObject({ feeType: '西药费', doctorName: '陈建国', departmentName: '心血管内科', diagnosisName: '原发性高血压', createdAt: new Date('2024-10-14T01:13:05Z') });
    expect(medicine.items[0]).toEqual({ name: '阿司匹林肠溶片', feeType: '西药费', unitPriceFen: 1580, unitPrice: '15.80', count: 2, amountFen: 3160, usage: '口服，每日一次', dosage: '每次100mg' });
    // Every prescription's lines add up to what it charges.
    for (const p of visits.flatMap((v) => v.prescriptions)) expect(p.items.reduce((s, i) => s + (i.amountFen ?? NaN), 0)).toBe(p.amountFen);
    expect((await outpatient.findUnpaid(zhang, outpatientSeed.zhang.yesterdayClinicNo)).map((v) => v.clinicNo)).toEqual([outpatientSeed.zhang.yesterdayClinicNo]);
  });

  it('reads many prescriptions on one visit, and one without items', async () => {
    const zhao = await outpatient.findUnpaid({ realName: seed.discharged.realName, patientCard: seed.discharged.patientCard });
    expect(zhao).toHaveLength(1);
    expect(zhao[0]!.prescriptions).toHaveLength(outpatientSeed.zhao.count);
    const qian = await unpaidOf({ realName: seed.longCard.realName, patientCard: seed.longCard.patientCard });
    expect(qian.map((p) => [p.amountFen, p.items])).toEqual([[outpatientSeed.qian.fen, []]]);
    await expect(outpatient.findUnpaid({ realName: seed.inpatient.realName, patientCard: seed.inpatient.patientCard })).resolves.toEqual([]);
  });

  it('pays two of three prescriptions once: the exact sum, the same fields every notice; where to go next', async () => {
    const [exam, medicine, lab] = await unpaidOf(zhang, outpatientSeed.zhang.todayClinicNo);
    const input = payment(zhang, [medicine!, exam!]);
    const before = sim.calls.length;
    const first = await outpatient.postPayment(input);
    expect(first).toEqual({ state: 'posted', invoiceNo: expect.stringMatching(/^MZFP/), serialNo: expect.stringMatching(/^MZLS/) });
    await expect(outpatient.postPayment({ ...input, prescriptions: input.prescriptions.map((p) => ({ ...p })), payedAt: new Date(PAYED_AT.getTime()) })).resolves.toEqual(first);
    expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);
    const posts = sim.calls.slice(before).filter((c) => c.method === 'outpatientPay');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.fields).toEqual(posts[0]!.fields);
    expect(posts[0]!.fields).toEqual({
      prescriptionNo: `${medicine!.prescriptionNo},${exam!.prescriptionNo}`,
      realName: '张三',
      patientCard: '000123456',
      orderFee: '297.10',
      payType: 'wechatMP',
      feeType: '西药费,检查费',
      payedTime: '2024-10-14 09:30:00',
      tradeNo: input.tradeNo,
      sign: expect.stringMatching(/^[0-9A-F]{32}$/),
    });
    await expect(outpatient.queryOrderStatus(input.tradeNo)).resolves.toEqual({
      state: 'posted',
      invoiceNo: first.state === 'posted' ? first.invoiceNo : '',
      hisPayId: first.state === 'posted' ? first.serialNo : '',
      inspectPlace: outpatientSeed.places.echo,
      windowNo: outpatientSeed.places.pharmacyWindow,
    });
    // Only the third is still unpaid.
    expect((await unpaidOf(zhang, outpatientSeed.zhang.todayClinicNo)).map((p) => p.prescriptionNo)).toEqual([lab!.prescriptionNo]);
  });

  it('a prescription paid at the window between list and pay: failed with HIS words, nothing booked, answered the same again', async () => {
    const [exam, medicine] = await unpaidOf(li);
    payAtWindow(sim.state, medicine!.prescriptionNo);
    const input = payment(li, [exam!, medicine!]);
    const r = await outpatient.postPayment(input);
    expect(r).toEqual({ state: 'failed', isRefund: false, message: `处方${medicine!.prescriptionNo}已缴费` });
    await expect(outpatient.postPayment(input)).resolves.toEqual(r);
    expect(sim.ledger.bookedCount(input.tradeNo)).toBe(0);
    await expect(outpatient.queryOrderStatus(input.tradeNo)).resolves.toEqual({ state: 'not_posted', message: r.state === 'failed' ? r.message : '' });
    // The other one was not paid by the refused notice.
    expect((await unpaidOf(li)).map((p) => p.prescriptionNo)).toEqual([exam!.prescriptionNo]);
  });

  it('two orders racing for one prescription: one is booked, the other refused', async () => {
    const [exam] = await unpaidOf(li);
    const a = payment(li, [exam!]);
    const b = payment(li, [exam!]);
    const [ra, rb] = await Promise.all([outpatient.postPayment(a), outpatient.postPayment(b)]);
    expect([ra.state, rb.state].sort()).toEqual(['failed', 'posted']);
    expect(sim.ledger.bookedCount(a.tradeNo) + sim.ledger.bookedCount(b.tradeNo)).toBe(1);
  });

  it('an amount HIS no longer charges is refused, nothing booked', async () => {
    const [exam] = await unpaidOf(li);
    changePrescriptionFee(sim.state, exam!.prescriptionNo, '95.00');
    const input = payment(li, [exam!]);
    await expect(outpatient.postPayment(input)).resolves.toEqual({ state: 'failed', isRefund: false, message: '缴费金额与处方金额不符，应缴95.00元' });
    expect(sim.ledger.bookedCount(input.tradeNo)).toBe(0);
  });

  it('payType eCardPay: HIS takes the fee from the one-card balance, and refuses when it is short', async () => {
    const before = yuanToFen(sim.state.patients.get(zhang.patientCard)!.eCardBalance);
    const [exam, medicine] = await unpaidOf(zhang, outpatientSeed.zhang.todayClinicNo);
    await expect(outpatient.postPayment({ ...payment(zhang, [medicine!]), payType: 'eCardPay' })).resolves.toMatchObject({ state: 'posted' });
    expect(sim.state.patients.get(zhang.patientCard)!.eCardBalance).toBe(fenToYuan(before - medicine!.amountFen));
    const short = { ...payment(zhang, [exam!]), payType: 'eCardPay' };
    await expect(outpatient.postPayment(short)).resolves.toEqual({ state: 'failed', isRefund: false, message: '一卡通余额不足' });
    expect(sim.ledger.bookedCount(short.tradeNo)).toBe(0);
  });

  it('HIS error ×2 then OK; commit-then-hang settled by queryOrderStatus(hisSrc); error-refund is refundable', async () => {
    const [exam, medicine] = await unpaidOf(li);
    const input = payment(li, [exam!]);
    sim.faults.inject('outpatientPay', { kind: 'error', times: 2, message: '系统繁忙' });
    await expect(outpatient.postPayment(input)).resolves.toEqual({ state: 'failed', isRefund: false, message: '系统繁忙' });
    await expect(outpatient.postPayment(input)).resolves.toMatchObject({ state: 'failed', isRefund: false });
    await expect(outpatient.postPayment(input)).resolves.toMatchObject({ state: 'posted' });
    expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);

    const hung = payment(li, [medicine!]);
    sim.faults.inject('outpatientPay', { kind: 'commit-then-hang' });
    const started = Date.now();
    expect((await failure(quick.postPayment(hung))).code).toBe('HIS_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 500);
    await expect(outpatient.queryOrderStatus(hung.tradeNo)).resolves.toMatchObject({ state: 'posted', windowNo: '1' });
    expect(sim.ledger.bookedCount(hung.tradeNo)).toBe(1);

    const [other] = await unpaidOf(zhang, outpatientSeed.zhang.yesterdayClinicNo);
    const refused = payment(zhang, [other!]);
    sim.faults.inject('outpatientPay', { kind: 'error-refund', message: '处方已作废' });
    await expect(outpatient.postPayment(refused)).resolves.toEqual({ state: 'failed', isRefund: true, message: '处方已作废' });
    expect(sim.ledger.bookedCount(refused.tradeNo)).toBe(0);
  });

  it('queryOrderStatus ERROR is not_posted; malformed replies are HIS_BAD_REPLY; a hang HIS_UNAVAILABLE', async () => {
    sim.faults.inject('queryOrderStatus', { kind: 'error', message: '查询超时' });
    await expect(outpatient.queryOrderStatus('EH1')).resolves.toEqual({ state: 'not_posted', message: '查询超时' });
    for (const m of ['findOutpatientPay', 'findClinicNo', 'outpatientPay', 'queryOrderStatus']) sim.faults.inject(m, { kind: 'malformed' });
    expect((await failure(outpatient.findUnpaid(zhang))).code).toBe('HIS_BAD_REPLY');
    expect((await failure(outpatient.findVisits(zhang))).code).toBe('HIS_BAD_REPLY');
    const [exam] = await unpaidOf(li);
    expect((await failure(outpatient.postPayment(payment(li, [exam!])))).code).toBe('HIS_BAD_REPLY');
    expect((await failure(outpatient.queryOrderStatus('EH1'))).code).toBe('HIS_BAD_REPLY');
    sim.faults.inject('findOutpatientPay', { kind: 'hang' });
    expect((await failure(quick.findUnpaid(zhang))).code).toBe('HIS_UNAVAILABLE');
  });

  it('reads SUCCESS in capitals with undocumented extra elements', async () => {
    sim.faults.inject('*', { kind: 'variant', times: 2 });
    await expect(outpatient.findVisits(zhang)).resolves.toHaveLength(1);
    expect((await outpatient.findUnpaid(zhang)).map((v) => v.totalFen)).toEqual([36210, 6710]);
  });

  it('refuses our own bad input before sending anything', async () => {
    const before = sim.calls.length;
    const [exam] = await unpaidOf(li);
    const base = payment(li, [exam!]);
    await expect(outpatient.postPayment({ ...base, prescriptions: [] })).rejects.toThrow(TypeError);
    await expect(outpatient.postPayment({ ...base, prescriptions: [...base.prescriptions, ...base.prescriptions] })).rejects.toThrow(TypeError);
    await expect(outpatient.postPayment({ ...base, prescriptions: [{ ...base.prescriptions[0]!, amountFen: 0 }] })).rejects.toThrow(TypeError);
    expect(sim.calls.slice(before).filter((c) => c.method === 'outpatientPay')).toHaveLength(0);
  });

});
