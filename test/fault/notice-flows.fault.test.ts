import { hisSeed as seed } from '../../bff/src/adapters/his';
import { sendPlatformPush } from '../../bff/src/adapters/payment';
import type { LabPort } from '../../bff/src/domain/lab/ports';
import { withdrawnSyncJob } from '../../bff/src/workflows/lab/withdrawn-sync.job';
import { followQueueJob } from '../../bff/src/workflows/queue/follow-queue.job';
import { startTestBff, type TestBff } from '../support/bff';
import { bookOne, FAST_ORDERS, waitForState } from '../support/booking-flow';

const fakeJob = { id: 'x', kind: 'k', key: 'k', payload: {}, attempts: 1, runAt: '' };
const z = seed.outpatient;

describe('notices end to end', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'notice-flows', config: { ...FAST_ORDERS, queue: { pollSeconds: 3600, remindWithin: 3, cacheSeconds: 0 }, lab: { mode: 'sim', syncSeconds: 3600 } } as never });
  });
  afterAll(async () => {
    await bff.close();
  });
  const noticesOf = async (token: string) => (await bff.request('GET', '/api/notices', { token })).body.notices as { kind: string; body: string; link: string }[];

  it('a stopped clinic: everyone booked is told; unpaid released, paid cancelled and refunded once', async () => {
    const paid = await bookOne(bff, { departmentCode: 'NK02' });
    const unpaid = await bookOne(bff, { departmentCode: 'NK02', scheduleId: paid.scheduleId });
    await bff.sims.payment!.pay(paid.tradeNo);
    await waitForState(bff, paid.tradeNo, ['posted']);
    const [date] = paid.scheduleId.slice(1, 9).match(/^(\d{4})(\d{2})(\d{2})$/)!.slice(1).join('-').split(' ');
    const stop = { scheduleId: paid.scheduleId, clinicDate: date!, departmentCode: 'NK02' };
    const r = await bff.sims.his!.pushStopSchedule(`${bff.url}/his/pushStopSchedule`, stop, { padded: true });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ result: 'success', message: '' });
    await waitForState(bff, paid.tradeNo, ['refunded']);
    await waitForState(bff, unpaid.tradeNo, ['closed']);
    for (const o of [paid, unpaid]) {
      const mine = (await noticesOf(o.token)).filter((n) => n.kind === 'clinic_stopped');
      expect(mine).toHaveLength(1);
      expect(mine[0]!.body).toMatch(/停诊/);
      expect(mine[0]!.body).toMatch(/可改约|暂无可预约/);
    }
    expect(bff.sims.payment!.ledger.refundsOf(paid.tradeNo)).toHaveLength(1);
    expect(bff.sims.payment!.ledger.charge(unpaid.tradeNo)!.state).toBe('closed');
    // The same push again: no new notice, no second refund.
    await bff.sims.his!.pushStopSchedule(`${bff.url}/his/pushStopSchedule`, stop);
    await new Promise((res) => setTimeout(res, 300));
    expect((await noticesOf(paid.token)).filter((n) => n.kind === 'clinic_stopped')).toHaveLength(1);
    expect(bff.sims.payment!.ledger.refundsOf(paid.tradeNo)).toHaveLength(1);
    const list = await bff.request('GET', '/api/catalogue/schedules?departmentCode=NK02', { token: paid.token });
    expect(list.body.schedules.find((s: { scheduleId: string }) => s.scheduleId === paid.scheduleId).status).toBe('stopped');
  });

  it('a stop-schedule push with a bad or missing signature is refused and stops nothing', async () => {
    const o = await bookOne(bff, { departmentCode: 'WK01' });
    const date = `${o.scheduleId.slice(1, 5)}-${o.scheduleId.slice(5, 7)}-${o.scheduleId.slice(7, 9)}`;
    for (const sign of ['bad', 'none'] as const) {
      const r = await bff.sims.his!.pushStopSchedule(`${bff.url}/his/pushStopSchedule`, { scheduleId: o.scheduleId, clinicDate: date }, { sign });
      expect(r.status).toBe(401);
    }
    const rows = await bff.deps.store.db.selectFrom('stopped_schedules').selectAll().where('schedule_id', '=', o.scheduleId).execute();
    expect(rows).toEqual([]);
    expect(await bff.deps.orders.get(o.tradeNo)).toMatchObject({ state: 'paying' });
    expect((await noticesOf(o.token)).filter((n) => n.kind === 'clinic_stopped')).toHaveLength(0);
  });

  it('queue reminders fire once each, and HIS is asked once per department whatever the number of patients', async () => {
    const booked = [];
    for (let i = 0; i < 6; i++) {
      const o = await bookOne(bff, { departmentCode: 'EK01', doctorCode: null, today: true, user: `queue-${i}` });
      await bff.sims.payment!.pay(o.tradeNo);
      booked.push(o);
    }
    for (const o of booked) await waitForState(bff, o.tradeNo, ['posted']);
    const orders = await Promise.all(booked.map((o) => bff.deps.orders.get(o.tradeNo)));
    const numbers = orders.map((o) => Number(o!.receipt?.queueNo ?? (o!.details as { queueNo?: string }).queueNo));
    expect(numbers.every((n) => Number.isInteger(n) && n > 0)).toBe(true);
    const calls = () => bff.sims.his!.calls.filter((c) => c.method === 'findQueueUp').length;
    const first = Math.min(...numbers);
    const order0 = booked[numbers.indexOf(first)]!;
    // Far away: no reminder. Within 3: one reminder. Called: one more. Again: nothing new.
    bff.sims.his!.setQueue('EK01', null, first - 10, 20);
    let before = calls();
    await followQueueJob(bff.deps, fakeJob);
    expect(calls() - before).toBe(1);
    expect((await noticesOf(order0.token)).filter((n) => n.kind.startsWith('queue_'))).toHaveLength(0);
    bff.sims.his!.setQueue('EK01', null, first - 2, 20);
    await followQueueJob(bff.deps, fakeJob);
    await followQueueJob(bff.deps, fakeJob);
    expect((await noticesOf(order0.token)).filter((n) => n.kind === 'queue_near')).toHaveLength(1);
    bff.sims.his!.setQueue('EK01', null, first, 20);
    before = calls();
    await followQueueJob(bff.deps, fakeJob);
    await followQueueJob(bff.deps, fakeJob);
    expect(calls() - before).toBe(2);
    expect((await noticesOf(order0.token)).filter((n) => n.kind === 'queue_called')).toHaveLength(1);
    const q = await bff.request('GET', '/api/queue', { token: order0.token });
    expect(q.body.items[0]).toMatchObject({ state: 'called', myNumber: first });
  });

  it('withdrawn lab reports: a crash between marking and acknowledging never notifies twice', async () => {
    const token = await bff.login('lab-patient');
    await bff.bind(token, z, 'self');
    const lab = bff.sims.lab!;
    const id = lab.withdraw({ reportId: 'ZS-LIS-01', reportName: '血常规', patientName: z.realName, idCard: z.idCard, patientCard: z.patientCard, reason: '标本溶血' });
    const real = bff.deps.lab!;
    const crashing: LabPort = { ...real, listWithdrawn: () => real.listWithdrawn(), detail: (x) => real.detail(x), acknowledge: async () => Promise.reject(new Error('process killed')) };
    await expect(withdrawnSyncJob({ ...bff.deps, lab: crashing }, fakeJob)).rejects.toThrow('process killed');
    expect(lab.acknowledged.has(id)).toBe(false);
    await withdrawnSyncJob(bff.deps, fakeJob);
    expect(lab.acknowledged.has(id)).toBe(true);
    const mine = (await noticesOf(token)).filter((n) => n.kind === 'report_withdrawn');
    expect(mine).toHaveLength(1);
    // The lab no longer lists it: a third run changes nothing.
    await withdrawnSyncJob(bff.deps, fakeJob);
    expect((await noticesOf(token)).filter((n) => n.kind === 'report_withdrawn')).toHaveLength(1);
    const patients = (await bff.request('GET', '/api/patients', { token })).body.patients;
    const detail = await bff.request('GET', `/api/patients/${patients[0].id}/reports/ZS-LIS-01`, { token });
    expect(detail.body.withdrawn).not.toBeNull();
  });

  it('a lab outage is retried later and kept for operators, nothing lost', async () => {
    const lab = bff.sims.lab!;
    const id = lab.withdraw({ reportId: 'ZS-LIS-09', patientName: z.realName, idCard: z.idCard, patientCard: z.patientCard });
    lab.faults.next('http500');
    const before = Date.now();
    const outcome = await withdrawnSyncJob(bff.deps, fakeJob);
    expect(outcome).toMatchObject({ payload: { syncError: { op: 'list', reason: 'http-status', status: 500 } } });
    const retryAt = 'retryAt' in outcome ? outcome.retryAt.getTime() : 0;
    expect(retryAt - before).toBeGreaterThanOrEqual(3_599_000);
    expect(lab.acknowledged.has(id)).toBe(false);
    await withdrawnSyncJob(bff.deps, fakeJob);
    expect(lab.acknowledged.has(id)).toBe(true);
  });

  it('platform push messages: valid, forged, replayed, malformed, duplicate, unknown patient', async () => {
    const token = await bff.login('inpatient-family');
    const w = seed.inpatient;
    await bff.bind(token, w, 'parent');
    const url = `${bff.url}/pay/push`;
    const creds = { appId: 'sim-pay-app', appSecret: 'sim-pay-secret-not-real' };
    const param = { userName: w.realName, idNo: w.idCard, contactNumber: w.phone, inpatientNo: w.serialNumber, cardType: '03', cardNo: w.patientCard, accountType: '02', wardName: '儿科病区', inpatientDate: '2024-10-12', bcbxf0: '0', grzfe0: '100', bcfyze: '100', balance: '-12.50', complementMoney: '12.50' };
    const ok = await sendPlatformPush(url, 'hop.inpatient.msg.overpay', param, { ...creds, nonce: 'nonce-a-0001' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ respCode: '000000' });
    expect((await noticesOf(token)).filter((n) => n.kind === 'inpatient_arrears')).toHaveLength(1);
    expect((await sendPlatformPush(url, 'hop.inpatient.msg.overpay', param, { ...creds, nonce: 'nonce-a-0001' })).status).toBe(401);
    expect((await sendPlatformPush(url, 'hop.inpatient.msg.overpay', param, { ...creds, nonce: 'nonce-a-0002', sign: 'bad' })).status).toBe(401);
    expect((await sendPlatformPush(url, 'hop.inpatient.msg.overpay', param, { ...creds, nonce: 'nonce-a-0003', timestamp: '20200101000000' })).status).toBe(401);
    expect((await sendPlatformPush(url, 'hop.inpatient.msg.overpay', { ...param, complementMoney: '' }, { ...creds, nonce: 'nonce-a-0004' })).status).toBe(400);
    // The same message re-sent with a new nonce: shown once.
    expect((await sendPlatformPush(url, 'hop.inpatient.msg.overpay', param, { ...creds, nonce: 'nonce-a-0005' })).status).toBe(200);
    expect((await noticesOf(token)).filter((n) => n.kind === 'inpatient_arrears')).toHaveLength(1);
    const before = (await bff.deps.notices.unmatched()).length;
    await sendPlatformPush(url, 'hop.inpatient.msg.overpay', { ...param, idNo: '110101199001011237', cardNo: 'NOPE1' }, { ...creds, nonce: 'nonce-a-0006' });
    expect((await bff.deps.notices.unmatched()).length).toBe(before + 1);
  });
});

