/**
 * HisBookingAdapter postPayment and queryOrderStatus against the simulator: posting once, HIS
 * refusals, and the faults (hang, drop, slow) that queryOrderStatus has to settle.
 */
import type { HisBookingAdapter } from './his-booking.adapter';
import type { HisSimulator } from './sim/his-simulator';
import { seed } from './sim/seed';
import { catalogueSeed } from './sim/seed-catalogue';
import { BOOKING_TIMEOUT_MS as TIMEOUT_MS, BOOKING_TODAY as TODAY, bookingDay as day, BookingSimulator, failure } from './test-support';

describe.each(['http', 'soap'] as const)('HisBookingAdapter against the simulator over %s', (transport) => {
  const h = new BookingSimulator(transport);
  const { target, locked } = h;
  let sim: HisSimulator;
  let booking: HisBookingAdapter;

  beforeAll(async () => ({ sim, booking } = await h.open()));
  afterAll(() => h.server.close());
  afterEach(() => sim.faults.clear());

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
        // Outpatient places only: a booking has none.
        inspectPlace: null,
        windowNo: null,
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
      expect(await booking.queryOrderStatus(input.tradeNo, 'subscription')).toMatchObject({ state: 'error' });
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

    it('turns a hang before HIS books into HIS_UNAVAILABLE and queryOrderStatus ERROR', async () => {
      const input = await locked('subscription', target(day(5), '上午', 'D011A'));
      sim.faults.inject('subscriptionPay', { kind: 'hang' });
      expect((await failure(booking.postPayment(input))).code).toBe('HIS_UNAVAILABLE');
      expect(await booking.queryOrderStatus(input.tradeNo, 'subscription')).toMatchObject({ state: 'error' });
      expect(sim.ledger.bookedCount(input.tradeNo)).toBe(0);
    });
  });

  describe('queryOrderStatus', () => {
    it('passes an ERROR for an unknown tradeNo on as an error, with HIS words (what it means is configuration)', async () => {
      await expect(booking.queryOrderStatus('EH000000000000000404', 'subscription')).resolves.toEqual({ state: 'error', message: '未查询到该订单的支付记录' });
    });

    it('turns a malformed reply into HIS_BAD_REPLY and HTTP 500 into HIS_UNAVAILABLE', async () => {
      sim.faults.inject('queryOrderStatus', { kind: 'malformed' });
      expect((await failure(booking.queryOrderStatus('EH1', 'register'))).code).toBe('HIS_BAD_REPLY');
      sim.faults.inject('queryOrderStatus', { kind: 'http500' });
      expect((await failure(booking.queryOrderStatus('EH1', 'register'))).code).toBe('HIS_UNAVAILABLE');
    });
  });
});
