import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { bookOne, FAST_ORDERS, waitForState } from '../../../../test/support/booking-flow';
import { hisSeed as seed } from '../../adapters/his';

/** The voucher, the 预约成功 notice and the queue: what a patient needs on the day of the visit. */
describe('on the day: voucher, notice and queue', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'on-the-day', config: { ...FAST_ORDERS, queue: { pollSeconds: 3600, remindWithin: 3, cacheSeconds: 0 }, patientService: { visit: { arriveMinutesBefore: 20, bring: ['就诊卡', '身份证'] } } } as never });
  });
  afterAll(async () => {
    await bff?.close();
  });

  const paid = async (opts: Parameters<typeof bookOne>[1]) => {
    const o = await bookOne(bff, opts);
    await bff.sims.payment!.pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['posted']);
    return o;
  };

  it('a confirmed booking has a voucher: place from HIS, date, time, number, arrival and what to bring', async () => {
    const o = await paid({ departmentCode: 'NK01', doctorCode: 'D011A' });
    const r = await bff.request('GET', `/api/orders/${o.tradeNo}`, { token: o.token });
    expect(r.status).toBe(200);
    const v = r.body.voucher;
    const stored = await bff.deps.orders.get(o.tradeNo);
    const target = (stored!.details as { target: { clinicDate: string; clinicTime: string; clinicTimeQuantum: string } }).target;
    expect(v.place).toBe('门诊楼二楼A区（心血管内科）'); // findAllDepartments departmentAddress of NK01
    expect(v.patientName).toBe(seed.outpatient.realName);
    expect(v.patientCardMasked).not.toContain(seed.outpatient.patientCard);
    expect(v.date).toBe(target.clinicDate);
    expect(v.weekday).toBe(['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'][new Date(`${target.clinicDate}T00:00:00Z`).getUTCDay()]);
    expect(v.time).toBe(`${target.clinicTime} ${target.clinicTimeQuantum}`);
    const start = /(\d{2}):(\d{2})/.exec(target.clinicTimeQuantum)!;
    const arriveAt = Number(start[1]) * 60 + Number(start[2]) - 20;
    expect(v.arrive).toBe(`请于 ${String(Math.floor(arriveAt / 60)).padStart(2, '0')}:${String(arriveAt % 60).padStart(2, '0')} 前到达门诊楼二楼A区签到`);
    expect(v.bring).toEqual(['就诊卡', '身份证']);
    expect(v.number).toBe(r.body.receipt?.queueNo ?? (stored!.details as { queueNo: string | null }).queueNo);
    expect(v.number).toMatch(/^\d+$/);
    expect(v.queueToday).toBe(false);
  });

  it('the 预约成功 notice names the patient, the date, the time and the place', async () => {
    const o = await paid({ departmentCode: 'NK02' });
    const list = await bff.request('GET', '/api/notices', { token: o.token });
    const n = list.body.notices.find((x: { kind: string }) => x.kind === 'order_posted');
    const target = ((await bff.deps.orders.get(o.tradeNo))!.details as { target: { clinicDate: string; clinicTimeQuantum: string } }).target;
    expect(n.title).toBe('预约成功');
    expect(n.body).toContain(`就诊人：${seed.outpatient.realName}`);
    expect(n.body).toContain(target.clinicDate);
    expect(n.body).toContain(target.clinicTimeQuantum);
    expect(n.body).toContain('地点：门诊楼二楼B区（消化内科）');
  });

  it('an unpaid booking and a cancelled one have no voucher', async () => {
    const unpaid = await bookOne(bff, { departmentCode: 'WK01' });
    expect((await bff.request('GET', `/api/orders/${unpaid.tradeNo}`, { token: unpaid.token })).body.voucher).toBeNull();
    const o = await paid({ departmentCode: 'NK02' });
    const cancelled = await bff.request('POST', `/api/orders/${o.tradeNo}/cancel`, { token: o.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.voucher).toBeNull();
  });

  it('the queue: ahead never exceeds those waiting, and the place is where to wait', async () => {
    const o = await paid({ departmentCode: 'EK01', doctorCode: null, today: true, user: 'queue-today' });
    const mine = Number((await bff.deps.orders.get(o.tradeNo))!.receipt?.queueNo ?? ((await bff.deps.orders.get(o.tradeNo))!.details as { queueNo: string }).queueNo);
    // The numbers say 9 ahead; HIS says 3 wait: the page says 3, not 9.
    bff.sims.his!.setQueue('EK01', null, mine - 10, 3);
    let q = (await bff.request('GET', '/api/queue', { token: o.token })).body.items[0];
    expect(q).toMatchObject({ myNumber: mine, nowServing: mine - 10, waiting: 3, ahead: 3, state: 'waiting', label: '前面还有 3 人', place: '儿科楼一楼' });
    bff.sims.his!.setQueue('EK01', null, mine - 3, 10);
    q = (await bff.request('GET', '/api/queue', { token: o.token })).body.items[0];
    expect(q).toMatchObject({ ahead: 2, waiting: 10, label: '前面还有 2 人' });
    bff.sims.his!.setQueue('EK01', null, mine - 1, 10);
    q = (await bff.request('GET', '/api/queue', { token: o.token })).body.items[0];
    expect(q.ahead).toBe(0);
    expect(q.label).toContain('下一位就是您');
    bff.sims.his!.setQueue('EK01', null, mine, 9);
    q = (await bff.request('GET', '/api/queue', { token: o.token })).body.items[0];
    expect(q).toMatchObject({ state: 'called', ahead: 0 });
    // Today's voucher links to the queue.
    expect((await bff.request('GET', `/api/orders/${o.tradeNo}`, { token: o.token })).body.voucher.queueToday).toBe(true);
  });

  it('the customer-service phone comes from config and needs no login', async () => {
    const r = await bff.request('GET', '/api/hospital');
    expect(r.status).toBe(200);
    expect(r.body.customerServicePhone).toBe(bff.deps.config.patientService.customerServicePhone);
    expect(r.body.name).toBe(bff.deps.config.patientService.hospitalName);
  });
});