describe('delivery through WeChat subscription messages', () => {
  it('sends when the patient subscribed, logs a refusal when not, and retries a busy platform', async () => {
    const bff = await startTestBff({ name: 'delivery', config: FAST_ORDERS as never });
    try {
      const code = bff.sims.wechat!.issueCode('wx-patient');
      const token = (await bff.request('POST', '/api/auth/login', { body: { platform: 'weapp', code } })).body.token;
      await bff.bind(token, z, 'self');
      const openid = bff.sims.wechat!.openIdOf('wx-patient');
      const push = (reportId: string) => bff.sims.his!.push(`${bff.url}/his/pushHisData`, 'pushReportFinish', { real_name: z.realName, id_card: z.idCard, patient_card: z.patientCard, report_id: reportId, report_scope: '1', report_address: '一楼' } as never);
      const deliveries = async () => bff.deps.store.db.selectFrom('notice_deliveries').selectAll().orderBy('updated_at').execute();
      const settle = async (n: number) => {
        for (let i = 0; i < 200 && (await deliveries()).filter((d) => ['sent', 'rejected', 'failed'].includes(d.state)).length < n; i++) await new Promise((r) => setTimeout(r, 25));
      };
      await push('R-NOSUB');
      await settle(1);
      expect((await deliveries())[0]).toMatchObject({ channel: 'wechat', state: 'rejected' });
      bff.sims.wechatMessages!.grantSubscription(openid, 'sim-wx-report_ready', 1);
      bff.sims.wechatMessages!.faults.next('error');
      await push('R-SUB');
      await settle(2);
      const sent = (await deliveries()).find((d) => d.state === 'sent')!;
      expect(sent.attempts).toBe(2);
      expect(JSON.parse(sent.log).map((e: { outcome: string }) => e.outcome)).toEqual(['retry', 'sent']);
      expect(bff.sims.wechatMessages!.sent.filter((m) => m.touser === openid)).toHaveLength(1);
      // The in-app centre has both, whatever the outside channel did.
      expect((await bff.request('GET', '/api/notices', { token })).body.notices.filter((n: { kind: string }) => n.kind === 'report_ready')).toHaveLength(2);
    } finally {
      await bff.close();
    }
  });
});
