import { encodeHisPush, hisSeed as seed } from '../../bff/src/adapters/his';
import { startTestBff, type TestBff } from '../support/bff';
import { bookOne, FAST_ORDERS } from '../support/booking-flow';

const z = seed.outpatient;
const who = { real_name: z.realName, id_card: z.idCard, patient_card: z.patientCard };

/** Every section-16 data type: valid, bad signature, replayed, malformed, duplicate, unknown patient. */
type Fields = Record<string, string>;
const CASES: { dataType: string; fields: () => Fields; malformed: (f: Fields) => Fields; kind: string; format?: 'xml' | 'json' }[] = [
  { dataType: 'notifyOutpatientFee', fields: () => ({ ...who, clinic_no: 'MZ1', fee_type: '门诊费用', fee_date: '2026-11-21', total_amount: '102.7' }), malformed: (f) => ({ ...f, total_amount: '12.345' }), kind: 'fee_due' },
  { dataType: 'pushInhospitalFee', fields: () => ({ ...who, serial_number: 'ZY1', total_amount: '10000', arrear_amount: '360.50' }), malformed: (f) => ({ ...f, arrear_amount: '-' }), kind: 'inpatient_arrears' },
  { dataType: 'pushDayExpense', fields: () => ({ ...who, serial_number: 'ZY1', fee_type: '住院费用', fee_date: '2026-11-20', total_amount: '109.60' }), malformed: (f) => ({ ...f, fee_date: '' }), kind: 'inpatient_daily_bill' },
  { dataType: 'pushClinicFinish', fields: () => ({ ...who, his_id: 'GHS0010' }), malformed: ({ his_id: _drop, ...f }) => f, kind: 'visit_finished' },
  { dataType: 'pushReportFinish', fields: () => ({ ...who, report_id: 'ZS-LIS-02', report_scope: '1', report_date: '2026-11-20', report_address: '自助报告机' }), malformed: (f) => ({ ...f, report_scope: '9' }), kind: 'report_ready' },
  { dataType: 'pushPatientFeeNotice', fields: () => ({ realName: z.realName, patientCard: z.patientCard, feeAmount: '5.00', feeType: '门诊缴费', feeDate: '2026-11-21', hisRegisterId: '123456' }), malformed: (f) => ({ ...f, feeAmount: 'five' }), kind: 'fee_due', format: 'json' },
];

/** 16.1 and 16.7 name one of our orders, not a patient: the order's account is told. */
let orderTradeNo = '';
CASES.push(
  { dataType: 'getMedicalSuccess', fields: () => ({ tradeNo: orderTradeNo, his_no: '903230002', status: '0' }), malformed: (f) => ({ ...f, his_no: '' }), kind: 'medicine_ready' },
  { dataType: 'printInvoiceSuccess', fields: () => ({ trade_no: orderTradeNo, invoice_number: 'FP123', print_time: '2026-11-21 14:28:30' }), malformed: (f) => ({ ...f, invoice_amount: '1.234' }), kind: 'invoice_printed' },
);

