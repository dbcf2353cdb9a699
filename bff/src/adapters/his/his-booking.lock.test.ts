/** HisBookingAdapter lock and cancel against the simulator: slots taken, refused and given back. */
import type { HisBookingAdapter } from './his-booking.adapter';
import type { HisSimulator } from './sim/his-simulator';
import { seed } from './sim/seed';
import { catalogueSeed } from './sim/seed-catalogue';
import { BOOKING_TODAY as TODAY, bookingDay as day, BookingSimulator, failure, zhang } from './test-support';

describe.each(['http', 'soap'] as const)('HisBookingAdapter against the simulator over %s', (transport) => {
  const h = new BookingSimulator(transport);
  const { target, remaining, locked } = h;
  let sim: HisSimulator;
  let booking: HisBookingAdapter;

  beforeAll(async () => ({ sim, booking } = await h.open()));
  afterAll(() => h.server.close());
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
});
