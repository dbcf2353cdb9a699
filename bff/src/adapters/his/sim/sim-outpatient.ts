import { fenToYuan, signedYuanToFen } from '@hosp/shared';
import type { XmlFields } from '../xml-codec';
import type { SimPatient, SimState } from './seed';
import type { SimPrescription } from './seed-outpatient';
import { cardHolder, fail, fenOf, missingField, nextSeq, ok, postOnce } from './sim-posting';

/**
 * Section 8 over the in-memory hospital: the visit (findClinicNo), the unpaid list
 * (findOutpatientPay) and the payment notice (outpatientPay), with exactly the tables' fields.
 */
type SimMethod = (state: SimState, f: Record<string, string>) => XmlFields;


/** 8.1: the latest visit, flat in `<response>` as 8.1.2 shows. */
const findClinicNo: SimMethod = (state, f) => {
  const missing = missingField(f, ['realName', 'patientCard']);
  if (missing) return missing;
  const p = cardHolder(state, f);
  if (typeof p === 'string') return fail(p);
  const v = state.outpatient.visits.filter((x) => x.idCard === p.idCard).sort((a, b) => b.createDate.localeCompare(a.createDate))[0];
  if (!v) return fail('未查询到门诊就诊记录');
  return ok({
    message: '成功',
    realName: p.realName,
    patientCard: p.patientCard,
    createDate: v.createDate,
    departmentName: v.departmentName,
    departmentCode: v.departmentCode,
    doctorName: v.doctorName,
    doctorCode: v.doctorCode,
    clinicNo: v.clinicNo,
  });
};

function row(state: SimState, p: SimPatient, rx: SimPrescription): XmlFields {
  const v = state.outpatient.visits.find((x) => x.clinicNo === rx.clinicNo);
  const patientTime = `${rx.createDate.slice(0, 10)} 08:32:23`;
  return {
    clinicNo: rx.clinicNo,
    hisRegisterId: rx.hisRegisterId,
    prescriptionNo: rx.prescriptionNo,
    realName: p.realName,
    patientCard: p.patientCard,
    orderFee: rx.orderFee,
    createDate: rx.createDate,
    feeType: rx.feeType,
    departmentName: v?.departmentName,
    departmentCode: v?.departmentCode,
    doctorName: v?.doctorName,
    doctorCode: v?.doctorCode,
    diagnosisCode: v?.diagnosisCode,
    diagnosisName: v?.diagnosisName,
    feeDetail: rx.items
      ? {
          data: rx.items.map((i) => ({
            prescriptionNo: rx.prescriptionNo,
            createDate: rx.createDate,
            patientTime,
            price: i.price,
            count: i.count,
            feeName: i.feeName,
            feeType: i.feeType,
            usage: i.usage,
            dosage: i.dosage,
          })),
        }
      : undefined,
  };
}

/** 8.2: every unpaid prescription of the card (of one visit when clinicNo is given), `<content><data>`. */
const findOutpatientPay: SimMethod = (state, f) => {
  const missing = missingField(f, ['realName', 'patientCard']);
  if (missing) return missing;
  const p = cardHolder(state, f);
  if (typeof p === 'string') return fail(p);
  const rows = [...state.outpatient.prescriptions.values()]
    .filter((rx) => rx.idCard === p.idCard && rx.status === 'unpaid' && (!f.clinicNo || rx.clinicNo === f.clinicNo))
    .map((rx) => row(state, p, rx));
  return ok({ message: '成功', content: rows.length === 0 ? null : { data: rows } });
};

const joinDistinct = (xs: Array<string | undefined>) => [...new Set(xs.filter((x): x is string => !!x))].join('；') || undefined;

/** 8.3: books the listed prescriptions once, if each is still unpaid and orderFee is their exact sum. */
const outpatientPay: SimMethod = (state, f) =>
  postOnce(state, 'outpatientPay', f, ['prescriptionNo', 'realName', 'patientCard', 'orderFee', 'feeType', 'payedTime', 'tradeNo'], 'orderFee', () => {
    const p = cardHolder(state, f);
    if (typeof p === 'string') return p;
    const numbers = f.prescriptionNo!.split(',').map((n) => n.trim());
    if (new Set(numbers).size !== numbers.length) return '处方编号重复';
    const list: SimPrescription[] = [];
    for (const n of numbers) {
      const rx = state.outpatient.prescriptions.get(n);
      if (!rx || rx.idCard !== p.idCard) return `处方${n}不存在`;
      if (rx.status === 'paid') return `处方${n}已缴费`;
      if (rx.status === 'cancelled') return `处方${n}已作废`;
      list.push(rx);
    }
    const due = list.reduce((sum, rx) => sum + (fenOf(rx.orderFee) ?? 0), 0);
    if (fenOf(f.orderFee) !== due) return `缴费金额与处方金额不符，应缴${fenToYuan(due)}元`;
    // Paid from the one-card (院内卡支付): HIS takes it from the card's balance.
    if (f.payType === 'eCardPay') {
      if (p.cardStatus === 'lost' || p.eCardBalance === '') return '该卡不能使用一卡通支付';
      const left = signedYuanToFen(p.eCardBalance) - due;
      if (left < 0) return '一卡通余额不足';
      p.eCardBalance = fenToYuan(left);
    }
    for (const rx of list) {
      rx.status = 'paid';
      rx.paidBy = f.tradeNo;
    }
    const seq = nextSeq(state);
    const posted = { invoiceNo: `MZFP${seq}`, hisPayId: `MZLS${seq}`, inspectPlace: joinDistinct(list.map((x) => x.inspectPlace)), windowNo: joinDistinct(list.map((x) => x.windowNo)) };
    return { posted, reply: { invoiceNo: posted.invoiceNo, serialNo: posted.hisPayId } };
  });

export const outpatientMethods: Record<string, SimMethod> = { findClinicNo, findOutpatientPay, outpatientPay };

// ---- what happens at the hospital meanwhile (for tests and the demo) ---------------------------

function prescription(state: SimState, prescriptionNo: string): SimPrescription {
  const rx = state.outpatient.prescriptions.get(prescriptionNo);
  if (!rx) throw new Error(`the simulator has no prescription ${prescriptionNo}`);
  return rx;
}

/** The patient paid it at the window: it leaves the unpaid list and can no longer be paid online. */
export function payAtWindow(state: SimState, prescriptionNo: string): void {
  Object.assign(prescription(state, prescriptionNo), { status: 'paid', paidBy: 'window' });
}

/** The doctor withdrew it (作废). */
export function cancelPrescription(state: SimState, prescriptionNo: string): void {
  prescription(state, prescriptionNo).status = 'cancelled';
}

/** The doctor changed it: a new amount (yuan string, as HIS writes it). */
export function changePrescriptionFee(state: SimState, prescriptionNo: string, orderFee: string): void {
  prescription(state, prescriptionNo).orderFee = orderFee;
}
