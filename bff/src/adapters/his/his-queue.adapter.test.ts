import type { BookingPatient, BookingTarget } from '../../domain/booking/ports';
import { HisBookingAdapter } from './his-booking.adapter';
import { HisClient } from './his-client';
import { HisQueueAdapter } from './his-queue.adapter';
import { beijingDate } from '../../domain/time';
import type { HisSimulator, SimListening } from './sim/his-simulator';
import { seed } from './sim/seed';
import { simScheduleId } from './sim/seed-catalogue';
import { queueSeed } from './sim/seed-reports';
import { code, listeningSimulator, replyingClient, type SentCall } from './test-support';

const SIGN_KEY = 'queue-test-sign-key';

function replying(xml: string, sent: SentCall[] = []): HisQueueAdapter {
  return new HisQueueAdapter(replyingClient(xml, sent));
}

const el = (fields: Record<string, string>) => Object.entries(fields).map(([k, v]) => `<${k}>${v}</${k}>`).join('');
const line = (extra: Record<string, string> = {}) =>
  el({ departmentName: '呼吸内科', departmentCode: 'd0001', doctorName: '吴卫中', doctorCode: 'd0001', queueNownum: '20', queueWaitnum: '10', ...extra });

describe('HisQueueAdapter mapping', () => {
  it('reads the sample: one line at the top of <response>, with no <result>', async () => {
    const sent: Array<{ method: string; fields: Record<string, unknown> }> = [];
    await expect(replying(`<response>${line()}</response>`, sent).departmentQueue('d0001', '呼吸内科')).resolves.toEqual([
      { departmentCode: 'd0001', departmentName: '呼吸内科', doctorCode: 'd0001', doctorName: '吴卫中', nowServing: 20, waiting: 10 },
    ]);
    expect(sent[0]).toMatchObject({ method: 'findQueueUp', fields: { departmentName: '呼吸内科', departmentCode: 'd0001' } });
  });

  it('reads <content><data> rows, one per doctor; missing names fall back to the asked department', async () => {
    const xml = `<response><result>SUCCESS</result><content>
      <data>${line({ doctorName: '', doctorCode: '', queueNownum: '12', queueWaitnum: '0' })}</data>
      <data>${line({ departmentName: '', departmentCode: '', doctorName: '李', doctorCode: 'D2' })}</data>
    </content></response>`;
    await expect(replying(xml).departmentQueue('NK01', '心血管内科')).resolves.toEqual([
      { departmentCode: 'd0001', departmentName: '呼吸内科', doctorCode: null, doctorName: null, nowServing: 12, waiting: 0 },
      { departmentCode: 'NK01', departmentName: '心血管内科', doctorCode: 'D2', doctorName: '李', nowServing: 20, waiting: 10 },
    ]);
    expect(await replying(`<response><result>success</result><content><data>${line()}</data></content></response>`).departmentQueue('a', 'b')).toHaveLength(1);
  });

  it('answers an empty list when HIS says success with nothing, HIS_BAD_REPLY when it says nothing at all', async () => {
    await expect(replying('<response><result>success</result><content/></response>').departmentQueue('a', 'b')).resolves.toEqual([]);
    await expect(replying('<response><result>success</result></response>').departmentQueue('a', 'b')).resolves.toEqual([]);
    expect(await code(replying('<response><departmentName>x</departmentName></response>').departmentQueue('a', 'b'))).toBe('HIS_BAD_REPLY');
    expect(await code(replying('<response><result>error</result><message>无此科室</message></response>').departmentQueue('a', 'b'))).toBe('HIS_REJECTED');
  });

  it.each(['-1', '1.5', '', 'abc', '１２', '10人'])('turns queue figure %j into HIS_BAD_REPLY, at the top and in rows', async (bad) => {
    expect(await code(replying(`<response>${line({ queueNownum: bad })}</response>`).departmentQueue('a', 'b'))).toBe('HIS_BAD_REPLY');
    expect(await code(replying(`<response>${line({ queueWaitnum: bad })}</response>`).departmentQueue('a', 'b'))).toBe('HIS_BAD_REPLY');
    const rows = `<response><result>success</result><content><data>${line()}</data><data>${line({ queueWaitnum: bad })}</data></content></response>`;
    expect(await code(replying(rows).departmentQueue('a', 'b'))).toBe('HIS_BAD_REPLY');
  });

  it('treats a row missing a figure as HIS_BAD_REPLY', async () => {
    const xml = `<response><result>success</result><content><data>${el({ doctorName: 'x', queueNownum: '3' })}</data></content></response>`;
    expect(await code(replying(xml).departmentQueue('a', 'b'))).toBe('HIS_BAD_REPLY');
  });

  it('reads the patient number as a number; empty or absent is null', async () => {
    const sent: Array<{ method: string; fields: Record<string, unknown> }> = [];
    const q = { realName: '李明', patientCard: '12345678', hisPatientId: '123', doctorCode: '456', doctorName: '张三', departmentCode: '009', departmentName: '皮肤科门诊' };
    expect(await replying('<response><result>success</result><message>成功</message><hisOrderNum>9</hisOrderNum></response>', sent).patientNumber(q)).toBe(9);
    expect(sent[0]).toMatchObject({
      method: 'getOutPatientOrderNum',
      fields: { realName: '李明', patientCard: '12345678', patientId: '123', doctorCode: '456', doctorName: '张三', departmentName: '皮肤科门诊', departmentCode: '009' },
    });
    const plain = { realName: '李明', patientCard: '1', departmentCode: '009', departmentName: '皮肤科门诊' };
    expect(await replying('<response><result>success</result><hisOrderNum/></response>', sent).patientNumber(plain)).toBeNull();
    expect(sent[1]?.fields).not.toHaveProperty('doctorCode');
    expect(await replying('<response><result>success</result></response>').patientNumber(plain)).toBeNull();
    expect(await replying('<response><result>SUCCESS</result><hisOrderNum>第12号</hisOrderNum></response>').patientNumber(plain)).toBe(12);
    expect(await replying('<response><result>success</result><data><hisOrderNum>7</hisOrderNum></data></response>').patientNumber(plain)).toBe(7);
    expect(await code(replying('<response><result>success</result><hisOrderNum>A9</hisOrderNum></response>').patientNumber(plain))).toBe('HIS_BAD_REPLY');
    expect(await code(replying('<response><result>error</result><message>未挂号</message></response>').patientNumber(plain))).toBe('HIS_REJECTED');
  });

  it('reads visit status by registerId and by date', async () => {
    const sent: Array<{ method: string; fields: Record<string, unknown> }> = [];
    const one = '<response><result>success</result><message></message><content><data><registerId>124454</registerId><status>1</status></data></content></response>';
    expect(await replying(one, sent).visitStatus('124454')).toBe('seen');
    expect(sent[0]).toEqual({ method: 'queryClinicStatus', fields: { registerId: '124454', sign: expect.any(String) } });
    expect(await replying(one).visitStatus('999')).toBeNull();
    expect(await replying('<response><result>SUCCESS</result><content/></response>').visitStatus('1')).toBeNull();
    expect(await replying('<response><result>success</result><registerId>5</registerId><status>0</status></response>').visitStatus('5')).toBe('not_seen');
    expect(await replying('<response><result>success</result><status>1</status></response>').visitStatus('5')).toBe('seen');

    const day = `<response><result>success</result><content>
      <data><registerId>124454</registerId><status>1</status></data>
      <data><registerId>167438</registerId><status>0</status></data>
    </content></response>`;
    const all = await replying(day, sent).visitStatusesOn('2019-11-11');
    expect([...all]).toEqual([
      ['124454', 'seen'],
      ['167438', 'not_seen'],
    ]);
    expect(sent.at(-1)?.fields).toEqual({ clinicDate: '2019-11-11', sign: expect.any(String) });
    expect(await replying('<response><result>success</result><content/></response>').visitStatusesOn('2019-11-11')).toEqual(new Map());
  });

  it('skips an unreadable row of a day list, and fails one that has none readable', async () => {
    const mixed = `<response><result>success</result><content><data><registerId>1</registerId><status>1</status></data><data><registerId>2</registerId><status>9</status></data></content></response>`;
    expect([...(await replying(mixed).visitStatusesOn('d'))]).toEqual([['1', 'seen']]);
    const bad = '<response><result>success</result><content><data><registerId>1</registerId><status>yes</status></data></content></response>';
    expect(await code(replying(bad).visitStatus('1'))).toBe('HIS_BAD_REPLY');
  });
});

