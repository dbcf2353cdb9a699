import { isValidIdNumber, normalizeIdNumber, signedYuanToFen, yuanToFen } from '@hosp/shared';
import { z } from 'zod';
import type { HisPushMessage, StopSchedule } from '../../domain/notices/inbound';

/**
 * Section 16 data types → domain messages. Field names are the document's (snake_case in 16.2–16.7,
 * camelCase in 4.5, 16.8, 16.9). Amounts become fen here; a bad amount rejects the message.
 */
const s = z.string().trim();
const req = s.min(1);
const opt = s.optional().transform((v) => (v ? v : null));
const money = req.transform((v, ctx) => {
  try {
    return yuanToFen(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'bad amount' });
    return z.NEVER;
  }
});
const optMoney = s.optional().transform((v, ctx) => {
  if (!v) return null;
  try {
    return signedYuanToFen(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'bad amount' });
    return z.NEVER;
  }
});
/**
 * A calendar date (optionally with a time) as HIS writes them — yyyy-MM-dd (also unpadded or with /),
 * yyyyMMdd, each optionally followed by HH:mm[:ss] — that exists: 2026-99-99 or 02-30 is refused.
 */
const DATE = /^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
export function isHisDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const [y, mo, d, h = '0', mi = '0', sec = '0'] = m.slice(1).map((x) => x ?? '0') as string[];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const real = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d);
  return real && Number(y) >= 2000 && Number(y) <= 2100 && Number(h) < 24 && Number(mi) < 60 && Number(sec) < 60;
}
const date = req.refine(isHisDate, 'invalid date');
const optDate = opt.refine((v) => v === null || isHisDate(v), 'invalid date');
const patient = { real_name: req, id_card: opt, patient_card: req };
const ref = (d: { real_name: string; id_card: string | null; patient_card: string }) => ({ realName: d.real_name, idNumber: d.id_card, patientCard: d.patient_card });

const MAPPERS: Record<string, (f: Record<string, string>) => HisPushMessage> = {
  getMedicalSuccess: (f) => {
    const d = z.object({ tradeNo: req, his_no: req, status: opt }).parse(f);
    return { type: 'medicine', tradeNo: d.tradeNo, prescriptionNos: d.his_no, collected: d.status === null ? null : d.status === '1' };
  },
  notifyOutpatientFee: (f) => {
    const d = z.object({ ...patient, clinic_no: opt, fee_type: opt, fee_date: optDate, total_amount: money }).parse(f);
    return { type: 'outpatient-fee', patient: ref(d), clinicNo: d.clinic_no, feeType: d.fee_type, feeDate: d.fee_date, amountFen: d.total_amount, hisRegisterId: null };
  },
  pushPatientFeeNotice: (f) => {
    const d = z.object({ realName: req, patientCard: req, feeAmount: money, feeType: opt, feeDate: optDate, hisRegisterId: opt }).parse(f);
    return { type: 'outpatient-fee', patient: { realName: d.realName, idNumber: null, patientCard: d.patientCard }, clinicNo: null, feeType: d.feeType, feeDate: d.feeDate, amountFen: d.feeAmount, hisRegisterId: d.hisRegisterId };
  },
  pushInhospitalFee: (f) => {
    const d = z.object({ ...patient, serial_number: opt, total_amount: optMoney, used_amount: optMoney, remain_amount: optMoney, arrear_amount: money }).parse(f);
    return { type: 'inpatient-arrears', patient: ref(d), serialNumber: d.serial_number, depositFen: d.total_amount, usedFen: d.used_amount, remainingFen: d.remain_amount, arrearsFen: d.arrear_amount };
  },
  pushDayExpense: (f) => {
    const d = z.object({ ...patient, serial_number: opt, fee_type: opt, fee_date: date, total_amount: money }).parse(f);
    return { type: 'daily-bill', patient: ref(d), serialNumber: d.serial_number, feeType: d.fee_type, feeDate: d.fee_date, totalFen: d.total_amount };
  },
  pushClinicFinish: (f) => {
    const d = z.object({ ...patient, register_id: opt, his_id: opt }).refine((x) => x.register_id || x.his_id, 'register_id or his_id').parse(f);
    return { type: 'visit-finished', patient: ref(d), registerId: d.register_id, hisRegisterId: d.his_id };
  },
  pushReportFinish: (f) => {
    const d = z.object({ ...patient, report_id: req, report_scope: z.enum(['1', '2', '3']), report_date: optDate, report_address: req }).parse(f);
    const scope = d.report_scope === '1' ? 'outpatient' : d.report_scope === '2' ? 'inpatient' : 'checkup';
    return { type: 'report-ready', patient: ref(d), reportId: d.report_id, scope, reportDate: d.report_date, pickupPlace: d.report_address };
  },
  printInvoiceSuccess: (f) => {
    const d = z.object({ trade_no: req, invoice_number: req, print_time: date, invoice_amount: optMoney, print_place: opt }).parse(f);
    return { type: 'invoice-printed', tradeNo: d.trade_no, invoiceNo: d.invoice_number, printedAt: d.print_time, amountFen: d.invoice_amount, place: d.print_place };
  },
  ReplacePatientCard: (f) => {
    // Bindings move only for exactly this person: a full, valid ID number is required here.
    const idCard = req.transform(normalizeIdNumber).refine(isValidIdNumber, 'invalid idCard');
    const d = z.object({ hospitalId: req, idCard, realName: req, oldPatientCard: req.max(64), newPatientCard: req.max(64) }).parse(f);
    return { type: 'card-replaced', hospitalId: d.hospitalId, idNumber: d.idCard, realName: d.realName, oldCard: d.oldPatientCard, newCard: d.newPatientCard };
  },
};

export const HIS_PUSH_TYPES = Object.keys(MAPPERS);

/** How the document shows each type's reply: `success` in lower case for some, `SUCCESS` for most. */
export function replyCase(dataType: string): 'lower' | 'upper' {
  return dataType === 'ReplacePatientCard' || dataType === 'getMedicalSuccess' ? 'lower' : 'upper';
}

/** The hospital id a push names (hospital_id or hospitalId), for checking it is ours. */
export function pushHospitalId(fields: Record<string, string>): string | null {
  return fields.hospital_id?.trim() || fields.hospitalId?.trim() || null;
}

/** Throws ZodError for a malformed message, Error('unsupported …') for an unknown data type. */
export function toHisPushMessage(dataType: string, fields: Record<string, string>): HisPushMessage {
  // Own keys only: a dataType like 'constructor' must not reach Object.prototype.
  const map = Object.hasOwn(MAPPERS, dataType) ? MAPPERS[dataType] : undefined;
  if (!map) throw new Error(`unsupported dataType: ${dataType}`);
  return map(fields);
}

export function toStopSchedule(fields: Record<string, string>): StopSchedule {
  const d = z.object({ scheduleId: req, clinicDate: req.regex(/^\d{4}-\d{1,2}-\d{1,2}$/).refine(isHisDate, 'invalid date'), clinicTime: opt, timeQuantum: opt, departmentCode: opt, doctorCode: opt }).parse(fields);
  const [y, m, day] = d.clinicDate.split('-');
  return { scheduleId: d.scheduleId, clinicDate: `${y}-${m!.padStart(2, '0')}-${day!.padStart(2, '0')}`, clinicTime: d.clinicTime, timeQuantum: d.timeQuantum, departmentCode: d.departmentCode, doctorCode: d.doctorCode };
}
