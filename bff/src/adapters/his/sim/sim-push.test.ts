import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeHisReply, HisPushParseError, parseHisPush, verifyHisPushSign, type HisPush } from '../his-push.codec';
import { createHisSimulator, type HisSimulator, type SimListening } from './his-simulator';
import { seed } from './seed';
import { catalogueSeed, simScheduleId } from './seed-catalogue';
import { reportSeed } from './seed-reports';
import { HIS_PUSH_DATA_TYPES, type HisPushDataType, type HisPushFieldsByType } from './sim-push';

const KEY = 'push-test-sign-key';
const HOSPITAL = 'demoyyadmin';
// Monday 2024-10-14 09:00 in Beijing.
const NOW = new Date('2024-10-14T01:00:00Z');

interface Received {
  path: string;
  contentType: string | undefined;
  raw: string;
  push: HisPush;
  valid: boolean;
}

const zs = seed.outpatient;
const person = { real_name: zs.realName, id_card: zs.idCard, patient_card: zs.patientCard };

/** One documented example per data type, vendor field names as each table spells them. */
const EXAMPLES: { [T in HisPushDataType]: HisPushFieldsByType[T] } = {
  getMedicalSuccess: { tradeNo: 'EH20241014000000001', his_no: '903230002,903230003', status: '1' },
  notifyOutpatientFee: { ...person, hospital_area_id: '', clinic_no: '', fee_type: '门诊费用', fee_date: '2024-10-14', total_amount: '102.7' },
  pushInhospitalFee: {
    real_name: seed.inpatient.realName,
    id_card: seed.inpatient.idCard,
    patient_card: seed.inpatient.patientCard,
    serial_number: seed.inpatient.serialNumber,
    total_amount: '3000',
    used_amount: '',
    remain_amount: '',
    arrear_amount: '360.50',
  },
  pushDayExpense: {
    real_name: seed.inpatient.realName,
    id_card: seed.inpatient.idCard,
    patient_card: seed.inpatient.patientCard,
    serial_number: seed.inpatient.serialNumber,
    fee_type: '住院费用',
    fee_date: '2024-10-13',
    total_amount: '109.60',
  },
  pushClinicFinish: { ...person, register_id: '', his_id: 'GHS0010' },
  pushReportFinish: { ...person, report_id: reportSeed.lab.cbc, report_scope: '1', report_date: '2024-09-24', report_address: '自助报告机' },
  printInvoiceSuccess: { trade_no: 'EH20241014000000001', invoice_number: 'FP00000001', print_time: '2024-10-14 14:28:30', invoice_amount: '50.00' },
  pushPatientFeeNotice: { realName: zs.realName, feeAmount: '5.00', feeType: '门诊缴费', feeDate: '2024-10-14', hisRegisterId: 'GHS0010', patientCard: zs.patientCard },
};

