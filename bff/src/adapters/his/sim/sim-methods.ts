import { isValidIdNumber, normalizeIdNumber } from '@hosp/shared';
import type { XmlFields } from '../xml-codec';
import type { SimPatient, SimState } from './seed';
import { bookingMethods } from './sim-booking';
import { catalogueMethods } from './sim-catalogue';
import { eCardMethods } from './sim-ecard';
import { inpatientMethods } from './sim-inpatient';
import { ledgerMethods } from './sim-ledger';
import { outpatientMethods } from './sim-outpatient';
import { queueMethods } from './sim-queue';
import { reportMethods } from './sim-reports';

/** The section 4 methods over the in-memory hospital. Each returns the children of `<response>`. */
export type SimMethod = (state: SimState, f: Record<string, string>) => XmlFields;

const ok = (fields: XmlFields = {}): XmlFields => ({ result: 'success', message: '成功', ...fields });
export const fail = (message: string): XmlFields => ({ result: 'error', message });

const sameId = (a: string, b: string) => normalizeIdNumber(a) === normalizeIdNumber(b);

function findByIdCard(state: SimState, idCard: string): SimPatient | undefined {
  return [...state.patients.values()].find((p) => sameId(p.idCard, idCard));
}

/**
 * One person, one record: asking again for a known ID number with the same name answers the
 * existing card (so a retried request never makes a second card); a different name is refused.
 */
const addPatientCard: SimMethod = (state, f) => {
  const realName = f.realName ?? '';
  const idCard = f.idCard ?? '';
  const phone = f.phone ?? '';
  if (!realName || !idCard || !phone) return fail('姓名、身份证号、联系电话均不能为空');
  if (!isValidIdNumber(idCard)) return fail('身份证号码不正确');
  const existing = findByIdCard(state, idCard);
  if (existing) {
    if (existing.realName !== realName) return fail('该身份证号已登记，姓名不一致');
    return ok({ message: '该身份证号已建档', patientCard: existing.patientCard, hisNo: existing.hisNo });
  }
  const id = normalizeIdNumber(idCard);
  const patient: SimPatient = {
    patientCard: `xn${String(state.nextCardSeq++).padStart(8, '0')}`,
    realName,
    idCard: id,
    phone,
    sex: Number(id[16]) % 2 === 1 ? '男' : '女',
    birthday: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    eCardBalance: '0.00',
    hisNo: String(state.nextHisNo++),
  };
  state.patients.set(patient.patientCard, patient);
  return ok({ patientCard: patient.patientCard, hisNo: patient.hisNo });
};

/** Card, name and ID number must match; the phone is not compared (HIS often holds an old one). */
/**
 * 4.2: every request field is required (是). A card reported lost (挂失) is refused with HIS's words
 * only once the person matches, so a stranger learns nothing about someone else's card.
 */
const checkPatientCard: SimMethod = (state, f) => {
  if (!f.patientCard || !f.realName || !f.idCard || !f.phone) return fail('就诊卡号、姓名、身份证号、联系方式均不能为空');
  const p = state.patients.get(f.patientCard);
  if (!p) return fail('就诊卡号不存在');
  if (p.realName !== f.realName || !sameId(p.idCard, f.idCard)) return fail('就诊人信息与卡号不匹配');
  if (p.cardStatus === 'lost') return fail('该卡已挂失');
  return ok();
};

const queryPatientInfo: SimMethod = (state, f) => {
  const p = state.patients.get(f.patientCard ?? '');
  if (!p) return fail('未查询到该就诊卡信息');
  return ok({
    message: '',
    realName: p.realName,
    idCard: p.idCard,
    phone: p.phone,
    sex: p.sex,
    birthday: p.birthday,
    eCardBalance: p.eCardBalance,
    hisNo: p.hisNo,
  });
};

/** Answers in the spec sample's shape: result at the top and again inside `<data>`. */
const queryInHospitalPatient: SimMethod = (state, f) => {
  const s = state.stays.get(f.serialNumber ?? '');
  const p = s && findByIdCard(state, s.idCard);
  if (!s || !p) return fail('未查询到住院记录');
  return ok({
    message: '',
    data: {
      result: 'success',
      message: '',
      realName: p.realName,
      idCard: p.idCard,
      phone: p.phone,
      sex: p.sex,
      birthday: p.birthday,
      totleAmt: s.totleAmt,
      usedAmt: s.usedAmt,
      remainAmt: s.remainAmt,
      status: s.status,
      inhospitalDate: s.inhospitalDate,
      leaveDate: s.leaveDate,
      inpatientArea: s.inpatientArea,
      departmentCode: s.departmentCode,
      doctorCode: s.doctorCode,
      hisNo: s.hisNo,
    },
  });
};

export const simMethods: Record<string, SimMethod> = {
  addPatientCard,
  checkPatientCard,
  queryPatientInfo,
  queryInHospitalPatient,
  ...catalogueMethods,
  ...bookingMethods,
  ...reportMethods,
  ...queueMethods,
  ...outpatientMethods,
  ...eCardMethods,
  ...inpatientMethods,
  ...ledgerMethods,
};