// Monday 2024-10-14 09:00 in Beijing.
const NOW = new Date('2024-10-14T01:00:00Z');
const TODAY = beijingDate(NOW);

describe.each(['http', 'soap'] as const)('HisQueueAdapter against the simulator over %s', (transport) => {
  let sim: HisSimulator;
  let server: SimListening;
  let queue: HisQueueAdapter;
  let booking: HisBookingAdapter;

  beforeAll(async () => {
    let client: HisClient;
    ({ sim, server, client } = await listeningSimulator(transport, SIGN_KEY, NOW));
    queue = new HisQueueAdapter(client);
    booking = new HisBookingAdapter(client);
  });
  afterAll(() => server.close());
  afterEach(() => sim.faults.clear());

  it('lists a department with rows: the ordinary clinic and its expert', async () => {
    expect(await queue.departmentQueue('NK01', '心血管内科')).toEqual([
      { departmentCode: 'NK01', departmentName: '心血管内科', doctorCode: null, doctorName: null, nowServing: 12, waiting: 8 },
      { departmentCode: 'NK01', departmentName: '心血管内科', doctorCode: 'D011A', doctorName: '陈建国', nowServing: 5, waiting: 3 },
    ]);
  });

  it('reads a one-queue department answered in the sample shape (no <result>)', async () => {
    const [nowServing, waiting] = queueSeed.expert.D032L!;
    expect(await queue.departmentQueue('EK02', '新生儿科')).toEqual([
      { departmentCode: 'EK02', departmentName: '新生儿科', doctorCode: 'D032L', doctorName: '周强', nowServing, waiting },
    ]);
    expect(sim.calls.at(-1)?.method).toBe('findQueueUp');
  });

  it('follows advanceQueue for the department and for one doctor', async () => {
    sim.advanceQueue('NK02');
    sim.advanceQueue('NK02', 'D012B', 10);
    const [ordinary, expert] = await queue.departmentQueue('NK02', '消化内科');
    expect(ordinary).toMatchObject({ doctorCode: null, nowServing: 7, waiting: 3 });
    // waiting never goes below 0
    expect(expert).toMatchObject({ doctorCode: 'D012B', nowServing: 16, waiting: 0 });
    expect(() => sim.advanceQueue('NOPE')).toThrow();
  });

  it('answers an empty list for a department with no queue, HIS_REJECTED for an unknown one', async () => {
    expect(await queue.departmentQueue('NK', '内科')).toEqual([]);
    expect(await code(queue.departmentQueue('XX', '不存在'))).toBe('HIS_REJECTED');
  });

  it('answers HIS_BAD_REPLY when HIS sends a negative count', async () => {
    sim.setQueue('WK02', null, 3, -1);
    expect(await code(queue.departmentQueue('WK02', '骨科'))).toBe('HIS_BAD_REPLY');
    sim.setQueue('WK02', null, 3, 2);
  });

  it('answers seeded patient numbers, null when there is none, HIS_REJECTED for a wrong name', async () => {
    const zhang = { realName: seed.outpatient.realName, patientCard: seed.outpatient.patientCard, departmentCode: 'NK01', departmentName: '心血管内科' };
    expect(await queue.patientNumber(zhang)).toBe(15);
    expect(await queue.patientNumber({ ...zhang, doctorCode: 'D011A', doctorName: '陈建国' })).toBeNull();
    const li = { realName: seed.virtualCard.realName, patientCard: seed.virtualCard.patientCard, departmentCode: 'NK01', departmentName: '心血管内科' };
    expect(await queue.patientNumber({ ...li, doctorCode: 'D011A', doctorName: '陈建国' })).toBe(7);
    expect(await code(queue.patientNumber({ ...zhang, realName: '李四' }))).toBe('HIS_REJECTED');
  });

  it('answers the number HIS gave at registration, and follows the visit from not seen to seen', async () => {
    const p = seed.longCard;
    const patient: BookingPatient = { realName: p.realName, idNumber: p.idCard, patientCard: p.patientCard };
    const target: BookingTarget = {
      scheduleId: simScheduleId(TODAY, '上午', 'D021C'),
      sourceNo: null,
      sourceOrder: null,
      departmentCode: 'WK01',
      departmentName: '普通外科',
      doctorCode: 'D021C',
      doctorName: '王磊',
      clinicType: '专家门诊',
      clinicDate: TODAY,
      clinicTime: '上午',
      clinicTimeQuantum: '08:00-12:00',
      feeFen: 5000,
    };
    const lock = await booking.lock('register', patient, target);
    if (!lock.ok) throw new Error(lock.message);
    const posted = await booking.postPayment({
      kind: 'register',
      hisBookingId: lock.hisBookingId,
      tradeNo: `EHQ${transport}0001`,
      patient,
      target,
      amountFen: lock.amountFen ?? 5000,
      payType: 'wechatMP',
      payedAt: NOW, customerId: null,
    });
    if (posted.state !== 'posted') throw new Error('not posted');
    const q = { realName: p.realName, patientCard: p.patientCard, departmentCode: 'WK01', departmentName: '普通外科', doctorCode: 'D021C', doctorName: '王磊' };
    expect(await queue.patientNumber(q)).toBe(Number(posted.queueNo));
    const registerId = posted.hisBookingId!;
    expect(await queue.visitStatus(registerId)).toBe('not_seen');
    expect((await queue.visitStatusesOn(TODAY)).get(registerId)).toBe('not_seen');
    sim.finishVisit(registerId);
    expect(await queue.visitStatus(registerId)).toBe('seen');
  });

  it('reads seeded visits by registerId and by date; an unknown registerId is null', async () => {
    expect(await queue.visitStatus('GHS0001')).toBe('seen');
    expect(await queue.visitStatus('GHS0010')).toBe('not_seen');
    expect(await queue.visitStatus('NOPE')).toBeNull();
    const today = await queue.visitStatusesOn(TODAY);
    expect(today.get('GHS0010')).toBe('not_seen');
    expect(today.get('GHS0011')).toBe('not_seen');
    expect(today.has('GHS0001')).toBe(false);
    expect(await queue.visitStatusesOn('2030-01-01')).toEqual(new Map());
    expect(() => sim.finishVisit('NOPE')).toThrow();
  });

  it('tolerates the variant writing (SUCCESS, extra elements)', async () => {
    sim.faults.inject('queryClinicStatus', { kind: 'variant' });
    expect(await queue.visitStatus('GHS0001')).toBe('seen');
    sim.faults.inject('findQueueUp', { kind: 'variant' });
    expect(await queue.departmentQueue('EK02', '新生儿科')).toHaveLength(1);
  });
});
