/**
 * The five inpatient pushes (hop.inpatient.msg.*): their field tables, domain objects and display
 * lines. The platform's field names stay in the .map files; callers see only domain words.
 */
import { createHash } from 'node:crypto';
import { formatFen, maskName } from '@hosp/shared';
import { Fields, key, pushPatient, SETTLEMENT_LABEL, settlementOf, type PushBuilders } from './payment-push.fields';
import { PUSH_TRANS, type InpatientStay, type PushPatient } from './payment-push.types';

/** The fields every inpatient message shares (patient and stay). */
function inpatientBase(f: Fields, opts: { cardNoRequired: boolean }): { patient: PushPatient; stay: InpatientStay } {
  const inpatientNo = f.req('inpatientNo', 32);
  const stay: InpatientStay = {
    inpatientNo,
    ward: f.req('wardName'),
    wardCode: f.opt('wardCode', 32),
    admittedOn: f.day('inpatientDate'),
    admissionCount: f.opt('admissTimes', 32),
  };
  f.req('cardType', 32);
  f.req('accountType', 2);
  const patient = pushPatient(f, { inpatientNo, cardNoRequired: opts.cardNoRequired, withUserNo: false });
  return { patient, stay };
}

function stayLines(patient: PushPatient, stay: InpatientStay): Record<string, string> {
  return { 姓名: maskName(patient.name), 住院科室: stay.ward, 住院号: stay.inpatientNo, 住院日期: stay.admittedOn };
}

/** The settled-cost block that arrears and discharge share (same fields, same labels). */
function costAmounts(f: Fields): { insuranceFen: number; selfPayFen: number; totalFen: number; balanceFen: number } {
  return {
    insuranceFen: f.money('bcbxf0'),
    selfPayFen: f.money('grzfe0'),
    totalFen: f.money('bcfyze'),
    balanceFen: f.money('balance', true),
  };
}

function costLines(amounts: ReturnType<typeof costAmounts>): Record<string, string> {
  return {
    费用总额: formatFen(amounts.totalFen),
    医保支付: formatFen(amounts.insuranceFen),
    个人支付: formatFen(amounts.selfPayFen),
    院内余额: formatFen(amounts.balanceFen),
  };
}

type InpatientTrans = (typeof PUSH_TRANS)['arrears' | 'dailyBill' | 'leftWard' | 'discharged' | 'notice'];

export const INPATIENT_BUILDERS: PushBuilders<InpatientTrans> = {
  [PUSH_TRANS.arrears]: (f, meta) => {
    const { patient, stay } = inpatientBase(f, { cardNoRequired: true });
    const amounts = { ...costAmounts(f), arrearsFen: f.money('complementMoney') };
    return {
      kind: 'inpatient-arrears', ...meta, patient, stay, amounts,
      title: '住院押金不足，请及时补缴',
      lines: { ...stayLines(patient, stay), ...costLines(amounts), 需补缴金额: formatFen(amounts.arrearsFen) },
      // One arrears state of one stay: a changed total or shortfall is a new message.
      dedupeKey: key(meta.transType, stay.inpatientNo, amounts.totalFen, amounts.arrearsFen),
    };
  },

  [PUSH_TRANS.dailyBill]: (f, meta) => {
    // The table marks cardNo N but notes "自费病人可为空": optional here.
    const { patient, stay } = inpatientBase(f, { cardNoRequired: false });
    const settlement = settlementOf(f.req('patientType', 2));
    const date = f.day('beginDate');
    const endDate = f.day('endDate');
    const amounts = {
      insuranceFen: f.money('bcbxf0'),
      selfPayFen: f.money('grzfe0'),
      dailyTotalFen: f.money('bcfyze'),
      balanceFen: f.money('balance', true),
    };
    return {
      kind: 'inpatient-daily-bill', ...meta, patient, stay, settlement, date, endDate, amounts,
      title: '住院每日费用清单',
      lines: {
        清单日期: date === endDate ? date : `${date} 至 ${endDate}`,
        ...stayLines(patient, stay),
        ...(settlement ? { 费用类型: SETTLEMENT_LABEL[settlement] } : {}),
        当日费用: formatFen(amounts.dailyTotalFen),
        医保报销: formatFen(amounts.insuranceFen),
        个人支付: formatFen(amounts.selfPayFen),
        院内余额: formatFen(amounts.balanceFen),
      },
      dedupeKey: key(meta.transType, stay.inpatientNo, date),
    };
  },

  [PUSH_TRANS.leftWard]: (f, meta) => {
    const { patient, stay } = inpatientBase(f, { cardNoRequired: true });
    const settlement = settlementOf(f.req('patientType', 2));
    const amounts = { balanceFen: f.optMoney('balance', true), totalFen: f.optMoney('bcfyze'), arrearsFen: f.optMoney('complementMoney') };
    const lines: Record<string, string> = {
      通知内容: settlement === 'self-pay' ? '您已经成功出科，可在线自费结算' : '您已经成功出科，医保病人请到窗口结算',
      ...stayLines(patient, stay),
    };
    if (settlement) lines['费用类型'] = SETTLEMENT_LABEL[settlement];
    if (amounts.balanceFen !== null) lines['院内余额'] = formatFen(amounts.balanceFen);
    if (amounts.totalFen !== null) lines['费用总计'] = formatFen(amounts.totalFen);
    if (amounts.arrearsFen !== null) lines['需补缴金额'] = formatFen(amounts.arrearsFen);
    return {
      kind: 'inpatient-left-ward', ...meta, patient, stay, settlement, amounts, lines,
      title: '出科通知',
      dedupeKey: key(meta.transType, stay.inpatientNo, stay.admittedOn, stay.wardCode ?? stay.ward),
    };
  },

  [PUSH_TRANS.discharged]: (f, meta) => {
    const { patient, stay } = inpatientBase(f, { cardNoRequired: true });
    const amounts = costAmounts(f);
    return {
      kind: 'inpatient-discharged', ...meta, patient, stay, amounts,
      title: '出院通知',
      lines: { ...stayLines(patient, stay), ...costLines(amounts) },
      dedupeKey: key(meta.transType, stay.inpatientNo, stay.admittedOn),
    };
  },

  [PUSH_TRANS.notice]: (f, meta) => {
    const inpatientNo = f.req('inpatientNo', 32);
    const patient = pushPatient(f, { inpatientNo, cardNoRequired: false, withUserNo: false });
    const title = f.req('first', 200);
    const text = f.req('keyword', 2000);
    const remark = f.opt('remark', 2000);
    const digest = createHash('sha256').update(JSON.stringify([inpatientNo, title, text, remark])).digest('hex').slice(0, 16);
    return {
      kind: 'inpatient-notice', ...meta, patient, title, text, remark,
      lines: { 通知内容: text, ...(remark ? { 备注: remark } : {}), 住院号: inpatientNo },
      // No id of its own: the same text to the same stay is the same notice.
      dedupeKey: key(meta.transType, inpatientNo, digest),
    };
  },
};
