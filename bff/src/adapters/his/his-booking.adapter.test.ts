import type { BookingKind, BookingPatient, BookingTarget, PostPaymentInput } from '../../domain/booking/ports';
import type { Schedule } from '../../domain/catalogue/ports';
import { HisBookingAdapter } from './his-booking.adapter';
import { HisCatalogueAdapter } from './his-catalogue.adapter';
import { HisClient } from './his-client';
import { beijingDate } from './his-time';
import { createHisTransport } from './his-transport';
import { createHisSimulator, type HisSimulator, type SimListening } from './sim/his-simulator';
import { seed } from './sim/seed';
import { catalogueSeed, simScheduleId } from './sim/seed-catalogue';
import { failure } from './test-support';

const SIGN_KEY = 'booking-test-sign-key';
const TIMEOUT_MS = 400;
// Monday 2024-10-14 09:00 in Beijing.
const NOW = new Date('2024-10-14T01:00:00Z');
const TODAY = beijingDate(NOW);
const day = (n: number) => beijingDate(NOW, n);

const zhang: BookingPatient = { realName: seed.outpatient.realName, idNumber: seed.outpatient.idCard, patientCard: seed.outpatient.patientCard };

function targetOf(s: Schedule): BookingTarget {
  return {
    scheduleId: s.scheduleId,
    sourceNo: null,
    sourceOrder: null,
    departmentCode: s.departmentCode,
    departmentName: null,
    doctorCode: s.doctorCode ?? '',
    doctorName: s.doctorName,
    clinicType: s.clinicType,
    clinicDate: s.date,
    clinicTime: s.period ?? '',
    clinicTimeQuantum: s.timeRange ?? '',
    feeFen: s.feeFen,
  };
}

