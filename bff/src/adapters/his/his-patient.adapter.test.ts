import { hisUnavailable } from '../../domain/his-errors';
import { HisClient, type HisCallLogger } from './his-client';
import { cardRefusalReason, HisPatientAdapter } from './his-patient.adapter';
import { createHisTransport } from './his-transport';
import { createHisSimulator, type HisSimulator, type SimListening } from './sim/his-simulator';
import { seed } from './sim/seed';
import { failure } from './test-support';

const SIGN_KEY = 'contract-test-sign-key';
const TIMEOUT_MS = 400;

describe.each(['http', 'soap'] as const)('HisPatientAdapter against the simulator over %s', (transport) => {
  let sim: HisSimulator;
  let server: SimListening;
  let adapter: HisPatientAdapter;
  const logs: Array<Record<string, unknown>> = [];
  const logger: HisCallLogger = { info: (o) => logs.push(o), warn: (o) => logs.push(o) };

  const makeAdapter = (signKey = SIGN_KEY) =>
    new HisPatientAdapter(
      new HisClient({
        transport: createHisTransport({
          transport,
          baseUrl: transport === 'soap' ? server.soapUrl : server.baseUrl,
          timeoutMs: TIMEOUT_MS,
          maxReplyBytes: 64 * 1024,
          soap: { namespace: 'http://webservice.ehospital.witontek.com/', param: 'xml' },
        }),
        signKey,
        maxReplyBytes: 64 * 1024,
        logger,
      }),
    );

  beforeAll(async () => {
    sim = createHisSimulator({ signKey: SIGN_KEY, hospitalId: 'demoyyadmin' });
    server = await sim.listen();
    adapter = makeAdapter();
  });
  afterAll(() => server.close());
  afterEach(() => sim.faults.clear());

  it('creates a card for a new person, and answers the same card when asked again', async () => {
    const { newcomer } = seed;
    const input = { realName: newcomer.realName, idNumber: newcomer.idCard, phone: newcomer.phone };
    const first = await adapter.createCard(input);
    expect(first.patientCard).toMatch(/^xn\d{8}$/);
    expect(first.hisNo).toMatch(/^\d+$/);
    await expect(adapter.createCard(input)).resolves.toEqual(first);
    const info = await adapter.queryOutpatient(first.patientCard);
    expect(info).toMatchObject({ realName: newcomer.realName, idNumber: newcomer.idCard, cardBalanceFen: 0, sex: '女', birthday: '1995-02-28' });
  });

  it('signs every request and sends exactly the fields the spec lists', async () => {
    const before = sim.calls.length;
    await adapter.checkCard({ patientCard: seed.outpatient.patientCard, realName: seed.outpatient.realName, idNumber: seed.outpatient.idCard, phone: seed.outpatient.phone });
    const call = sim.calls[before];
    expect(call).toMatchObject({ method: 'checkPatientCard', transport });
    expect(Object.keys(call!.fields).sort()).toEqual(['idCard', 'patientCard', 'phone', 'realName', 'sign']);
    expect(call!.fields.patientCard).toBe('000123456');
  });

  it('refuses a create-card request for an ID number already registered under another name', async () => {
    const err = await failure(adapter.createCard({ realName: '冒名', idNumber: seed.outpatient.idCard, phone: '13800000000' }));
    expect(err.code).toBe('HIS_REJECTED');
  });

  it('checks a card: match ok (phone not compared), mismatch refused with HIS words', async () => {
    const p = seed.virtualCard;
    await expect(adapter.checkCard({ patientCard: p.patientCard, realName: p.realName, idNumber: p.idCard.toLowerCase(), phone: '13000000000' })).resolves.toEqual({ outcome: 'confirmed' });
    await expect(adapter.checkCard({ patientCard: p.patientCard, realName: '李四', idNumber: p.idCard, phone: p.phone })).resolves.toEqual({
      outcome: 'refused', reason: 'mismatch', hisMessage: '就诊人信息与卡号不匹配',
    });
    await expect(adapter.checkCard({ patientCard: '999999', realName: p.realName, idNumber: p.idCard, phone: p.phone })).resolves.toMatchObject({ outcome: 'refused', reason: 'mismatch' });
  });

  it('tells a lost card (该卡已挂失) from a mismatch; a stranger naming that card only hears mismatch', async () => {
    const p = seed.lostCard;
    await expect(adapter.checkCard({ patientCard: p.patientCard, realName: p.realName, idNumber: p.idCard, phone: p.phone })).resolves.toEqual({
      outcome: 'refused', reason: 'card_lost', hisMessage: '该卡已挂失',
    });
    await expect(adapter.checkCard({ patientCard: p.patientCard, realName: '张三', idNumber: seed.outpatient.idCard, phone: p.phone })).resolves.toMatchObject({ reason: 'mismatch' });
  });

  it('reads outpatient info with the balance in fen and the exact strings', async () => {
    await expect(adapter.queryOutpatient(seed.outpatient.patientCard)).resolves.toEqual({
      realName: '张三',
      idNumber: seed.outpatient.idCard,
      phone: seed.outpatient.phone,
      sex: '男',
      birthday: '1990-03-07',
      cardBalanceFen: 20367,
      hisNo: '6000234',
    });
    expect((await adapter.queryOutpatient(seed.inpatient.patientCard)).cardBalanceFen).toBe(-1250);
    expect((await adapter.queryOutpatient(seed.discharged.patientCard)).cardBalanceFen).toBe(1500);
    const long = await adapter.queryOutpatient(seed.longCard.patientCard);
    expect(long).toMatchObject({ phone: '+8613512345678', cardBalanceFen: null, hisNo: null });
  });

  it('reads an inpatient in hospital, with deposit figures in fen', async () => {
    await expect(adapter.queryInpatient(seed.inpatient.serialNumber)).resolves.toEqual({
      realName: '王五',
      idNumber: seed.inpatient.idCard,
      inHospital: true,
      admittedOn: '2024-10-12',
      leftOn: null,
      ward: '总院',
      departmentCode: 'EK02',
      doctorCode: 'D032L',
      depositPaidFen: 300000,
      depositUsedFen: 201361,
      depositRemainingFen: 98639,
      hisNo: 'NB666888',
    });
  });

  it('reads a discharged stay whose deposit ended negative', async () => {
    await expect(adapter.queryInpatient(seed.discharged.serialNumber)).resolves.toMatchObject({
      inHospital: false,
      leftOn: '2023-03-09',
      depositPaidFen: seed.discharged.depositPaidFen,
      depositUsedFen: seed.discharged.depositUsedFen,
      depositRemainingFen: seed.discharged.depositRemainingFen,
    });
  });

  it('turns result=error into HIS_REJECTED carrying HIS message', async () => {
    sim.faults.inject('queryPatientInfo', { kind: 'error', message: '系统维护中' });
    const err = await failure(adapter.queryOutpatient(seed.outpatient.patientCard));
    expect(err.code).toBe('HIS_REJECTED');
    expect(err.message).toBe('系统维护中');
    expect((await failure(adapter.queryInpatient('NOPE'))).code).toBe('HIS_REJECTED');
  });

  it('gives up on a hanging HIS with HIS_UNAVAILABLE within the timeout', async () => {
    sim.faults.inject('queryPatientInfo', { kind: 'hang' });
    const started = Date.now();
    const err = await failure(adapter.queryOutpatient(seed.outpatient.patientCard));
    expect(err.code).toBe('HIS_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 500);
  });

  it('treats a late answer within the timeout as a normal answer, and a too-late one as unavailable', async () => {
    sim.faults.inject('queryPatientInfo', { kind: 'delay', delayMs: 50 });
    await expect(adapter.queryOutpatient(seed.outpatient.patientCard)).resolves.toMatchObject({ cardBalanceFen: 20367 });
    sim.faults.inject('queryPatientInfo', { kind: 'delay', delayMs: TIMEOUT_MS + 300 });
    expect((await failure(adapter.queryOutpatient(seed.outpatient.patientCard))).code).toBe('HIS_UNAVAILABLE');
  });

  it('turns a malformed reply into HIS_BAD_REPLY', async () => {
    sim.faults.inject('queryInHospitalPatient', { kind: 'malformed' });
    expect((await failure(adapter.queryInpatient(seed.inpatient.serialNumber))).code).toBe('HIS_BAD_REPLY');
  });

  it('turns HTTP 500 into HIS_UNAVAILABLE', async () => {
    sim.faults.inject('checkPatientCard', { kind: 'http500', times: 2 });
    const p = seed.outpatient;
    const input = { patientCard: p.patientCard, realName: p.realName, idNumber: p.idCard, phone: p.phone };
    expect((await failure(adapter.checkCard(input))).code).toBe('HIS_UNAVAILABLE');
    expect((await failure(adapter.checkCard(input))).code).toBe('HIS_UNAVAILABLE');
    await expect(adapter.checkCard(input)).resolves.toEqual({ outcome: 'confirmed' });
  });

  it('accepts SUCCESS in capitals with undocumented extra elements', async () => {
    sim.faults.inject('*', { kind: 'variant', times: 2 });
    await expect(adapter.queryOutpatient(seed.outpatient.patientCard)).resolves.toMatchObject({ cardBalanceFen: 20367 });
    await expect(adapter.queryInpatient(seed.inpatient.serialNumber)).resolves.toMatchObject({ depositRemainingFen: 98639 });
  });

  it('is refused by HIS when signed with the wrong key', async () => {
    const err = await failure(makeAdapter('some-other-sign-key').queryOutpatient(seed.outpatient.patientCard));
    expect(err.code).toBe('HIS_REJECTED');
    expect(err.message).toBe('签名验证失败');
  });

  it('logs method, duration and outcome only — no ID numbers, phones or names', () => {
    expect(logs.length).toBeGreaterThan(5);
    for (const entry of logs) expect(Object.keys(entry).sort()).toEqual(['durationMs', 'his', 'outcome']);
    const text = JSON.stringify(logs);
    for (const secret of [seed.outpatient.idCard, seed.outpatient.phone, seed.outpatient.realName, seed.newcomer.idCard]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('HIS card-check refusals in HIS words', () => {
  it.each([
    ['该卡已挂失', 'card_lost'],
    ['就诊卡已挂失，请到窗口办理', 'card_lost'],
    ['卡已挂失,不能使用', 'card_lost'],
    ['该卡已注销', 'card_inactive'],
    ['就诊卡已作废', 'card_inactive'],
    ['卡状态异常', 'card_inactive'],
    ['该卡已冻结', 'card_inactive'],
    ['就诊人信息与卡号不匹配', 'mismatch'],
    ['就诊卡号不存在', 'mismatch'],
    ['该卡未挂失，信息不一致', 'mismatch'],
    ['', 'mismatch'],
  ] as const)('%s → %s', (message, reason) => {
    expect(cardRefusalReason(message)).toBe(reason);
  });

  it('still throws what is not a refusal (transport, bad reply)', async () => {
    const adapter = new HisPatientAdapter({ call: async () => Promise.reject(hisUnavailable('checkPatientCard', 'timeout')) });
    expect((await failure(adapter.checkCard({ patientCard: '1', realName: '甲', idNumber: seed.outpatient.idCard, phone: '13800138000' }))).code).toBe('HIS_UNAVAILABLE');
  });
});