describe('HIS pushes become notices (section 16)', () => {
  let bff: TestBff;
  let token: string;
  let url: string;
  beforeAll(async () => {
    bff = await startTestBff({ name: 'his-pushes', config: FAST_ORDERS as never });
    url = `${bff.url}/his/pushHisData`;
    token = await bff.login('push-target');
    const r = await bff.bind(token, z, 'self');
    expect(r.status).toBe(200);
    orderTradeNo = (await bookOne(bff, { user: 'push-target' })).tradeNo;
  });
  afterAll(async () => {
    await bff.close();
  });
  const his = () => bff.sims.his!;
  const notices = async () => (await bff.request('GET', '/api/notices', { token })).body;
  const unmatched = () => bff.deps.notices.unmatched();

  describe.each(CASES)('$dataType', ({ dataType, fields, malformed, kind, format }) => {
    it('valid: one notice for the patient, answered as the document shows', async () => {
      const before = (await notices()).notices.filter((n: { kind: string }) => n.kind === kind).length;
      const r = await his().push(url, dataType as never, fields() as never, { format: format ?? 'xml' });
      expect(r.status).toBe(200);
      const word = dataType === 'getMedicalSuccess' ? 'success' : 'SUCCESS';
      expect(r.body).toContain(format === 'json' ? `"result":"${word}"` : `<result>${word}</result>`);
      const after = (await notices()).notices.filter((n: { kind: string }) => n.kind === kind);
      expect(after.length).toBe(before + 1);
      expect(JSON.stringify(after)).not.toContain(z.idCard);
    });

    it('duplicate: the same message again shows once', async () => {
      const count = (await notices()).notices.length;
      const r = await his().push(url, dataType as never, fields() as never, { format: format ?? 'xml' });
      expect(r.status).toBe(200);
      expect((await notices()).notices.length).toBe(count);
    });

    it('bad signature: refused, nothing written', async () => {
      const count = (await notices()).notices.length;
      const r = await his().push(url, dataType as never, { ...fields(), fee_date: '2026-01-01', report_id: 'ZS-PAC-01' } as never, { format: format ?? 'xml', sign: 'bad' });
      expect(r.status).toBe(401);
      expect((await notices()).notices.length).toBe(count);
    });

    it('malformed: refused with an error reply, nothing written', async () => {
      const count = (await notices()).notices.length;
      const r = await his().push(url, dataType as never, malformed(fields()) as never, { format: format ?? 'xml' });
      expect(r.status).toBe(400);
      expect(r.body).toMatch(/error|ERROR/);
      expect((await notices()).notices.length).toBe(count);
    });

    it('unknown patient: kept for an operator, not dropped', async () => {
      const before = (await unmatched()).length;
      const stranger = { ...fields(), real_name: '陌生人', realName: '陌生人', patient_card: '99999999', patientCard: '99999999', id_card: '', clinic_no: 'X', report_id: 'RX1', his_id: 'GX1', hisRegisterId: 'X1', fee_date: '2026-11-19' };
      if ('tradeNo' in stranger) stranger.tradeNo = 'EH000000000000000001';
      if ('trade_no' in stranger) (stranger as Record<string, string>).trade_no = 'EH000000000000000001';
      const r = await his().push(url, dataType as never, stranger as never, { format: format ?? 'xml' });
      expect(r.status).toBe(200);
      expect((await unmatched()).length).toBe(before + 1);
    });
  });

  it('replayed: a message carrying a timestamp and nonce is refused outside its window or when reused', async () => {
    const fresh = { ...CASES[0]!.fields(), clinic_no: 'MZ-replay', timestamp: String(Math.floor(Date.now() / 1000)), nonce: 'n-once-0001' };
    expect((await his().push(url, 'notifyOutpatientFee', fresh as never)).status).toBe(200);
    expect((await his().push(url, 'notifyOutpatientFee', fresh as never)).status).toBe(401);
    const old = { ...fresh, nonce: 'n-once-0002', timestamp: String(Math.floor(Date.now() / 1000) - 3600) };
    expect((await his().push(url, 'notifyOutpatientFee', old as never)).status).toBe(401);
  });

  it.each(['constructor', 'toString', 'unknownType'])('refuses an unsupported dataType %p', async (dataType) => {
    const body = encodeHisPush(dataType, { hospital_id: 'demoyyadmin', real_name: 'x' }, 'demo-his-sign-key-change-me');
    const r = await bff.request('POST', '/his/pushHisData', { body, headers: { 'content-type': 'application/xml' } });
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/ERROR/);
  });

  it('refuses a push naming another hospital', async () => {
    const r = await his().push(url, 'notifyOutpatientFee', { ...CASES[0]!.fields(), hospital_id: 'someotherhospital' } as never);
    expect(r.body).toMatch(/<result>ERROR<\/result>/);
  });

  it('the message centre counts unread and marks read', async () => {
    const list = await notices();
    expect(list.unread).toBeGreaterThan(0);
    const first = list.notices[0];
    const r = await bff.request('POST', `/api/notices/${first.id}/read`, { token });
    expect(r.body.unread).toBe(list.unread - 1);
    const other = await bff.login('someone-else-reading');
    expect((await bff.request('POST', `/api/notices/${list.notices[1].id}/read`, { token: other })).status).toBe(404);
    expect((await bff.request('POST', '/api/notices/read-all', { token })).body.unread).toBe(0);
  });
});
