/** HisInpatientAdapter against the simulator over both transports: deposit, daily bill, prepay. */
import type { PrepayInput } from '../../domain/inpatient/ports';
import { HisInpatientAdapter } from './his-inpatient.adapter';
import type { HisSimulator, SimListening } from './sim/his-simulator';
import { seed } from './sim/seed';
import { inpatientSeed } from './sim/seed-inpatient';
import { BOOKING_NOW, BOOKING_TODAY, bookingDay as day, failure, listeningSimulator, simClient } from './test-support';

const KEY = 'inpatient-test-sign-key';
const TIMEOUT_MS = 400;
const recent = inpatientSeed.recent;
const ref = { realName: recent.realName, queryId: recent.serialNumber };

describe.each(['http', 'soap'] as const)('HisInpatientAdapter against the simulator over %s', (transport) => {
  let sim: HisSimulator;
  let server: SimListening;
  let inpatient: HisInpatientAdapter;
  /** Gives up after TIMEOUT_MS (the hang cases). */
  let quick: HisInpatientAdapter;
  let seq = 0;
  const prepay = (amountFen: number, patientCard: string = recent.serialNumber, realName: string = recent.realName): PrepayInput => ({
    tradeNo: `EH${transport === 'soap' ? 8 : 7}${String(++seq).padStart(17, '0')}`,
    patient: { realName, patientCard },
    amountFen,
    payType: 'wechatMP',
    payedAt: new Date('2024-10-14T02:00:00Z'),
  });

  beforeAll(async () => {
    let client;
    ({ sim, server, client } = await listeningSimulator(transport, KEY, BOOKING_NOW));
    inpatient = new HisInpatientAdapter(client);
    quick = new HisInpatientAdapter(simClient(transport, server, KEY, TIMEOUT_MS));
  });
  afterAll(() => server.close());
  afterEach(() => sim.faults.clear());

  it('reads the deposit paid / used / remaining in fen, by inpatient number, card or HIS id; negative in arrears', async () => {
    const fresh = await listeningSimulator(transport, KEY, BOOKING_NOW);
    try {
      const a = new HisInpatientAdapter(fresh.client);
      const want = { paidFen: recent.depositPaidFen, usedFen: recent.depositUsedFen, remainingFen: recent.depositRemainingFen };
      for (const queryId of [recent.serialNumber, recent.patientCard, recent.hisNo]) await expect(a.deposit({ realName: recent.realName, queryId })).resolves.toEqual(want);
      await expect(a.deposit({ realName: seed.discharged.realName, queryId: seed.discharged.serialNumber })).resolves.toEqual({
        paidFen: seed.discharged.depositPaidFen,
        usedFen: seed.discharged.depositUsedFen,
        remainingFen: -23050,
      });
    } finally {
      await fresh.server.close();
    }
  });

  it('refuses a name that does not go with the inpatient number (HIS_REJECTED, HIS words): what a family top-up checks', async () => {
    const err = await failure(inpatient.deposit({ realName: '陈辰', queryId: recent.serialNumber }));
    expect([err.code, err.message]).toEqual(['HIS_REJECTED', '就诊人姓名与住院号不符']);
    expect((await failure(inpatient.deposit({ realName: recent.realName, queryId: 'ZY0' }))).code).toBe('HIS_REJECTED');
  });

  it('reads a daily bill: many lines (a negative one included) adding up to the total; today open; none before admission', async () => {
    // Admitted 2024-10-11: day 0 has the CT, day 2 a returned medicine.
    const admission = await inpatient.dayBill(ref, day(-3));
    expect(admission.lines.map((l) => [l.feeType, l.count, l.unitPriceFen, l.amountFen])).toEqual([
      ['床位费', 1, 6000, 6000],
      ['护理费', 1, 2800, 2800],
      ['西药费', 1, 1835, 1835],
      ['检验费', 1, 8550, 8550],
      ['检查费', 1, 26000, 26000],
    ]);
    expect(admission.totalFen).toBe(45185);
    const third = await inpatient.dayBill(ref, day(-1));
    expect(third.lines.at(-1)).toEqual({ feeType: '西药费', count: -1, unitPriceFen: 1835, unitPrice: '18.35', amountFen: -1835 });
    expect(third.totalFen).toBe(6000 + 2800 + 5505 + 8550 - 1835);
    await expect(inpatient.dayBill(ref, BOOKING_TODAY)).resolves.toMatchObject({ totalFen: 8800 });
    await expect(inpatient.dayBill(ref, day(-4))).resolves.toEqual({ date: day(-4), lines: [], totalFen: 0 });
    await expect(inpatient.dayBill(ref, 'yesterday')).rejects.toThrow(TypeError);
  });

  it('prepays once: the table field prepayaAmt; the same tradeNo is answered success again; the deposit grows once', async () => {
    const before = await inpatient.deposit(ref);
    const input = prepay(50000);
    const calls = sim.calls.length;
    const first = await inpatient.postPrepay(input);
    expect(first).toEqual({ state: 'posted', invoiceNo: expect.stringMatching(/^ZYFP/), serialNo: expect.stringMatching(/^ZYLS/) });
    for (let i = 0; i < 9; i++) await expect(inpatient.postPrepay(input)).resolves.toEqual(first);
    expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);
    expect(sim.ledger.postAttempts(input.tradeNo)).toBe(10);
    const sent = sim.calls.slice(calls).filter((c) => c.method === 'prePayExpense');
    expect(sent[0]!.fields).toEqual({
      realName: recent.realName,
      patientCard: recent.serialNumber,
      prepayaAmt: '500.00',
      payType: 'wechatMP',
      tradeNo: input.tradeNo,
      payedTime: '2024-10-14 10:00:00',
      sign: expect.any(String),
    });
    for (const s of sent) expect(s.fields).toEqual(sent[0]!.fields);
    await expect(inpatient.deposit(ref)).resolves.toEqual({ ...before, paidFen: before.paidFen + 50000, remainingFen: before.remainingFen + 50000 });
    await expect(inpatient.queryOrderStatus(input.tradeNo)).resolves.toEqual({ state: 'posted', invoiceNo: first.state === 'posted' ? first.invoiceNo : '', hisPayId: expect.stringMatching(/^ZYLS/) });
  });

  it('refuses the same tradeNo with another amount (section 10), booking nothing more', async () => {
    const input = prepay(10000);
    expect((await inpatient.postPrepay(input)).state).toBe('posted');
    await expect(inpatient.postPrepay({ ...input, amountFen: 20000 })).resolves.toMatchObject({ state: 'failed', isRefund: false });
    expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);
  });

  it('HIS error ×2 then OK; commit-then-hang settled by queryOrderStatus(prepaySrc), booked once', async () => {
    const input = prepay(20000);
    sim.faults.inject('prePayExpense', { kind: 'error', times: 2, message: '系统繁忙' });
    await expect(inpatient.postPrepay(input)).resolves.toEqual({ state: 'failed', isRefund: false, message: '系统繁忙' });
    await expect(inpatient.postPrepay(input)).resolves.toMatchObject({ state: 'failed' });
    expect((await inpatient.postPrepay(input)).state).toBe('posted');
    expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);

    const hung = prepay(30000);
    sim.faults.inject('prePayExpense', { kind: 'commit-then-hang' });
    const started = Date.now();
    expect((await failure(quick.postPrepay(hung))).code).toBe('HIS_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 500);
    await expect(inpatient.queryOrderStatus(hung.tradeNo)).resolves.toMatchObject({ state: 'posted' });
    expect((await inpatient.postPrepay(hung)).state).toBe('posted');
    expect(sim.ledger.bookedCount(hung.tradeNo)).toBe(1);
  });

  it('a wrong name or a discharged stay is refused with HIS words; nothing booked; queryOrderStatus not_posted', async () => {
    const wrongName = prepay(10000, recent.serialNumber, '陈辰');
    await expect(inpatient.postPrepay(wrongName)).resolves.toEqual({ state: 'failed', isRefund: false, message: '就诊人姓名与住院号不符' });
    const left = prepay(10000, seed.discharged.serialNumber, seed.discharged.realName);
    await expect(inpatient.postPrepay(left)).resolves.toEqual({ state: 'failed', isRefund: false, message: '患者已出院，不能预缴住院押金' });
    for (const t of [wrongName, left]) {
      expect(sim.ledger.bookedCount(t.tradeNo)).toBe(0);
      await expect(inpatient.queryOrderStatus(t.tradeNo)).resolves.toMatchObject({ state: 'not_posted' });
    }
  });

  it('malformed replies become HIS_BAD_REPLY, a hang HIS_UNAVAILABLE', async () => {
    for (const m of ['getPatientExpense', 'getDayExpense', 'prePayExpense']) sim.faults.inject(m, { kind: 'malformed' });
    expect((await failure(inpatient.deposit(ref))).code).toBe('HIS_BAD_REPLY');
    expect((await failure(inpatient.dayBill(ref, day(-1)))).code).toBe('HIS_BAD_REPLY');
    expect((await failure(inpatient.postPrepay(prepay(100)))).code).toBe('HIS_BAD_REPLY');
    sim.faults.inject('getDayExpense', { kind: 'hang' });
    expect((await failure(quick.dayBill(ref, day(-1)))).code).toBe('HIS_UNAVAILABLE');
  });
});
