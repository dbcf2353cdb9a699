/**
 * The simulator's sections 8-11 and 15.2 as strict as the document: every not-nullable request
 * field refused when missing (nothing recorded), replies with exactly the tables' fields.
 */
import { createSeedState, type SimState } from './seed';
import { inpatientSeed } from './seed-inpatient';
import { outpatientSeed } from './seed-outpatient';
import { simMethods } from './sim-methods';

const NOW = new Date('2024-10-14T01:00:00Z');
const call = (state: SimState, method: string, f: Record<string, string>) => simMethods[method]!(state, f) as Record<string, unknown>;
/** The elements encodeXml writes: undefined fields are left out. */
const keys = (o: unknown) => Object.entries(o as object).filter(([, v]) => v !== undefined).map(([k]) => k).sort();
const payed = '2024-10-14 09:30:00';

function firstUnpaid(state: SimState, idCard: string) {
  return [...state.outpatient.prescriptions.values()].find((p) => p.idCard === idCard && p.status === 'unpaid')!;
}

/** Valid requests, one per method, in the tables' field names. */
function requests(state: SimState): Record<string, Record<string, string>> {
  const rx = firstUnpaid(state, outpatientSeed.li.idCard);
  const li = { realName: '李思思', patientCard: 'xn00000001' };
  return {
    findClinicNo: li,
    findOutpatientPay: li,
    outpatientPay: { prescriptionNo: rx.prescriptionNo, ...li, orderFee: rx.orderFee, feeType: rx.feeType, payedTime: payed, tradeNo: 'EH-OP' },
    checkECard: { patientCard: '000123456', realName: '张三' },
    rechargeECard: { patientCard: '000123456', realName: '张三', amount: '10.00', tradeNo: 'EH-EC', nonceStr: 'n', sign: 'S', payedTime: payed },
    getPatientExpense: { realName: inpatientSeed.recent.realName, queryId: inpatientSeed.recent.serialNumber },
    getDayExpense: { realName: inpatientSeed.recent.realName, queryId: inpatientSeed.recent.serialNumber, date: '2024-10-12' },
    prePayExpense: { realName: inpatientSeed.recent.realName, patientCard: inpatientSeed.recent.serialNumber, prepayaAmt: '100', tradeNo: 'EH-PP', payedTime: payed },
  };
}

/** The "是" (not-nullable) request fields of each table. */
const NOT_NULLABLE: Record<string, string[]> = {
  findClinicNo: ['realName', 'patientCard'],
  findOutpatientPay: ['realName', 'patientCard'],
  outpatientPay: ['prescriptionNo', 'realName', 'patientCard', 'orderFee', 'feeType', 'payedTime', 'tradeNo'],
  checkECard: ['patientCard', 'realName'],
  rechargeECard: ['patientCard', 'realName', 'amount', 'tradeNo', 'nonceStr', 'sign', 'payedTime'],
  getPatientExpense: ['realName', 'queryId'],
  getDayExpense: ['realName', 'queryId', 'date'],
  prePayExpense: ['realName', 'patientCard', 'prepayaAmt', 'tradeNo', 'payedTime'],
};

describe('HIS simulator, sections 8-11: strict requests', () => {
  it.each(Object.entries(NOT_NULLABLE))('%s refuses each missing not-nullable field, recording nothing', (method, fields) => {
    for (const field of fields) {
      const state = createSeedState(() => NOW);
      const f = { ...requests(state)[method]! };
      delete f[field];
      const reply = call(state, method, f);
      expect(reply).toEqual({ result: 'error', message: expect.stringMatching(/不能为空$/) });
      expect([...state.ledger.values()].filter((e) => e.booked > 0 || e.reply)).toEqual([]);
      // Blank is missing too.
      expect(call(state, method, { ...requests(state)[method]!, [field]: ' ' })).toMatchObject({ result: 'error' });
    }
  });

  it('answers every valid request with success', () => {
    const state = createSeedState(() => NOW);
    for (const [method, f] of Object.entries(requests(state))) expect(call(state, method, f)).toMatchObject({ result: 'success' });
  });

  it("reads only the table's prepayaAmt, and a payType only from dictionary 18.2", () => {
    const state = createSeedState(() => NOW);
    const { prepayaAmt, ...rest } = requests(state).prePayExpense!;
    expect(call(state, 'prePayExpense', { ...rest, prepayAmt: prepayaAmt! })).toEqual({ result: 'error', message: '预缴金额不能为空' });
    expect(call(state, 'prePayExpense', { ...rest, prepayaAmt: prepayaAmt!, payType: 'weChat' })).toMatchObject({ result: 'error' });
    expect(state.ledger.get(rest.tradeNo!)).toBeUndefined();
    expect(call(state, 'prePayExpense', { ...rest, prepayaAmt: prepayaAmt!, payType: 'wechatMP' })).toMatchObject({ result: 'success' });
  });
});