describe('HIS simulator push helpers (section 16)', () => {
  let receiver: Server;
  let base = '';
  const received: Received[] = [];
  let sim: HisSimulator;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let push: HisPush;
        try {
          push = parseHisPush(raw, req.headers['content-type']);
        } catch (err) {
          res.statusCode = 400;
          res.end(err instanceof HisPushParseError ? err.reason : 'error');
          return;
        }
        const valid = verifyHisPushSign(push, KEY);
        received.push({ path: req.url ?? '', contentType: req.headers['content-type'], raw, push, valid });
        const json = (req.headers['content-type'] ?? '').includes('json');
        res.setHeader('content-type', json ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8');
        res.end(json ? JSON.stringify({ result: valid ? 'SUCCESS' : 'ERROR', message: valid ? '' : '签名错误' }) : encodeHisReply(valid ? 'success' : 'error', valid ? '' : '签名错误'));
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));
  beforeEach(() => {
    sim = createHisSimulator({ signKey: KEY, hospitalId: HOSPITAL, now: () => NOW });
  });

  const last = () => received.at(-1)!;

  describe.each(['xml', 'json'] as const)('pushHisData as %s', (format) => {
    it.each(HIS_PUSH_DATA_TYPES)('%s: a valid sign is accepted, with the hospital id filled in', async (dataType) => {
      const reply = await sim.push(`${base}/his/pushHisData`, dataType, EXAMPLES[dataType], { format });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatch(/success/i);
      const r = last();
      expect(r.path).toBe('/his/pushHisData');
      expect(r.contentType).toContain(format);
      expect(r.valid).toBe(true);
      expect(r.push.dataType).toBe(dataType);
      const idField = dataType === 'getMedicalSuccess' || dataType === 'pushPatientFeeNotice' ? 'hospitalId' : 'hospital_id';
      expect(r.push.fields).toEqual({ [idField]: HOSPITAL, ...EXAMPLES[dataType] });
      if (format === 'xml') expect(r.raw).toMatch(new RegExp(`^<request><dataType>${dataType}</dataType><data>.*</data><sign>[0-9A-F]{32}</sign></request>$`));
      else expect(Object.keys(JSON.parse(r.raw))).toEqual(['dataType', 'data', 'sign']);
    });

    it('a bad sign is refused, and so is no sign', async () => {
      const url = `${base}/his/pushHisData`;
      const bad = await sim.push(url, 'pushReportFinish', EXAMPLES.pushReportFinish, { format, sign: 'bad' });
      expect(bad.body).toMatch(/error/i);
      expect(last().push.sign).toMatch(/^[0-9A-F]{32}$/);
      expect(last().valid).toBe(false);
      await sim.push(url, 'pushReportFinish', EXAMPLES.pushReportFinish, { format, sign: 'none' });
      expect(last().push.sign).toBeUndefined();
      expect(last().valid).toBe(false);
      expect(last().raw).not.toContain('sign');
    });
  });

  it('keeps the caller hospital id and extra undocumented fields, all signed', async () => {
    await sim.push(`${base}/his/pushHisData`, 'pushClinicFinish', { ...EXAMPLES.pushClinicFinish, hospital_id: 'other', visit_room: '3诊室' });
    expect(last().push.fields).toMatchObject({ hospital_id: 'other', visit_room: '3诊室' });
    expect(last().valid).toBe(true);
  });

  it('a receiver with another key refuses what the simulator signs', async () => {
    const other = createHisSimulator({ signKey: 'another-key', hospitalId: HOSPITAL, now: () => NOW });
    await other.push(`${base}/his/pushHisData`, 'getMedicalSuccess', EXAMPLES.getMedicalSuccess);
    expect(last().valid).toBe(false);
  });

  describe('pushStopSchedule (16.9)', () => {
    const stopped = simScheduleId('2024-10-15', '上午', 'D011A');

    it('sends flat signed JSON with hospitalId and marks the schedule stopped', async () => {
      const fields = sim.stopScheduleFields(stopped);
      expect(fields).toEqual({ scheduleId: stopped, clinicDate: '2024-10-15', clinicTime: '上午', timeQuantum: '08:00-12:00', departmentCode: 'NK01', doctorCode: 'D011A' });
      const reply = await sim.pushStopSchedule(`${base}/his/pushStopSchedule`, fields);
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toEqual({ result: 'SUCCESS', message: '' });
      const r = last();
      expect(r.path).toBe('/his/pushStopSchedule');
      expect(r.contentType).toContain('json');
      expect(JSON.parse(r.raw)).toEqual({ hospitalId: HOSPITAL, ...fields, sign: expect.stringMatching(/^[0-9A-F]{32}$/) });
      expect(r.push).toMatchObject({ dataType: '', fields: { hospitalId: HOSPITAL, ...fields } });
      expect(r.valid).toBe(true);
      expect(sim.state.schedules.get(stopped)?.status).toBe('0');
    });

    it('can pad keys and values the way the sample does; the receiver still reads and verifies it', async () => {
      await sim.pushStopSchedule(`${base}/his/pushStopSchedule`, sim.stopScheduleFields(stopped), { padded: true });
      const raw = JSON.parse(last().raw) as Record<string, string>;
      expect(Object.keys(raw)).toEqual(expect.arrayContaining([' clinicTime ', ' timeQuantum ', ' departmentCode ', ' doctorCode ']));
      expect(raw[' timeQuantum ']).toBe(' 08:00-12:00');
      expect(last().push.fields).toMatchObject({ clinicTime: '上午', timeQuantum: '08:00-12:00', doctorCode: 'D011A' });
      expect(last().valid).toBe(true);
    });

    it('sends only what it is given, XML on request, and bad / no sign when asked', async () => {
      const minimal = { scheduleId: stopped, clinicDate: '2024-10-15' };
      await sim.pushStopSchedule(`${base}/his/pushStopSchedule`, minimal, { format: 'xml' });
      expect(last().push.fields).toEqual({ hospitalId: HOSPITAL, ...minimal });
      expect(last().valid).toBe(true);
      await sim.pushStopSchedule(`${base}/his/pushStopSchedule`, minimal, { sign: 'bad' });
      expect(last().valid).toBe(false);
      await sim.pushStopSchedule(`${base}/his/pushStopSchedule`, minimal, { sign: 'none' });
      expect(last().push.sign).toBeUndefined();
    });

    it('pushes an unknown schedule all the same (nothing to mark)', async () => {
      const stoppedIds = () => [...sim.state.schedules.values()].filter((s) => s.status === '0').map((s) => s.scheduleId);
      expect(stoppedIds()).toEqual([simScheduleId('2024-10-16', '上午', catalogueSeed.stopped.doctorCode)]);
      const reply = await sim.pushStopSchedule(`${base}/his/pushStopSchedule`, { scheduleId: 'S-NOPE', clinicDate: '2024-10-15' });
      expect(reply.status).toBe(200);
      expect(last().push.fields.scheduleId).toBe('S-NOPE');
      expect(stoppedIds()).toHaveLength(1);
    });
  });

  it('reportReady adds a finished report and its pushReportFinish is accepted', async () => {
    const fields = sim.reportReady(seed.inpatient.patientCard, { kind: 'exam', name: '心脏彩超', scope: '2' });
    expect(fields).toEqual({
      hospital_id: HOSPITAL,
      hospital_area_id: '',
      real_name: seed.inpatient.realName,
      id_card: seed.inpatient.idCard,
      patient_card: seed.inpatient.patientCard,
      report_id: expect.stringMatching(/^RR\d{8}$/),
      report_scope: '2',
      report_date: '2024-10-14',
      report_address: expect.any(String),
    });
    expect(sim.state.reports.get(fields.report_id)).toMatchObject({ status: '1', checkType: '2', reportName: '心脏彩超', patientCard: seed.inpatient.patientCard });
    await sim.push(`${base}/his/pushHisData`, 'pushReportFinish', fields);
    expect(last()).toMatchObject({ valid: true, push: { dataType: 'pushReportFinish', fields: { report_id: fields.report_id, report_scope: '2' } } });
    expect(() => sim.reportReady('no-such-card')).toThrow();
    expect(() => sim.reportReady(seed.outpatient.patientCard, { reportId: reportSeed.inpatient.reports[0] })).toThrow();
  });
});

