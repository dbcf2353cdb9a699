import { hisCatalogueSeed as cat, hisSeed as seed } from '../../adapters/his';
import { addDays } from '../../domain/time';
import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { FAST_ORDERS, waitForState } from '../../../../test/support/booking-flow';

describe('catalogue and booking API', () => {
  let bff: TestBff;
  let token: string;
  let patientId: string;
  let today: string;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'booking', config: { ...FAST_ORDERS, catalogue: { availabilityTtlSeconds: 5 } } as never });
    token = await bff.login('booker');
    const z = seed.outpatient;
    patientId = (await bff.bind(token, z, 'self')).body.id;
    today = (await bff.request('GET', '/api/catalogue/schedules?departmentCode=NK01', { token })).body.today;
  });
  afterAll(async () => {
    await bff.close();
  });
  const schedules = async (dept: string) => (await bff.request('GET', `/api/catalogue/schedules?departmentCode=${dept}`, { token })).body.schedules as any[];
  const book = (body: Record<string, unknown>) => bff.request('POST', '/api/bookings', { token, body: { requestId: `req-${Math.random().toString(36).slice(2)}`, patientId, slot: null, payClient: 'h5', ...body } });

  it('serves departments as a tree of level-1 and level-2', async () => {
    const r = await bff.request('GET', '/api/catalogue/departments', { token });
    expect(r.body.departments.map((d: { code: string }) => d.code)).toEqual([...cat.departments.level1]);
    const children = r.body.departments.flatMap((d: { children: { code: string }[] }) => d.children.map((c) => c.code));
    expect(children.sort()).toEqual([...cat.departments.level2].sort());
  });

  it('shows fees in fen, sold-out and stopped schedules as such, and names the doctor', async () => {
    const wk01 = await schedules('WK01');
    const soldOut = wk01.find((s) => s.doctorCode === cat.soldOut.doctorCode && s.date === addDays(today, 1) && s.period === '上午');
    expect(soldOut).toMatchObject({ status: 'full', remaining: 0, feeFen: cat.soldOut.feeFen, doctorName: '王磊', bookingKind: 'subscription' });
    const wk02 = await schedules('WK02');
    expect(wk02.find((s) => s.doctorCode === cat.stopped.doctorCode && s.date === addDays(today, 2) && s.period === '上午')).toMatchObject({ status: 'stopped' });
    const ek = await schedules('EK01');
    expect(ek.find((s) => s.doctorCode === null)!.feeFen).toBe(1350);
    expect(ek.some((s) => s.date === today && s.bookingKind === 'register')).toBe(true);
  });

  it('coalesces concurrent identical schedule reads into one HIS call', async () => {
    bff.deps.catalogue.invalidate('NK02');
    const before = bff.sims.his!.calls.filter((c) => c.method === 'querySchedule').length;
    await Promise.all(Array.from({ length: 50 }, () => schedules('NK02')));
    expect(bff.sims.his!.calls.filter((c) => c.method === 'querySchedule').length - before).toBe(1);
  });

  it('charges the amount HIS returns when locking, not the schedule fee, and never the client’s', async () => {
    const s = (await schedules('NK01')).find((x) => x.doctorCode === cat.discounted.doctorCode && x.period === '下午' && x.date > today);
    const r = await book({ departmentCode: 'NK01', scheduleId: s.scheduleId, amountFen: 1 });
    expect(r.status).toBe(200);
    expect(r.body.order.amountFen).toBe(cat.discounted.amountFen);
    expect(bff.sims.payment!.ledger.charge(r.body.order.tradeNo)!.amountFen).toBe(cat.discounted.amountFen);
    expect(r.body.payParams.kind).toBe('h5');
  });

  it('returns the same order for a repeated request id', async () => {
    const s = (await schedules('NK01')).find((x) => x.status === 'open' && x.date > today);
    const body = { requestId: 'same-request-0001', patientId, departmentCode: 'NK01', scheduleId: s.scheduleId, slot: null, payClient: 'h5' };
    const [a, b] = [await bff.request('POST', '/api/bookings', { token, body }), await bff.request('POST', '/api/bookings', { token, body })];
    expect(a.body.order.tradeNo).toBe(b.body.order.tradeNo);
    expect(bff.sims.his!.calls.filter((c) => c.method === 'insertSubscription' && c.fields.scheduleId === s.scheduleId)).toHaveLength(1);
  });

  it('turns HIS refusals into clear codes and leaves a closed order, nothing charged', async () => {
    const lost = seed.lostCard;
    const other = await bff.login('lost-card-owner');
    // Bound while the card was good; reported lost afterwards (a lost card cannot be bound).
    const card = bff.sims.his!.state.patients.get(lost.patientCard)!;
    card.cardStatus = 'normal';
    const pid = (await bff.bind(other, lost, 'self')).body.id;
    card.cardStatus = 'lost';
    expect(pid).toBeTruthy();
    const s = (await schedules('NK01')).find((x) => x.status === 'open' && x.date > today);
    const r = await bff.request('POST', '/api/bookings', { token: other, body: { requestId: 'lost-card-req-1', patientId: pid, departmentCode: 'NK01', scheduleId: s.scheduleId, slot: null, payClient: 'h5' } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('CARD_INVALID');
    const orders = (await bff.request('GET', '/api/orders', { token: other })).body.orders;
    expect(orders).toHaveLength(1);
    expect(orders[0].status.state).toBe('closed');
    expect(bff.sims.payment!.ledger.charge(orders[0].tradeNo)).toBeUndefined();
  });

  it('refuses sold-out and stopped schedules before calling HIS', async () => {
    const full = (await schedules('WK01')).find((x) => x.status === 'full');
    const stopped = (await schedules('WK02')).find((x) => x.status === 'stopped');
    const locks = () => bff.sims.his!.calls.filter((c) => c.method.startsWith('insert')).length;
    const before = locks();
    expect((await book({ departmentCode: 'WK01', scheduleId: full.scheduleId })).body.error.code).toBe('SCHEDULE_FULL');
    expect((await book({ departmentCode: 'WK02', scheduleId: stopped.scheduleId })).body.error.code).toBe('SCHEDULE_STOPPED');
    expect((await book({ departmentCode: 'WK02', scheduleId: 'S19990101-AM-NOPE' })).body.error.code).toBe('NO_SCHEDULE');
    expect(locks()).toBe(before);
  });

  it('closes an unpaid booking when its time runs out and gives the number back to HIS', async () => {
    const s = (await schedules('EK01')).find((x) => x.status === 'open' && x.doctorCode && x.date > today);
    const remaining = () => schedules('EK01').then((l) => l.find((x) => x.scheduleId === s.scheduleId).remaining);
    const r = await book({ departmentCode: 'EK01', scheduleId: s.scheduleId });
    const tradeNo = r.body.order.tradeNo;
    bff.deps.catalogue.invalidate('EK01');
    const held = await remaining();
    // Time passes: the expiry job comes due.
    await bff.deps.store.db.updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('job_key', '=', `expire:${tradeNo}`).execute();
    await waitForState(bff, tradeNo, ['closed']);
    expect(bff.sims.payment!.ledger.charge(tradeNo)!.state).toBe('closed');
    bff.deps.catalogue.invalidate('EK01');
    expect(await remaining()).toBe(held + 1);
    const detail = await bff.request('GET', `/api/orders/${tradeNo}`, { token });
    expect(detail.body.status).toMatchObject({ state: 'closed', label: '已取消', canPay: false });
  });
});

