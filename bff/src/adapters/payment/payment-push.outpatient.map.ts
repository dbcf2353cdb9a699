/**
 * The two mmpay pushes (bills waiting to be settled, medicine collection status): their field
 * tables, domain objects and display lines.
 */
import { formatFen, maskName } from '@hosp/shared';
import { PlatformPushError } from './payment-push.errors';
import { beijingMinute, Fields, key, pushPatient, SETTLEMENT_LABEL, settlementOf, type PushBuilders } from './payment-push.fields';
import { PUSH_TRANS, type PrescriptionRef } from './payment-push.types';

/** Who prescribed and when; both messages read these three in this order. */
function prescribedBy(f: Fields): Omit<PrescriptionRef, 'voucherNo'> {
  return { department: f.req('applyDepaName'), doctor: f.req('applyDoctorName', 64), prescribedAt: f.time('recipeTime') };
}

function prescriptionLines(p: Omit<PrescriptionRef, 'voucherNo'>): Record<string, string> {
  return { 申请科室: p.department, 申请医生: p.doctor, 处方时间: beijingMinute(p.prescribedAt) };
}

const STATE_LABEL = { waiting: '待取药', collected: '已取药', returned: '已退药' } as const;

type OutpatientTrans = (typeof PUSH_TRANS)['billsToSettle' | 'medicine'];

export const OUTPATIENT_BUILDERS: PushBuilders<OutpatientTrans> = {
  [PUSH_TRANS.billsToSettle]: (f, meta) => {
    f.req('cardType', 2);
    f.req('accountType', 2);
    const settlement = settlementOf(f.req('feeType', 2));
    const patient = pushPatient(f, { inpatientNo: null, cardNoRequired: true, withUserNo: true });
    const prescription: PrescriptionRef = { voucherNo: f.opt('voucherNo', 64), ...prescribedBy(f) };
    const countText = f.opt('recipeNum', 8);
    if (countText !== null && !/^\d+$/.test(countText)) throw new PlatformPushError('invalid', 'recipeNum');
    const prescriptionCount = countText === null ? null : Number(countText);
    const amounts = { totalFen: f.optMoney('fee') };
    const lines: Record<string, string> = { 姓名: maskName(patient.name), ...prescriptionLines(prescription) };
    if (prescription.voucherNo) lines['单据号'] = prescription.voucherNo;
    if (prescriptionCount !== null) lines['处方数'] = String(prescriptionCount);
    if (amounts.totalFen !== null) lines['总费用'] = formatFen(amounts.totalFen);
    if (settlement) lines['费用类型'] = SETTLEMENT_LABEL[settlement];
    return {
      kind: 'bills-to-settle', ...meta, patient, prescription, settlement, prescriptionCount, amounts, lines,
      title: '您有待结算的费用',
      dedupeKey: key(meta.transType, patient.patientNo, prescription.voucherNo ?? '', f.req('recipeTime', 32).replace(/\D/g, '')),
    };
  },

  [PUSH_TRANS.medicine]: (f, meta) => {
    const patient = pushPatient(f, { inpatientNo: null, cardNoRequired: true, withUserNo: true });
    const stateCode = f.req('drugState', 16).toLowerCase();
    const state = stateCode === 'init' ? 'waiting' : stateCode === 'succ' ? 'collected' : stateCode === 'cancel' ? 'returned' : null;
    if (!state) throw new PlatformPushError('invalid', 'drugState');
    const refundNote = state === 'returned' ? f.req('cancelDesc', 500) : f.opt('cancelDesc', 500);
    const prescription = { voucherNo: f.req('voucherNo', 64), receiptNo: f.req('hisReceiptNo', 64), ...prescribedBy(f) };
    const amounts = { feeFen: f.money('fee') };
    const window = f.req('drugWindowNo', 64);
    const remark = f.req('remark', 500);
    const lines: Record<string, string> = {
      姓名: maskName(patient.name),
      取药状态: STATE_LABEL[state],
      取药窗口: window,
      ...prescriptionLines(prescription),
      [state === 'returned' ? '退费金额' : '费用']: formatFen(amounts.feeFen),
    };
    if (refundNote && state === 'returned') lines['退费说明'] = refundNote;
    lines['备注'] = remark;
    return {
      kind: 'medicine-status', ...meta, patient, prescription, state, window, remark, refundNote, amounts, lines,
      title: f.req('first', 200),
      // Each state of one prescription is its own message.
      dedupeKey: key(meta.transType, prescription.voucherNo, prescription.receiptNo, stateCode),
    };
  },
};