describe('HIS simulator report seed', () => {
  const state = createHisSimulator({ signKey: KEY, hospitalId: HOSPITAL, now: () => NOW }).state;
  const items = [...state.reports.values()].flatMap((r) => r.items);

  it('covers the range spellings real lab systems use, and every kind of reading', () => {
    const ranges = items.map((i) => i.referprint);
    for (const spelling of ['0-6.4', '3.5~5.5', '0.00--1.00', '<5', '≤ 0.5', '>=3.5', '阴性', '阴性(-)', '', '3.5-5.5 mmol/L', '男:120-160']) {
      expect(ranges).toContain(spelling);
    }
    expect(new Set(items.map((i) => i.flag))).toEqual(new Set(['high', 'low', 'normal', 'abnormal', 'none']));
    expect(items.map((i) => i.realResult)).toEqual(expect.arrayContaining(['阳性(+)', '阴性']));
    expect(items.some((i) => i.unit !== undefined)).toBe(true);
    expect(items.some((i) => i.unit === undefined && /\d\s*[A-Za-z%]/.test(i.realResult))).toBe(true);
  });

  it("gives 张三 three done outpatient reports this month and one in progress; 王五 inpatient ones", () => {
    const mine = [...state.reports.values()].filter((r) => r.patientCard === seed.outpatient.patientCard);
    expect(mine.filter((r) => r.status === '1' && r.scope === '1').map((r) => r.reportName)).toEqual(['血常规', '肝功能', '胸部CT']);
    expect(mine.filter((r) => r.status === '0').map((r) => r.reportId)).toEqual([reportSeed.outpatient.inProgress]);
    expect(mine.every((r) => r.checkDate >= '2024-09-14' && r.checkDate <= '2024-10-14')).toBe(true);
    expect([...state.reports.values()].filter((r) => r.patientCard === seed.inpatient.patientCard).every((r) => r.scope === '2')).toBe(true);
  });
});

describe('HIS simulator raw replies', () => {
  let sim: HisSimulator;
  let server: SimListening;
  beforeAll(async () => {
    sim = createHisSimulator({ signKey: KEY, hospitalId: HOSPITAL, now: () => NOW });
    server = await sim.listen();
  });
  afterAll(() => server.close());

  const post = async (method: string, body: string) => (await fetch(`${server.baseUrl}/${method}`, { method: 'POST', body })).text();

  it('answers findQueueUp for a one-queue department exactly in the sample shape (no <result>)', async () => {
    const xml = await post('findQueueUp', '<request><departmentName>新生儿科</departmentName><departmentCode>EK02</departmentCode></request>');
    expect(xml).toBe(
      '<response><departmentName>新生儿科</departmentName><departmentCode>EK02</departmentCode><doctorName>周强</doctorName><doctorCode>D032L</doctorCode><queueNownum>10</queueNownum><queueWaitnum>8</queueWaitnum></response>',
    );
  });

  it('writes the lab unit as its own element where the seed has one', async () => {
    const xml = await post('findCompleteLISReport', `<request><reportId>${reportSeed.lab.cbc}</reportId><checkType>1</checkType></request>`);
    expect(xml).toContain('<realResult>11.2</realResult><unit>10^9/L</unit><referprint>3.5~9.5</referprint>');
    expect(xml).toContain('<realResult>135 g/L</realResult><referprint>男:120-160</referprint>');
  });
});
