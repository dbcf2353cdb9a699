/**
 * The payment platform's push messages (推送类接口 and the two mmpay pushes), received in the same
 * signed envelope as payment notices: `{transType, param, appId, timestamp, nonce, sign}`.
 *
 * `parsePlatformPush` checks, in this order, and refuses with a PlatformPushError (an AppError):
 *   1. the body is a JSON object                          else 'malformed'     VALIDATION_FAILED
 *   2. `sign` verifies with the app secret                 else 'bad-sign'      SIGNATURE_INVALID
 *   3. `appId` is ours (when opts.appId is given)           else 'wrong-app'     SIGNATURE_INVALID
 *   4. `timestamp` (yyyyMMddHHmmss Beijing) is within ±maxSkewMs of now (default 5 min)
 *                                                          else 'stale'         SIGNATURE_INVALID
 *   5. `nonce` is present (1–64 printable ASCII)           else 'no-nonce'      SIGNATURE_INVALID
 *   6. `transType` is one of the seven we know              else 'unknown-type'  VALIDATION_FAILED
 *   7. `param` holds every field its table marks 可空=N, with readable money/dates
 *                                                          else 'invalid'       VALIDATION_FAILED,
 *                                                               detail.field names the field
 * and returns the message in domain words. Refusing a repeated nonce is the caller's job (it has
 * the store): keep nonces for at least 2 × maxSkewMs. `dedupeKey` is stable across re-sends of one
 * message (new nonce/timestamp, same content), so a pushed notice sent twice shows once.
 *
 * Field names of the platform stay in this file; `lines` carry Chinese labels and masked values.
 */
import { createHash } from 'node:crypto';
import { AppError, formatFen, maskName, signedYuanToFen, yuanToFen } from '@hosp/shared';
import { parseBeijingTime } from './beijing-time';
import { paramObject } from './payment-client';
import { verifyEnvelope } from './payment-sign';

/** The reply that tells the platform a push was taken. */
export const PUSH_ACK = { respCode: '000000', respMsg: '成功' } as const;

export const PUSH_TRANS = {
  arrears: 'hop.inpatient.msg.overpay',
  dailyBill: 'hop.inpatient.msg.bill',
  leftWard: 'hop.inpatient.msg.outDepart',
  discharged: 'hop.inpatient.msg.outHosp',
  notice: 'hop.inpatient.msg.common',
  billsToSettle: 'hop.mmpay.msg.push',
  medicine: 'hop.mmpay.push.drug',
} as const;

export type PushTransType = (typeof PUSH_TRANS)[keyof typeof PUSH_TRANS];

export type PushRejectReason = 'malformed' | 'bad-sign' | 'wrong-app' | 'stale' | 'no-nonce' | 'unknown-type' | 'invalid';

const AUTH_REASONS: ReadonlySet<PushRejectReason> = new Set(['bad-sign', 'wrong-app', 'stale', 'no-nonce']);

export class PlatformPushError extends AppError {
  constructor(
    readonly reason: PushRejectReason,
    readonly field?: string,
  ) {
    super(AUTH_REASONS.has(reason) ? 'SIGNATURE_INVALID' : 'VALIDATION_FAILED', `platform push rejected: ${reason}${field ? ` (${field})` : ''}`, {
      reason,
      ...(field ? { field } : {}),
    });
    this.name = 'PlatformPushError';
  }
}

/**
 * The reply for a refused push, in the platform's return codes (返回码说明). Anything that is not
 * a PlatformPushError is 999999 so the platform tries again later.
 */
