import { hisPushSignParams } from '../his-push.codec';
import { hisSign } from '../his-sign';
import { beijingDate } from '../../../domain/time';
import { encodeXml } from '../xml-codec';
import type { SimState } from './seed';
import type { SimLabItem, SimReport } from './seed-reports';

/**
 * What HIS sends us (section 16): `pushHisData` with one of the data types below, and
 * `pushStopSchedule` (16.9). Field names are the vendor's, as each table spells them (16.1 and 16.8
 * in camelCase, 16.2–16.7 in snake_case). The hospital id is filled in when left out.
 */

export interface HisPushFieldsByType {
  /** 16.1 */
  getMedicalSuccess: { hospitalId?: string; tradeNo: string; his_no: string; status?: string };
  /** 16.2 */
  notifyOutpatientFee: {
    hospital_id?: string;
    hospital_area_id?: string;
    real_name: string;
    id_card: string;
    patient_card: string;
    clinic_no?: string;
    fee_type?: string;
    fee_date?: string;
    total_amount: string;
  };
  /** 16.3 */
  pushInhospitalFee: {
    hospital_id?: string;
    hospital_area_id?: string;
    real_name: string;
    id_card: string;
    patient_card: string;
    serial_number?: string;
    total_amount?: string;
    used_amount?: string;
    remain_amount?: string;
    arrear_amount: string;
  };
  /** 16.4 */
  pushDayExpense: {
    hospital_id?: string;
    hospital_area_id?: string;
    real_name: string;
    id_card: string;
    patient_card: string;
    serial_number?: string;
    fee_type?: string;
    fee_date: string;
    total_amount: string;
  };
  /** 16.5 (register_id or his_id) */
  pushClinicFinish: {
    hospital_id?: string;
    hospital_area_id?: string;
    real_name: string;
    id_card: string;
    patient_card: string;
    register_id?: string;
    his_id?: string;
  };
  /** 16.6 */
  pushReportFinish: {
    hospital_id?: string;
    hospital_area_id?: string;
    real_name: string;
    id_card: string;
    patient_card: string;
    report_id: string;
    /** 1 门诊, 2 住院, 3 体检 */
    report_scope: string;
    report_date?: string;
    report_address: string;
  };
  /** 16.7 */
  printInvoiceSuccess: {
    hospital_id?: string;
    trade_no: string;
    invoice_number: string;
    print_time: string;
    invoice_amount?: string;
    print_account?: string;
    print_place?: string;
    lable?: string;
  };
  /** 16.8 (JSON in the table) */
  pushPatientFeeNotice: {
    hospitalId?: string;
    realName: string;
    feeAmount: string;
    feeType: string;
    feeDate: string;
    hisRegisterId: string;
    patientCard: string;
  };
}

export type HisPushDataType = keyof HisPushFieldsByType;
export const HIS_PUSH_DATA_TYPES: readonly HisPushDataType[] = [
  'getMedicalSuccess',
  'notifyOutpatientFee',
  'pushInhospitalFee',
  'pushDayExpense',
  'pushClinicFinish',
  'pushReportFinish',
  'printInvoiceSuccess',
  'pushPatientFeeNotice',
];

/** Extra (undocumented) fields may ride along, as real HIS add them. */
export type HisPushFields<T extends HisPushDataType> = HisPushFieldsByType[T] & Record<string, string | undefined>;

export interface SimPushOptions {
  /** xml (default for pushHisData): `<request><dataType/><data/><sign/></request>`; json: `{dataType, data, sign}`. */
  format?: 'xml' | 'json';
  /** valid (default); bad: signed with another key; none: no sign at all. */
  sign?: 'valid' | 'bad' | 'none';
}

export interface SimStopScheduleFields {
  hospitalId?: string;
  scheduleId: string;
  clinicDate: string;
  clinicTime?: string;
  timeQuantum?: string;
  departmentCode?: string;
  doctorCode?: string;
}

export interface SimStopScheduleOptions extends SimPushOptions {
  /** Write the keys (and some values) padded with spaces, as 16.9's sample does (`" clinicTime "`). */
  padded?: boolean;
}

export interface SimPushReply {
  status: number;
  body: string;
}

/** Which id field each data type's table uses. */
const HOSPITAL_ID_FIELD: Record<HisPushDataType, 'hospitalId' | 'hospital_id'> = {
  getMedicalSuccess: 'hospitalId',
  pushPatientFeeNotice: 'hospitalId',
  notifyOutpatientFee: 'hospital_id',
  pushInhospitalFee: 'hospital_id',
  pushDayExpense: 'hospital_id',
  pushClinicFinish: 'hospital_id',
  pushReportFinish: 'hospital_id',
  printInvoiceSuccess: 'hospital_id',
};

export interface SimPushContext {
  signKey: string;
  hospitalId: string;
  state: SimState;
}

function present(fields: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out;
}

/** The sign the options ask for over dataType + fields (section 17); undefined for 'none'. */
function signFor(ctx: SimPushContext, dataType: string, fields: Record<string, string>, sign: SimPushOptions['sign']): string | undefined {
  if (sign === 'none') return undefined;
  const key = sign === 'bad' ? `${ctx.signKey}-not-the-key` : ctx.signKey;
  return hisSign(hisPushSignParams({ dataType, fields }), key);
}

async function post(targetUrl: string, contentType: string, body: string): Promise<SimPushReply> {
  const res = await fetch(targetUrl, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: await res.text() };
}