describe.each(['http', 'soap'] as const)('HisBookingAdapter against the simulator over %s', (transport) => {
  let sim: HisSimulator;
  let server: SimListening;
  let booking: HisBookingAdapter;
  let catalogue: HisCatalogueAdapter;
  let schedules: Schedule[];
  let names: Map<string, string>;
  let tradeSeq = 0;
  const nextTradeNo = () => `EH${transport === 'soap' ? 2 : 1}${String(++tradeSeq).padStart(17, '0')}`;

  const target = (date: string, period: '上午' | '下午', code: string): BookingTarget => {
    const s = schedules.find((x) => x.scheduleId === simScheduleId(date, period, code));
    if (!s) throw new Error(`no schedule ${date} ${period} ${code}`);
    // querySchedule carries codes only; the names come from findAllDepartments / findAllDoctors.
    return { ...targetOf(s), departmentName: names.get(s.departmentCode) ?? null, doctorName: s.doctorCode ? (names.get(s.doctorCode) ?? null) : null };
  };
  const remaining = async (t: BookingTarget) => {
    const list = await catalogue.realtimeScheduleDetail(t.clinicDate, t.departmentCode, t.doctorCode || null);
    return list.find((s) => s.scheduleId === t.scheduleId)?.remaining;
  };
  /** Locks a slot and returns what postPayment needs. */
  async function locked(kind: BookingKind, t: BookingTarget, patient = zhang): Promise<PostPaymentInput> {
    const r = await booking.lock(kind, patient, t);
    if (!r.ok) throw new Error(`lock refused: ${r.reason} ${r.message}`);
    return {
      kind,
      hisBookingId: r.hisBookingId,
      tradeNo: nextTradeNo(),
      patient,
      target: t,
      amountFen: r.amountFen ?? t.feeFen,
      payType: 'wechatMP',
      payedAt: new Date('2024-10-13T17:05:09Z'),
    };
  }

  beforeAll(async () => {
    sim = createHisSimulator({ signKey: SIGN_KEY, hospitalId: 'demoyyadmin', now: () => NOW });
    server = await sim.listen();
    const client = new HisClient({
      transport: createHisTransport({
        transport,
        baseUrl: transport === 'soap' ? server.soapUrl : server.baseUrl,
        timeoutMs: TIMEOUT_MS,
        maxReplyBytes: 512 * 1024,
      }),
      signKey: SIGN_KEY,
      maxReplyBytes: 512 * 1024,
    });
    booking = new HisBookingAdapter(client);
    catalogue = new HisCatalogueAdapter(client);
    schedules = await catalogue.schedules(TODAY, day(6));
    names = new Map([...(await catalogue.departments()), ...(await catalogue.doctors())].map((x) => [x.code, x.name]));
  });
  afterAll(() => server.close());
  afterEach(() => sim.faults.clear());

  describe('lock', () => {
    it('answers the HIS amount when it differs from the schedule fee (a discount)', async () => {
      const t = target(day(1), '下午', catalogueSeed.discounted.doctorCode);
      expect(t.feeFen).toBe(5000);
      const r = await booking.lock('subscription', zhang, t);
      expect(r).toEqual({ ok: true, hisBookingId: expect.stringMatching(/^YY\d+$/), amountFen: 4000, queueNo: null });
    });

    it('answers amount null when HIS returns none (the schedule fee applies), and a queue number for a registration', async () => {
      const r = await booking.lock('register', zhang, target(TODAY, '上午', 'WK01'));
      expect(r).toEqual({ ok: true, hisBookingId: expect.stringMatching(/^GH\d+$/), amountFen: null, queueNo: expect.stringMatching(/^\d+$/) });
      const nk = await booking.lock('register', zhang, target(TODAY, '下午', 'NK01'));
      expect(nk).toMatchObject({ ok: true, amountFen: 1500 });
    });

    it('sends the 5.1.1 fields with the fee in yuan, two decimals', async () => {
      const before = sim.calls.length;
      await booking.lock('subscription', zhang, target(day(2), '上午', 'D011A'));
      const call = sim.calls.slice(before).find((c) => c.method === 'insertSubscription')!;
      expect(Object.keys(call.fields).sort()).toEqual(
        ['clinicDate', 'clinicFee', 'clinicTime', 'clinicType', 'departmentCode', 'departmentName', 'doctorCode', 'doctorName', 'idCard', 'patientCard', 'realName', 'scheduleId', 'sign'].sort(),
      );
      expect(call.fields).toMatchObject({ clinicFee: '50.00', clinicTime: '上午', clinicType: '专家门诊', patientCard: '000123456', doctorName: '陈建国', departmentName: '心血管内科' });
    });

    it.each([
      ['full', () => target(day(1), '上午', catalogueSeed.soldOut.doctorCode), zhang],
      ['close', () => target(day(2), '上午', catalogueSeed.stopped.doctorCode), zhang],
      ['no_scheduling', () => ({ ...target(day(1), '上午', 'D011A'), scheduleId: 'S-NOPE' }), zhang],
      ['invalid_card', () => target(day(1), '上午', 'D011A'), { realName: seed.lostCard.realName, idNumber: seed.lostCard.idCard, patientCard: seed.lostCard.patientCard }],
      ['invalid_card', () => target(day(1), '上午', 'D011A'), { ...zhang, patientCard: '99999999' }],
    ] as const)('refuses with %s and HIS words', async (reason, t, patient) => {
      const r = await booking.lock('subscription', patient, t());
      expect(r).toEqual({ ok: false, reason, message: expect.any(String) });
      if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
    });

    it('refuses a same-day registration for a later day with error', async () => {
      const r = await booking.lock('register', zhang, target(day(1), '上午', 'NK02'));
      expect(r).toEqual({ ok: false, reason: 'error', message: '挂号仅限当日就诊，请使用预约' });
    });

    it('reads FULL written in capitals', async () => {
      sim.faults.inject('insertSubscription', { kind: 'variant' });
      const r = await booking.lock('subscription', zhang, target(day(1), '上午', catalogueSeed.soldOut.doctorCode));
      expect(r).toMatchObject({ ok: false, reason: 'full' });
    });

    it('takes the last number, then answers full; cancel gives it back (once)', async () => {
      const t = target(day(catalogueSeed.lastOne.dayOffset), '上午', catalogueSeed.lastOne.doctorCode);
      expect(await remaining(t)).toBe(1);
      const first = await booking.lock('subscription', zhang, t);
      expect(first.ok).toBe(true);
      expect(await remaining(t)).toBe(0);
      expect(await booking.lock('subscription', zhang, t)).toMatchObject({ ok: false, reason: 'full' });
      if (!first.ok) return;
      await expect(booking.cancel('subscription', first.hisBookingId)).resolves.toEqual({ hisRefundId: null });
      expect(await remaining(t)).toBe(1);
      await expect(booking.cancel('subscription', first.hisBookingId)).resolves.toEqual({ hisRefundId: null });
      expect(await remaining(t)).toBe(1);
    });

    it('answers close once a schedule is stopped', async () => {
      const t = target(day(4), '上午', 'D031E');
      sim.stopSchedule(t.scheduleId);
      expect(await booking.lock('subscription', zhang, t)).toMatchObject({ ok: false, reason: 'close' });
    });
  });

  describe('cancel', () => {
    it('refuses an unknown booking with HIS_REJECTED', async () => {
      expect((await failure(booking.cancel('register', 'GH-NOPE'))).code).toBe('HIS_REJECTED');
    });

    it('cancels a paid appointment with a HIS refund number and gives the number back', async () => {
      const t = target(day(5), '上午', 'D032L');
      const before = await remaining(t);
      const input = await locked('subscription', t);
      expect((await booking.postPayment(input)).state).toBe('posted');
      expect(await remaining(t)).toBe(before! - 1);
      const r = await booking.cancel('subscription', input.hisBookingId);
      expect(r.hisRefundId).toMatch(/^TK\d+$/);
      expect(await remaining(t)).toBe(before);
    });
  });

  describe('postPayment', () => {
    it('posts once: the same tradeNo again answers the same invoice and HIS books it once', async () => {
      const input = await locked('subscription', target(day(1), '下午', catalogueSeed.discounted.doctorCode));
      expect(input.amountFen).toBe(4000);
      const first = await booking.postPayment(input);
      expect(first).toEqual({
        state: 'posted',
        invoiceNo: expect.stringMatching(/^FP\d+$/),
        clinicNo: seed.outpatient.hisNo,
        hisBookingId: expect.stringMatching(/^GH\d+$/),
        queueNo: expect.stringMatching(/^\d+$/),
      });
      await expect(booking.postPayment(input)).resolves.toEqual(first);
      expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);
      expect(sim.ledger.postAttempts(input.tradeNo)).toBe(2);
      await expect(booking.queryOrderStatus(input.tradeNo, 'subscription')).resolves.toEqual({
        state: 'posted',
        invoiceNo: first.state === 'posted' ? first.invoiceNo : '',
        hisPayId: expect.stringMatching(/^HP\d+$/),
        hisBookingId: first.state === 'posted' ? first.hisBookingId : '',
        queueNo: first.state === 'posted' ? first.queueNo : '',
      });
    });

    it('sends identical fields on every notice of one payment: the table fields, Beijing payedTime, yuan fee', async () => {
      const input = await locked('subscription', target(day(3), '下午', 'D011A'));
      const before = sim.calls.length;
      await booking.postPayment(input);
      await booking.postPayment({ ...input, target: { ...input.target }, patient: { ...input.patient }, payedAt: new Date(input.payedAt.getTime()) });
      const posts = sim.calls.slice(before).filter((c) => c.method === 'subscriptionPay');
      expect(posts).toHaveLength(2);
      expect(posts[1]!.fields).toEqual(posts[0]!.fields);
      expect(Object.keys(posts[0]!.fields).sort()).toEqual(
        [
          'subscriptionId',
          'scheduleId',
          'tradeNo',
          'realName',
          'idCard',
          'patientCard',
          'payType',
          'departmentName',
          'departmentCode',
          'doctorName',
          'doctorCode',
          'clinicDate',
          'clinicTimeQuantum',
          'clinicFee',
          'payedTime',
          'sign',
        ].sort(),
      );
      // 2024-10-13T17:05:09Z is 01:05:09 the next day in Beijing.
      expect(posts[0]!.fields).toMatchObject({ payedTime: '2024-10-14 01:05:09', clinicFee: '40.00', payType: 'wechatMP', clinicTimeQuantum: '14:00-17:30' });
    });

    it('posts a same-day registration (payRegister) and keeps the lock register id', async () => {
      const input = await locked('register', target(TODAY, '上午', 'EK01'));
      const before = sim.calls.length;
      const r = await booking.postPayment(input);
      expect(r).toMatchObject({ state: 'posted', hisBookingId: input.hisBookingId, invoiceNo: expect.stringMatching(/^FP/) });
      expect(input.amountFen).toBe(1350);
      const call = sim.calls.slice(before).find((c) => c.method === 'payRegister')!;
      expect(call.fields).toMatchObject({ registerId: input.hisBookingId, clinicFee: '13.50' });
      expect(call.fields.subscriptionId).toBeUndefined();
      await expect(booking.queryOrderStatus(input.tradeNo, 'register')).resolves.toMatchObject({ state: 'posted', hisBookingId: input.hisBookingId });
    });

    it('error with isRefund=1: failed, refund at once; nothing booked, and a repeated notice answers the same', async () => {
      const input = await locked('subscription', target(day(2), '上午', 'D012B'));
      sim.faults.inject('subscriptionPay', { kind: 'error-refund', message: '号源已作废' });
      await expect(booking.postPayment(input)).resolves.toEqual({ state: 'failed', isRefund: true, message: '号源已作废' });
      expect(sim.ledger.bookedCount(input.tradeNo)).toBe(0);
      await expect(booking.postPayment(input)).resolves.toEqual({ state: 'failed', isRefund: true, message: '号源已作废' });
      expect(sim.ledger.bookedCount(input.tradeNo)).toBe(0);
      expect(await booking.queryOrderStatus(input.tradeNo, 'subscription')).toMatchObject({ state: 'not_posted' });
    });

    it('error without isRefund: failed, not to be refunded; the retry posts it once', async () => {
      const input = await locked('subscription', target(day(2), '上午', 'D021C'));
      sim.faults.inject('subscriptionPay', { kind: 'error', message: '系统繁忙' });
      await expect(booking.postPayment(input)).resolves.toEqual({ state: 'failed', isRefund: false, message: '系统繁忙' });
      expect(sim.ledger.bookedCount(input.tradeNo)).toBe(0);
      expect((await booking.postPayment(input)).state).toBe('posted');
      expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);
    });

    it('commit-then-hang: HIS_UNAVAILABLE within the timeout; queryOrderStatus settles it as posted without a second booking', async () => {
      const input = await locked('subscription', target(day(4), '上午', 'D011A'));
      sim.faults.inject('subscriptionPay', { kind: 'commit-then-hang' });
      const started = Date.now();
      expect((await failure(booking.postPayment(input))).code).toBe('HIS_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 500);
      expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);
      const status = await booking.queryOrderStatus(input.tradeNo, 'subscription');
      expect(status).toMatchObject({ state: 'posted', invoiceNo: expect.stringMatching(/^FP/) });
      // A notice sent anyway gets the recorded result, not a second booking.
      const again = await booking.postPayment(input);
      expect(again).toMatchObject({ state: 'posted', invoiceNo: status.state === 'posted' ? status.invoiceNo : '' });
      expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);
      expect(sim.ledger.postAttempts(input.tradeNo)).toBe(2);
    });

    it('commit-then-drop: HIS_UNAVAILABLE; queryOrderStatus settles it as posted, booked once', async () => {
      const input = await locked('register', target(TODAY, '下午', 'WK02'));
      sim.faults.inject('payRegister', { kind: 'commit-then-drop' });
      expect((await failure(booking.postPayment(input))).code).toBe('HIS_UNAVAILABLE');
      expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);
      await expect(booking.queryOrderStatus(input.tradeNo, 'register')).resolves.toMatchObject({ state: 'posted', hisBookingId: input.hisBookingId });
      expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);
    });

    it('a notice arriving while the first is in processing waits and gets the same result', async () => {
      const input = await locked('subscription', target(day(5), '下午', 'D011A'));
      sim.faults.inject('subscriptionPay', { kind: 'slow-commit', delayMs: 150 });
      const [a, b] = await Promise.all([booking.postPayment(input), booking.postPayment(input)]);
      expect(a.state).toBe('posted');
      expect(b).toEqual(a);
      expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);
    });

    it('refunds at once when the slot is gone: paying a cancelled lock, or a stopped schedule', async () => {
      const cancelled = await locked('subscription', target(day(6), '上午', 'D012B'));
      await booking.cancel('subscription', cancelled.hisBookingId);
      await expect(booking.postPayment(cancelled)).resolves.toMatchObject({ state: 'failed', isRefund: true });
      const t = target(day(6), '上午', 'D021C');
      const stopped = await locked('subscription', t);
      sim.stopSchedule(t.scheduleId);
      await expect(booking.postPayment(stopped)).resolves.toMatchObject({ state: 'failed', isRefund: true });
      expect(sim.ledger.bookedCount(stopped.tradeNo)).toBe(0);
    });

    it('refunds at once when the amount is not what HIS charges', async () => {
      const input = await locked('subscription', target(day(6), '下午', 'D011A'));
      await expect(booking.postPayment({ ...input, amountFen: input.amountFen + 1 })).resolves.toMatchObject({ state: 'failed', isRefund: true });
      expect(sim.ledger.bookedCount(input.tradeNo)).toBe(0);
    });

    it('turns a hang before HIS books into HIS_UNAVAILABLE and queryOrderStatus not_posted', async () => {
      const input = await locked('subscription', target(day(5), '上午', 'D011A'));
      sim.faults.inject('subscriptionPay', { kind: 'hang' });
      expect((await failure(booking.postPayment(input))).code).toBe('HIS_UNAVAILABLE');
      expect(await booking.queryOrderStatus(input.tradeNo, 'subscription')).toMatchObject({ state: 'not_posted' });
      expect(sim.ledger.bookedCount(input.tradeNo)).toBe(0);
    });
  });

  describe('queryOrderStatus', () => {
    it('answers not_posted for an unknown tradeNo, with HIS words', async () => {
      await expect(booking.queryOrderStatus('EH000000000000000404', 'subscription')).resolves.toEqual({ state: 'not_posted', message: '未查询到该订单的支付记录' });
    });

    it('turns a malformed reply into HIS_BAD_REPLY and HTTP 500 into HIS_UNAVAILABLE', async () => {
      sim.faults.inject('queryOrderStatus', { kind: 'malformed' });
      expect((await failure(booking.queryOrderStatus('EH1', 'register'))).code).toBe('HIS_BAD_REPLY');
      sim.faults.inject('queryOrderStatus', { kind: 'http500' });
      expect((await failure(booking.queryOrderStatus('EH1', 'register'))).code).toBe('HIS_UNAVAILABLE');
    });
  });
});