export function pushErrorReply(err: unknown): { respCode: string; respMsg: string } {
  if (!(err instanceof PlatformPushError)) return { respCode: '999999', respMsg: '未知错误' };
  switch (err.reason) {
    case 'malformed': return { respCode: '000004', respMsg: '请求格式非法' };
    case 'bad-sign': return { respCode: '000002', respMsg: '验签失败' };
    case 'wrong-app': return { respCode: '010004', respMsg: '应用编号非法' };
    case 'stale': return { respCode: '010006', respMsg: '请求时间戳为空或已过期' };
    case 'no-nonce': return { respCode: '000004', respMsg: '请求格式非法: nonce' };
    case 'unknown-type': return { respCode: '010002', respMsg: '未知交易类型' };
    case 'invalid': return { respCode: '020000', respMsg: `参数不合法: ${err.field ?? 'param'}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Domain shape

export interface PushPatient {
  name: string;
  idNumber: string | null;
  cardNo: string | null;
  inpatientNo: string | null;
  phone: string | null;
  /** The hospital's patient number (用户编号), where the message carries one. */
  patientNo: string | null;
}

/** How the patient settles: self-pay, local medical insurance, or insurance from elsewhere. */
export type SettlementKind = 'self-pay' | 'local-insurance' | 'other-region-insurance';

export interface InpatientStay {
  inpatientNo: string;
  ward: string;
  wardCode: string | null;
  /** yyyy-MM-dd */
  admittedOn: string;
  /** Which admission this is (住院次数), when sent. */
  admissionCount: string | null;
}

export interface PrescriptionRef {
  /** The HIS voucher / tracking number (单据号). */
  voucherNo: string | null;
  department: string;
  doctor: string;
  prescribedAt: Date;
}

interface PushCommon {
  patient: PushPatient;
  title: string;
  /** Chinese label → display value, in display order; money as ¥x.xx; names masked. */
  lines: Record<string, string>;
  /** Same for every re-send of one message: transType + the message's identifying fields. */
  dedupeKey: string;
  /** The platform's name for the message type, kept for logs and support. */
  transType: PushTransType;
  /** For the caller's replay check. */
  nonce: string;
  /** The envelope's timestamp. */
  sentAt: Date;
}

export type PlatformPush =
  | (PushCommon & {
      kind: 'inpatient-arrears';
      stay: InpatientStay;
      amounts: { arrearsFen: number; balanceFen: number; totalFen: number; insuranceFen: number; selfPayFen: number };
    })
  | (PushCommon & {
      kind: 'inpatient-daily-bill';
      stay: InpatientStay;
      settlement: SettlementKind | null;
      /** The bill's day, yyyy-MM-dd (beginDate; the document says begin and end are one day). */
      date: string;
      endDate: string;
      amounts: { dailyTotalFen: number; insuranceFen: number; selfPayFen: number; balanceFen: number };
    })
  | (PushCommon & {
      kind: 'inpatient-left-ward';
      stay: InpatientStay;
      settlement: SettlementKind | null;
      /** Not in the table, but the document's sample shows them: taken when sent. */
      amounts: { balanceFen: number | null; totalFen: number | null; arrearsFen: number | null };
    })
  | (PushCommon & {
      kind: 'inpatient-discharged';
      stay: InpatientStay;
      amounts: { totalFen: number; insuranceFen: number; selfPayFen: number; balanceFen: number };
    })
  | (PushCommon & {
      kind: 'inpatient-notice';
      text: string;
      remark: string | null;
    })
  | (PushCommon & {
      kind: 'bills-to-settle';
      prescription: PrescriptionRef;
      settlement: SettlementKind | null;
      prescriptionCount: number | null;
      amounts: { totalFen: number | null };
    })
  | (PushCommon & {
      kind: 'medicine-status';
      prescription: PrescriptionRef & { receiptNo: string };
      /** waiting: not collected yet; collected; returned: refunded (退药/退费). */
      state: 'waiting' | 'collected' | 'returned';
      window: string;
      remark: string;
      refundNote: string | null;
      /** The prescription's total; when state is 'returned', the amount refunded. */
      amounts: { feeFen: number };
    });

export type PlatformPushKind = PlatformPush['kind'];

export interface ParsePushOptions {
  appId?: string;
  now?: () => Date;
  /** Allowed distance between the envelope timestamp and now. Default 5 minutes. */
  maxSkewMs?: number;
}

export const DEFAULT_PUSH_MAX_SKEW_MS = 5 * 60_000;

// ---------------------------------------------------------------------------------------------
// Parsing

export function parsePlatformPush(body: unknown, appSecret: string, opts: ParsePushOptions = {}): PlatformPush {
  const envelope = envelopeOf(body);
  if (!verifyEnvelope(envelope, appSecret)) throw new PlatformPushError('bad-sign');
  if (opts.appId !== undefined && envelope.appId !== opts.appId) throw new PlatformPushError('wrong-app');
  const sentAt = parseBeijingTime(typeof envelope.timestamp === 'number' ? String(envelope.timestamp) : envelope.timestamp);
  const now = (opts.now ?? (() => new Date()))().getTime();
  const skew = opts.maxSkewMs ?? DEFAULT_PUSH_MAX_SKEW_MS;
  if (!sentAt || Math.abs(now - sentAt.getTime()) > skew) throw new PlatformPushError('stale');
  const nonce = typeof envelope.nonce === 'number' ? String(envelope.nonce) : envelope.nonce;
  if (typeof nonce !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(nonce)) throw new PlatformPushError('no-nonce');
  const transType = typeof envelope.transType === 'string' ? envelope.transType.trim() : '';
  const build = BUILDERS[transType as PushTransType];
  if (!build) throw new PlatformPushError('unknown-type', 'transType');
  const param = paramObject(envelope.param);
  if (!param || Object.keys(param).length === 0) throw new PlatformPushError('invalid', 'param');
  return build(new Fields(param), { transType: transType as PushTransType, nonce, sentAt });
}

type Meta = Pick<PushCommon, 'transType' | 'nonce' | 'sentAt'>;

/** Reads `param` by the table: `req` for 可空=N, `opt` for 可空=Y; both trim, '' counts as absent. */
class Fields {
  constructor(private readonly p: Record<string, unknown>) {}

  opt(name: string, max = 256): string | null {
    const v = this.p[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string' && typeof v !== 'number') throw new PlatformPushError('invalid', name);
    const text = String(v).trim();
    if (text === '') return null;
    if (text.length > max) throw new PlatformPushError('invalid', name);
    return text;
  }

  req(name: string, max = 256): string {
    const v = this.opt(name, max);
    if (v === null) throw new PlatformPushError('invalid', name);
    return v;
  }

  /** Yuan (15, 15.0, 15.00) → fen; `signed` lets a balance be negative. */
  money(name: string, signed = false): number {
    return this.toFen(name, this.req(name, 20), signed);
  }

  optMoney(name: string, signed = false): number | null {
    const v = this.opt(name, 20);
    return v === null ? null : this.toFen(name, v, signed);
  }

  /** yyyy-MM-dd (also yyyyMMdd, yyyy/MM/dd, or with a time after it) → yyyy-MM-dd. */
  day(name: string): string {
    const text = this.req(name, 32);
    const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:[ T]\d{2}:?\d{2}(?::?\d{2})?)?$/.exec(text);
    const day = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
    const check = m ? new Date(`${day}T00:00:00Z`) : null;
    if (!check || Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== day) throw new PlatformPushError('invalid', name);
    return day;
  }

  /** yyyyMMddHHmmss Beijing (separators tolerated) → Date. */
  time(name: string): Date {
    const digits = this.req(name, 32).replace(/[-/ :T]/g, '');
    const at = parseBeijingTime(digits);
    if (!at) throw new PlatformPushError('invalid', name);
    return at;
  }

  private toFen(name: string, text: string, signed: boolean): number {
    try {
      return signed ? signedYuanToFen(text) : yuanToFen(text);
    } catch {
      throw new PlatformPushError('invalid', name);
    }
  }
}

function settlementOf(code: string | null): SettlementKind | null {
  switch (code?.padStart(2, '0')) {
    case '00': return 'self-pay';
    case '01': return 'local-insurance';
    case '02': return 'other-region-insurance';
    default: return null;
  }
}

const SETTLEMENT_LABEL: Record<SettlementKind, string> = {
  'self-pay': '自费',
  'local-insurance': '本地医保',
  'other-region-insurance': '异地医保',
};

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
  const patient: PushPatient = {
    name: f.req('userName', 64),
    idNumber: f.req('idNo', 32),
    cardNo: opts.cardNoRequired ? f.req('cardNo', 32) : f.opt('cardNo', 32),
    inpatientNo,
    phone: f.req('contactNumber', 32),
    patientNo: null,
  };
  return { patient, stay };
}

function stayLines(patient: PushPatient, stay: InpatientStay): Record<string, string> {
  return { 姓名: maskName(patient.name), 住院科室: stay.ward, 住院号: stay.inpatientNo, 住院日期: stay.admittedOn };
}

function beijingMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function key(...parts: (string | number | null)[]): string {
  return parts.map((p) => (p === null ? '' : String(p))).join('|');
}

const BUILDERS: Record<PushTransType, (f: Fields, meta: Meta) => PlatformPush> = {
  [PUSH_TRANS.arrears]: (f, meta) => {
    const { patient, stay } = inpatientBase(f, { cardNoRequired: true });
    const amounts = {
      insuranceFen: f.money('bcbxf0'),
      selfPayFen: f.money('grzfe0'),
      totalFen: f.money('bcfyze'),
      balanceFen: f.money('balance', true),
      arrearsFen: f.money('complementMoney'),
    };
    return {
      kind: 'inpatient-arrears', ...meta, patient, stay, amounts,
      title: '住院押金不足，请及时补缴',
      lines: {
        ...stayLines(patient, stay),
        费用总额: formatFen(amounts.totalFen),
        医保支付: formatFen(amounts.insuranceFen),
        个人支付: formatFen(amounts.selfPayFen),
        院内余额: formatFen(amounts.balanceFen),
        需补缴金额: formatFen(amounts.arrearsFen),
      },
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
    const amounts = {
      insuranceFen: f.money('bcbxf0'),
      selfPayFen: f.money('grzfe0'),
      totalFen: f.money('bcfyze'),
      balanceFen: f.money('balance', true),
    };
    return {
      kind: 'inpatient-discharged', ...meta, patient, stay, amounts,
      title: '出院通知',
      lines: {
        ...stayLines(patient, stay),
        费用总额: formatFen(amounts.totalFen),
        医保支付: formatFen(amounts.insuranceFen),
        个人支付: formatFen(amounts.selfPayFen),
        院内余额: formatFen(amounts.balanceFen),
      },
      dedupeKey: key(meta.transType, stay.inpatientNo, stay.admittedOn),
    };
  },

  [PUSH_TRANS.notice]: (f, meta) => {
    const inpatientNo = f.req('inpatientNo', 32);
    const patient: PushPatient = {
      name: f.req('userName', 64),
      idNumber: f.req('idNo', 32),
      cardNo: f.opt('cardNo', 32),
      inpatientNo,
      phone: f.req('contactNumber', 32),
      patientNo: null,
    };
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

  [PUSH_TRANS.billsToSettle]: (f, meta) => {
    f.req('cardType', 2);
    f.req('accountType', 2);
    const settlement = settlementOf(f.req('feeType', 2));
    const patient: PushPatient = {
      name: f.req('userName', 64),
      idNumber: f.req('idNo', 32),
      cardNo: f.req('cardNo', 32),
      inpatientNo: null,
      phone: f.req('contactNumber', 32),
      patientNo: f.req('userNo', 64),
    };
    const prescription: PrescriptionRef = {
      voucherNo: f.opt('voucherNo', 64),
      department: f.req('applyDepaName'),
      doctor: f.req('applyDoctorName', 64),
      prescribedAt: f.time('recipeTime'),
    };
    const countText = f.opt('recipeNum', 8);
    if (countText !== null && !/^\d+$/.test(countText)) throw new PlatformPushError('invalid', 'recipeNum');
    const prescriptionCount = countText === null ? null : Number(countText);
    const amounts = { totalFen: f.optMoney('fee') };
    const lines: Record<string, string> = {
      姓名: maskName(patient.name),
      申请科室: prescription.department,
      申请医生: prescription.doctor,
      处方时间: beijingMinute(prescription.prescribedAt),
    };
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
    const patient: PushPatient = {
      name: f.req('userName', 64),
      idNumber: f.req('idNo', 32),
      cardNo: f.req('cardNo', 32),
      inpatientNo: null,
      phone: f.req('contactNumber', 32),
      patientNo: f.req('userNo', 64),
    };
    const stateCode = f.req('drugState', 16).toLowerCase();
    const state = stateCode === 'init' ? 'waiting' : stateCode === 'succ' ? 'collected' : stateCode === 'cancel' ? 'returned' : null;
    if (!state) throw new PlatformPushError('invalid', 'drugState');
    const refundNote = state === 'returned' ? f.req('cancelDesc', 500) : f.opt('cancelDesc', 500);
    const prescription = {
      voucherNo: f.req('voucherNo', 64),
      receiptNo: f.req('hisReceiptNo', 64),
      department: f.req('applyDepaName'),
      doctor: f.req('applyDoctorName', 64),
      prescribedAt: f.time('recipeTime'),
    };
    const amounts = { feeFen: f.money('fee') };
    const window = f.req('drugWindowNo', 64);
    const remark = f.req('remark', 500);
    const STATE_LABEL = { waiting: '待取药', collected: '已取药', returned: '已退药' } as const;
    const lines: Record<string, string> = {
      姓名: maskName(patient.name),
      取药状态: STATE_LABEL[state],
      取药窗口: window,
      申请科室: prescription.department,
      申请医生: prescription.doctor,
      处方时间: beijingMinute(prescription.prescribedAt),
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

function envelopeOf(body: unknown): Record<string, unknown> {
  let value = body;
  if (Buffer.isBuffer(value)) value = value.toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new PlatformPushError('malformed');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PlatformPushError('malformed');
  return value as Record<string, unknown>;
}