/** The body of one pushHisData call (exported for tests that post it themselves). */
export function encodeSimPush(
  ctx: SimPushContext,
  dataType: HisPushDataType,
  rawFields: Record<string, string | undefined>,
  opts: SimPushOptions = {},
): { contentType: string; body: string } {
  const idField = HOSPITAL_ID_FIELD[dataType];
  const fields = present({ [idField]: ctx.hospitalId, ...rawFields });
  const sign = signFor(ctx, dataType, fields, opts.sign);
  if (opts.format === 'json') {
    return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(sign === undefined ? { dataType, data: fields } : { dataType, data: fields, sign }) };
  }
  return { contentType: 'application/xml; charset=utf-8', body: encodeXml('request', { dataType, data: fields, sign }) };
}

export async function simPush<T extends HisPushDataType>(
  ctx: SimPushContext,
  targetUrl: string,
  dataType: T,
  fields: HisPushFields<T>,
  opts: SimPushOptions = {},
): Promise<SimPushReply> {
  const { contentType, body } = encodeSimPush(ctx, dataType, fields, opts);
  return post(targetUrl, contentType, body);
}

const PADDED_KEYS = new Set(['clinicTime', 'timeQuantum', 'departmentCode', 'doctorCode']);
const PADDED_VALUES = new Set(['timeQuantum', 'doctorCode']);

/** The body of one pushStopSchedule call: flat JSON per 16.9 (or flat XML), signed over its fields. */
export function encodeSimStopSchedule(ctx: SimPushContext, raw: SimStopScheduleFields, opts: SimStopScheduleOptions = {}): { contentType: string; body: string } {
  const fields = present({ hospitalId: ctx.hospitalId, ...raw });
  const sign = signFor(ctx, '', fields, opts.sign);
  if (opts.format === 'xml') {
    return { contentType: 'application/xml; charset=utf-8', body: encodeXml('request', { ...fields, sign }) };
  }
  const json: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    const pad = opts.padded === true;
    json[pad && PADDED_KEYS.has(k) ? ` ${k} ` : k] = pad && PADDED_VALUES.has(k) ? ` ${v}` : v;
  }
  if (sign !== undefined) json.sign = sign;
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(json) };
}

export async function simPushStopSchedule(ctx: SimPushContext, targetUrl: string, fields: SimStopScheduleFields, opts: SimStopScheduleOptions = {}): Promise<SimPushReply> {
  const { contentType, body } = encodeSimStopSchedule(ctx, fields, opts);
  return post(targetUrl, contentType, body);
}

export interface SimReportReady {
  /** Finish this report (an in-progress one, say) instead of making a new one. */
  reportId?: string;
  kind?: 'lab' | 'exam';
  name?: string;
  /** '1' outpatient (default), '2' inpatient. */
  scope?: '1' | '2';
  /** Lab items; a default glucose result when left out. */
  items?: Array<Omit<SimLabItem, 'flag'> & { flag?: SimLabItem['flag'] }>;
  exam?: SimReport['exam'];
  reportAddress?: string;
}

const DEFAULT_ITEMS: SimLabItem[] = [
  { itemName: '葡萄糖', sample: '血清', realResult: '5.2', unit: 'mmol/L', referprint: '3.9-6.1', conclusion: '正常', flag: 'normal' },
  { itemName: '糖化血红蛋白', sample: '全血', realResult: '6.9%', referprint: '4.0-6.0', conclusion: '偏高', flag: 'high' },
];
const DEFAULT_EXAM = { reportMessage: '心脏各房室大小正常，室壁运动协调。', reportResult: '心脏结构及功能未见明显异常。', reportImagePath: '' };

/**
 * Makes a report appear finished in HIS (new, or `reportId` finished) and answers the fields of
 * the pushReportFinish (16.6) that HIS would send about it.
 */
export function simReportReady(ctx: SimPushContext, cardNo: string, r: SimReportReady = {}): HisPushFieldsByType['pushReportFinish'] {
  const { state } = ctx;
  const p = state.patients.get(cardNo);
  if (!p) throw new Error(`reportReady: the simulator has no card ${cardNo}`);
  const today = beijingDate(state.now());
  const existing = r.reportId ? state.reports.get(r.reportId) : undefined;
  if (existing && existing.patientCard !== cardNo) throw new Error(`reportReady: report ${r.reportId} is not this patient's`);
  const checkType = existing?.checkType ?? (r.kind === 'exam' ? '2' : '1');
  const items = r.items?.map((i) => ({ ...i, flag: i.flag ?? 'none' })) ?? (existing && existing.items.length > 0 ? existing.items : DEFAULT_ITEMS.map((i) => ({ ...i })));
  const report: SimReport = existing ?? {
    reportId: r.reportId ?? `RR${String(state.nextSeq++).padStart(8, '0')}`,
    patientCard: cardNo,
    scope: r.scope ?? '1',
    checkType,
    reportName: r.name ?? (checkType === '2' ? '心脏彩超' : '血糖'),
    hisRegisterId: '',
    checkDate: today,
    status: '0',
    diagnosisCode: '',
    diagnosisName: '',
    type: checkType === '2' ? '检查报告' : '检验报告',
    items: [],
  };
  report.status = '1';
  if (r.name) report.reportName = r.name;
  if (checkType === '1') report.items = items;
  else report.exam = r.exam ?? report.exam ?? { ...DEFAULT_EXAM };
  state.reports.set(report.reportId, report);
  return {
    hospital_id: ctx.hospitalId,
    hospital_area_id: '',
    real_name: p.realName,
    id_card: p.idCard,
    patient_card: p.patientCard,
    report_id: report.reportId,
    report_scope: report.scope,
    report_date: report.checkDate,
    report_address: r.reportAddress ?? '门诊楼一楼自助报告机',
  };
}