describe('HisBookingAdapter mapping', () => {
  /** The real client over a transport that always answers `xml`. */
  function replying(xml: string): HisBookingAdapter {
    return new HisBookingAdapter(new HisClient({ transport: { call: async () => xml }, signKey: 'k', maxReplyBytes: 65536 }));
  }
  const t: BookingTarget = {
    scheduleId: 's',
    sourceNo: '4545665',
    sourceOrder: '3',
    departmentCode: 'c0002',
    departmentName: '风湿科',
    doctorCode: 'D0032',
    doctorName: '李玲',
    clinicType: '专家门诊',
    clinicDate: '2015-03-20',
    clinicTime: '8:00-9:00',
    clinicTimeQuantum: '8:00-9:00',
    feeFen: 1500,
  };
  const input: PostPaymentInput = { kind: 'register', hisBookingId: 'YY006', tradeNo: 'EH1', patient: zhang, target: t, amountFen: 1500, payType: 'wechatMP', payedAt: NOW };

  it('reads the 6.1.2 sample', async () => {
    const r = await replying(
      '<response><result>success</result><message></message><registerId>YY006</registerId><hisOrderNumber>1</hisOrderNumber><amount>13.50</amount></response>',
    ).lock('register', zhang, t);
    expect(r).toEqual({ ok: true, hisBookingId: 'YY006', amountFen: 1350, queueNo: '1' });
  });

  it('refuses a success without the booking id, or an unreadable amount, as HIS_BAD_REPLY', async () => {
    expect((await failure(replying('<response><result>success</result><registerId>YY006</registerId></response>').lock('subscription', zhang, t))).code).toBe(
      'HIS_BAD_REPLY',
    );
    expect((await failure(replying('<response><result>success</result><subscriptionId>a</subscriptionId><amount>15元</amount></response>').lock('subscription', zhang, t))).code).toBe(
      'HIS_BAD_REPLY',
    );
  });

  it('turns an undocumented result into HIS_BAD_REPLY (outcome unknown), never a failure', async () => {
    expect((await failure(replying('<response><result>processing</result><isRefund>1</isRefund></response>').postPayment(input))).code).toBe('HIS_BAD_REPLY');
    expect((await failure(replying('<response><result>busy</result></response>').lock('register', zhang, t))).code).toBe('HIS_BAD_REPLY');
    expect((await failure(replying('<response><result>unknown</result></response>').queryOrderStatus('EH1', 'register'))).code).toBe('HIS_BAD_REPLY');
  });

  it('reads isRefund only as 1 = refund; ERROR in capitals is a failure', async () => {
    await expect(replying('<response><result>ERROR</result><message>x</message><isRefund>1</isRefund></response>').postPayment(input)).resolves.toEqual({
      state: 'failed',
      isRefund: true,
      message: 'x',
    });
    await expect(replying('<response><result>error</result><message>x</message><isRefund>0</isRefund></response>').postPayment(input)).resolves.toMatchObject({
      isRefund: false,
    });
    await expect(replying('<response><result>error</result><message>x</message></response>').postPayment(input)).resolves.toMatchObject({ isRefund: false });
  });

  it('reads the 15.2 sample (lowercase success) as posted', async () => {
    const xml =
      '<response><result>success</result><message></message><invoiceNo>434324324433</invoiceNo><hisPayId>434324324433</hisPayId><inspectPlace>检验科一楼</inspectPlace><windowNo>1</windowNo></response>';
    await expect(replying(xml).queryOrderStatus('EH051809010000000001', 'hisSrc')).resolves.toEqual({
      state: 'posted',
      invoiceNo: '434324324433',
      hisPayId: '434324324433',
      hisBookingId: null,
      queueNo: null,
    });
  });
});