describe('real-time schedules (queryRealtimeSchedule / …Detail)', () => {
  it('reads a week per department, one day through the detail method, and leaves unlimited numbers open', async () => {
    const bff = await startTestBff({ name: 'realtime', config: { catalogue: { scheduleMode: 'realtime', timeSlots: false } } as never });
    try {
      const token = await bff.login('rt');
      const week = await bff.request('GET', '/api/catalogue/schedules?departmentCode=EK01', { token });
      expect(week.status).toBe(200);
      const ordinary = week.body.schedules.find((s: { doctorCode: string | null }) => s.doctorCode === null);
      expect(ordinary).toMatchObject({ remaining: null, status: 'open' });
      const day = addDays(week.body.today, 1);
      const one = await bff.request('GET', `/api/catalogue/schedules?departmentCode=EK01&from=${day}&to=${day}`, { token });
      expect(one.body.schedules.length).toBeGreaterThan(0);
      expect(one.body.schedules.every((s: { date: string }) => s.date === day)).toBe(true);
      const methods = bff.sims.his!.calls.map((c) => c.method);
      expect(methods).toEqual(expect.arrayContaining(['queryRealtimeSchedule', 'queryRealtimeScheduleDetail']));
      expect(methods).not.toContain('querySchedule');
      const slots = await bff.request('GET', `/api/catalogue/slots?departmentCode=EK01&scheduleId=${ordinary.scheduleId}`, { token });
      expect(slots.body).toEqual({ slots: [], timeSlotsUsed: false });
    } finally {
      await bff.close();
    }
  });
});