describe('HIS simulator, sections 8-11 and 15.2: exactly the tables’ reply fields', () => {
  const state = createSeedState(() => NOW);
  const r = requests(state);

  it('findClinicNo (8.1.2, flat) and findOutpatientPay (8.2.2: <content><data>, feeDetail <data>)', () => {
    expect(keys(call(state, 'findClinicNo', r.findClinicNo!))).toEqual(
      ['realName', 'patientCard', 'createDate', 'departmentName', 'departmentCode', 'doctorName', 'doctorCode', 'clinicNo', 'result', 'message'].sort(),
    );
    const list = call(state, 'findOutpatientPay', r.findOutpatientPay!) as { content: { data: Array<Record<string, unknown>> } };
    const row = list.content.data[0]!;
    expect(keys(row)).toEqual(
      ['clinicNo', 'hisRegisterId', 'prescriptionNo', 'realName', 'patientCard', 'orderFee', 'createDate', 'feeType', 'departmentName', 'departmentCode', 'doctorName', 'doctorCode', 'diagnosisCode', 'diagnosisName', 'feeDetail'].sort(),
    );
    const item = (row.feeDetail as { data: object[] }).data[0];
    expect(keys(item)).toEqual(['prescriptionNo', 'price', 'createDate', 'patientTime', 'usage', 'dosage', 'count', 'feeName', 'feeType'].sort());
  });

  it('outpatientPay, rechargeECard, prePayExpense (result, message, invoiceNo, serialNo); checkECard; getPatientExpense; getDayExpense', () => {
    for (const m of ['outpatientPay', 'rechargeECard', 'prePayExpense']) expect(keys(call(state, m, r[m]!))).toEqual(['invoiceNo', 'message', 'result', 'serialNo']);
    expect(keys(call(state, 'checkECard', r.checkECard!))).toEqual(['message', 'remainAmt', 'result']);
    expect(keys(call(state, 'getPatientExpense', r.getPatientExpense!))).toEqual(['message', 'prepayAmt', 'remainAmt', 'result', 'usedAmt']);
    const bill = call(state, 'getDayExpense', r.getDayExpense!) as { data: object[] };
    expect(keys(bill)).toEqual(['data', 'message', 'result']);
    for (const l of bill.data) expect(keys(l)).toEqual(['amount', 'count', 'feeType', 'price']);
  });

  it('queryOrderStatus answers from the one ledger for every dataSrc, inspectPlace/windowNo for hisSrc only', () => {
    expect(keys(call(state, 'queryOrderStatus', { tradeNo: 'EH-OP', dataSrc: 'hisSrc' }))).toEqual(['hisPayId', 'inspectPlace', 'invoiceNo', 'message', 'result']);
    expect(call(state, 'queryOrderStatus', { tradeNo: 'EH-OP', dataSrc: 'hisSrc' })).toMatchObject({ result: 'SUCCESS', inspectPlace: '门诊楼一楼放射科' });
    for (const [tradeNo, dataSrc] of [['EH-EC', 'eCardPay'], ['EH-PP', 'prepaySrc']]) {
      expect(keys(call(state, 'queryOrderStatus', { tradeNo: tradeNo!, dataSrc: dataSrc! }))).toEqual(['hisPayId', 'invoiceNo', 'message', 'result']);
    }
    expect(call(state, 'queryOrderStatus', { tradeNo: 'EH-EC', dataSrc: 'hisSrc' })).toEqual({ result: 'ERROR', message: '订单类型不符' });
    expect(call(state, 'queryOrderStatus', { dataSrc: 'hisSrc' })).toMatchObject({ result: 'ERROR' });
    expect(call(state, 'queryOrderStatus', { tradeNo: 'EH-EC' })).toMatchObject({ result: 'ERROR' });
  });
});
