import { hisSeed as seed } from '../../adapters/his';
import type { Job } from '../../store/jobs.repo';
import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { bookOne, FAST_ORDERS, waitForState } from '../../../../test/support/booking-flow';
import { followQueueJob } from './follow-queue.job';

const z = seed.outpatient;
const who = { real_name: z.realName, id_card: z.idCard, patient_card: z.patientCard };
const job: Job = { id: 'x', kind: 'queue.follow', key: 'queue.follow', payload: {}, attempts: 1, runAt: '' };

/** Which of a visit's ids a 16.5 push names in which field. */
type Pushed = { field: 'register_id' | 'his_id'; id: 'tradeNo' | 'hisId' };
const CASES: { pushed: Pushed; seen: { ours: boolean; any: boolean } }[] = [
  // The document's reading: register_id is the platform's id (our tradeNo), his_id is HIS's.
  { pushed: { field: 'register_id', id: 'tradeNo' }, seen: { ours: true, any: true } },
  { pushed: { field: 'his_id', id: 'hisId' }, seen: { ours: true, any: true } },
  // HIS builds that put their own id in register_id (or ours in his_id): only `any` matches them.
  { pushed: { field: 'register_id', id: 'hisId' }, seen: { ours: false, any: true } },
  { pushed: { field: 'his_id', id: 'tradeNo' }, seen: { ours: false, any: true } },
];

describe.each(['ours', 'any'] as const)('pushClinicFinish with his.clinicFinishRegisterId = %s', (mode) => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({
      name: `clinic-finish-${mode}`,
      config: { ...FAST_ORDERS, his: { ...FAST_ORDERS.his, clinicFinishRegisterId: mode }, queue: { pollSeconds: 3600, remindWithin: 3, cacheSeconds: 0 }, lab: { mode: 'off' } } as never,
    });
  });
  afterAll(async () => {
    await bff.close();
  });

  let n = 0;
  /** A paid same-day registration, posted to HIS, with the ids we and HIS hold for it. */
  async function visitToday(dept: string) {
    n += 1;
    const o = await bookOne(bff, { departmentCode: dept, doctorCode: null, today: true, user: `finish-${mode}-${n}` });
    await bff.sims.payment!.pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['posted']);
    const order = (await bff.deps.orders.get(o.tradeNo))!;
    const hisId = order.receipt?.registerId ?? order.hisRef;
    expect(hisId).toBeTruthy();
    expect(hisId).not.toBe(o.tradeNo);
    return { ...o, ids: { tradeNo: o.tradeNo, hisId: hisId! }, queueNo: Number(order.receipt?.queueNo) };
  }
  const queueItem = async (token: string, tradeNo: string) =>
    ((await bff.request('GET', '/api/queue', { token })).body.items as { tradeNo: string; state: string; label: string }[]).find((i) => i.tradeNo === tradeNo);
  const calledNotices = async (token: string) => ((await bff.request('GET', '/api/notices', { token })).body.notices as { kind: string }[]).filter((x) => x.kind === 'queue_called');

  it.each(CASES)('$pushed.field = $pushed.id', async ({ pushed, seen }) => {
    const visit = await visitToday('EK01');
    expect(await queueItem(visit.token, visit.tradeNo)).toMatchObject({ state: expect.not.stringMatching(/^seen$/) });

    const r = await bff.sims.his!.push(`${bff.url}/his/pushHisData`, 'pushClinicFinish', { ...who, [pushed.field]: visit.ids[pushed.id] });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<result>SUCCESS</result>');

    // Once seen, the queue page says 已就诊 and the follower no longer reminds about it.
    bff.sims.his!.setQueue('EK01', null, visit.queueNo, 5);
    await followQueueJob(bff.deps, job);
    const item = await queueItem(visit.token, visit.tradeNo);
    if (seen[mode]) {
      expect(item).toMatchObject({ state: 'seen', label: '已就诊' });
      expect(await calledNotices(visit.token)).toHaveLength(0);
    } else {
      expect(item).toMatchObject({ state: 'called' });
      expect(await calledNotices(visit.token)).toHaveLength(1);
    }
  });
});
