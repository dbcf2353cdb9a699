import { fenToYuan, signedYuanToFen, yuanToFen } from '@hosp/shared';
import { beijingDate } from '../../../domain/time';
import type { XmlFields } from '../xml-codec';
import type { SimPatient, SimStay, SimState } from './seed';
import { dayBill } from './seed-inpatient';
import { fail, fenOf, missingField, nextSeq, ok, postOnce } from './sim-posting';

/**
 * Sections 9 and 10 over the in-memory hospital: the deposit of a stay, its daily bill, and
 * prepayments that raise the deposit once per tradeNo.
 */
type SimMethod = (state: SimState, f: Record<string, string>) => XmlFields;

/**
 * 9.1 queryId "根据医院系统要求，选择传入住院号、就诊人卡号或就诊人id": this HIS takes the serial
 * number (住院号), the card or the HIS patient id (hisNo); for a person, the stay in progress first,
 * then the latest. Answers the stay and its patient when realName is theirs, else HIS's words.
 */
function stayOf(state: SimState, queryId: string, realName: string): { stay: SimStay; patient: SimPatient } | string {
  const patients = [...state.patients.values()];
  let stay = state.stays.get(queryId);
  if (!stay) {
    const p = state.patients.get(queryId) ?? patients.find((x) => x.hisNo !== '' && x.hisNo === queryId);
    stay = [...state.stays.values()]
      .filter((s) => s.idCard === p?.idCard)
      .sort((a, b) => Number(b.status) - Number(a.status) || b.inhospitalDate.localeCompare(a.inhospitalDate))[0];
  }
  const patient = stay && patients.find((x) => x.idCard === stay.idCard);
  if (!stay || !patient) return '未查询到住院记录';
  if (patient.realName !== realName) return '就诊人姓名与住院号不符';
  return { stay, patient };
}

/** 9.1 */
const getPatientExpense: SimMethod = (state, f) => {
  const missing = missingField(f, ['realName', 'queryId']);
  if (missing) return missing;
  const found = stayOf(state, f.queryId!, f.realName!);
  if (typeof found === 'string') return fail(found);
  const { stay } = found;
  return ok({ message: '成功', prepayAmt: stay.totleAmt, usedAmt: stay.usedAmt, remainAmt: stay.remainAmt });
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 9.2: the lines directly under `<response>`; a day without charges has none. */
const getDayExpense: SimMethod = (state, f) => {
  const missing = missingField(f, ['realName', 'queryId', 'date']);
  if (missing) return missing;
  if (!DATE.test(f.date!)) return fail('日期格式错误，应为 yyyy-MM-dd');
  const found = stayOf(state, f.queryId!, f.realName!);
  if (typeof found === 'string') return fail(found);
  const lines = dayBill(found.stay, f.date!, beijingDate(state.now()));
  return ok({ message: '成功', data: lines.length === 0 ? undefined : lines.map((l) => ({ ...l })) });
};

/** 10.1, with the table's field name prepayaAmt (the only one this HIS reads). */
const prePayExpense: SimMethod = (state, f) =>
  postOnce(state, 'prePayExpense', f, ['realName', 'patientCard', 'prepayaAmt', 'tradeNo', 'payedTime'], 'prepayaAmt', () => {
    const found = stayOf(state, f.patientCard!, f.realName!);
    if (typeof found === 'string') return found;
    const { stay } = found;
    if (stay.status === '0') return '患者已出院，不能预缴住院押金';
    const fen = fenOf(f.prepayaAmt);
    if (fen === null || fen <= 0) return '预缴金额不正确';
    stay.totleAmt = fenToYuan(yuanToFen(stay.totleAmt) + fen);
    stay.remainAmt = fenToYuan(signedYuanToFen(stay.remainAmt) + fen);
    const seq = nextSeq(state);
    const posted = { invoiceNo: `ZYFP${seq}`, hisPayId: `ZYLS${seq}` };
    return { posted, reply: { invoiceNo: posted.invoiceNo, serialNo: posted.hisPayId } };
  });

export const inpatientMethods: Record<string, SimMethod> = { getPatientExpense, getDayExpense, prePayExpense };
