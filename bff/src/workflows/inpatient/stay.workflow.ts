import { AppError, type DayBillView, type StayPrepayList, type StayView } from '@hosp/shared';
import type { Deps } from '../../deps';
import { isHisError } from '../../domain/his-errors';
import type { DepositSummary } from '../../domain/inpatient/ports';
import { samePerson, type PatientBinding } from '../../domain/patients/patient';
import type { InpatientInfo } from '../../domain/patients/ports';
import { addDays, beijingDate } from '../../domain/time';
import { inpatientRepo } from '../../store/inpatient.repo';
import { ownedPatient } from '../patients/patient-detail.workflow';
import { orderSummaries } from '../orders/order-view';
import { DayBillCache } from './day-bill.cache';

/** The bound patient's linked stay, confirmed by HIS to be this same person. */
export async function boundStay(deps: Deps, accountId: string, patientId: string): Promise<{ p: PatientBinding & { inpatientNo: string }; info: InpatientInfo }> {
  const p = await ownedPatient(deps, accountId, patientId);
  if (!p.inpatientNo) throw new AppError('INPATIENT_NOT_FOUND', '该就诊人尚未关联住院号');
  let info: InpatientInfo;
  try {
    info = await deps.his.queryInpatient(p.inpatientNo);
  } catch (err) {
    if (isHisError(err, 'HIS_REJECTED')) throw new AppError('INPATIENT_NOT_FOUND', '未找到该住院号的住院记录');
    throw err;
  }
  if (!samePerson(info, p)) throw new AppError('INPATIENT_NOT_FOUND', '该住院号不属于此就诊人');
  return { p: { ...p, inpatientNo: p.inpatientNo }, info };
}

export function arrearsOf(deps: Deps, remainingFen: number): boolean {
  return remainingFen < 0 || remainingFen < deps.config.inpatient.arrearsThresholdFen;
}

/** Days from admission to today (or discharge), newest first: the days a daily bill exists for. */
function stayDays(admittedOn: string, lastDay: string): string[] {
  const days: string[] = [];
  for (let d = lastDay; d >= admittedOn && days.length < 366; d = addDays(d, -1)) days.push(d);
  return days;
}

export async function stayHome(deps: Deps, accountId: string, patientId: string): Promise<StayView> {
  const { p, info } = await boundStay(deps, accountId, patientId);
  const today = beijingDate(deps.now());
  const noticeLeft = await inpatientRepo(deps.store.db).leftAt(p.inpatientNo);
  const leftOn = info.leftOn || (noticeLeft ? beijingDate(new Date(noticeLeft)) : null);
  const inHospital = info.inHospital && !noticeLeft;
  let deposit: DepositSummary | null = null;
  try {
    deposit = await deps.hisInpatient.deposit({ realName: p.realName, queryId: p.inpatientNo });
  } catch (err) {
    // The stay still shows without its deposit when HIS cannot say just now.
    if (!isHisError(err)) throw err;
    deps.log.warn({ patientId, code: (err as AppError).code }, 'deposit summary unavailable');
  }
  const [dept, doctors] = await Promise.all([deps.catalogue.department(info.departmentCode).catch(() => undefined), deps.catalogue.doctorsRaw().catch(() => [])]);
  const lastDay = leftOn && leftOn < today ? leftOn : today;
  const start = info.admittedOn.slice(0, 10);
  return {
    patientId: p.id,
    patientName: p.realName,
    serialNumber: p.inpatientNo,
    inHospital,
    leftOn: inHospital ? null : leftOn,
    admittedOn: start,
    days: Math.max(0, Math.round((Date.parse(lastDay) - Date.parse(start)) / 86_400_000)),
    ward: info.ward,
    // queryInHospitalPatient (4.4) has no bed field; shown when a HIS adds one.
    bed: null,
    departmentName: dept?.name ?? null,
    doctorName: doctors.find((d) => d.code === info.doctorCode)?.name ?? null,
    deposit: deposit && { ...deposit, arrears: arrearsOf(deps, deposit.remainingFen), thresholdFen: deps.config.inpatient.arrearsThresholdFen },
    canPrepay: inHospital,
    billDays: stayDays(start, lastDay),
  };
}

const billCache = new WeakMap<Deps, DayBillCache>();

/** 一日清 of one day of the stay (default yesterday). A past day never changes, so it is read once. */
export async function dayBill(deps: Deps, accountId: string, patientId: string, date?: string): Promise<DayBillView> {
  const { p, info } = await boundStay(deps, accountId, patientId);
  const today = beijingDate(deps.now());
  const day = date ?? addDays(today, -1);
  const start = info.admittedOn.slice(0, 10);
  if (day < start || day > today || (info.leftOn && day > info.leftOn.slice(0, 10))) {
    throw new AppError('VALIDATION_FAILED', '请选择住院期间的日期', { date: day });
  }
  let cache = billCache.get(deps);
  if (!cache) billCache.set(deps, (cache = new DayBillCache()));
  const read = () => deps.hisInpatient.dayBill({ realName: p.realName, queryId: p.inpatientNo }, day);
  // Today's lines are still being charged: never cached.
  return day === today ? read() : cache.get(`${p.inpatientNo}:${day}`, read);
}

/** Every prepay into the stay, a relative's top-up included, for an account that has the patient bound. */
export async function stayPrepays(deps: Deps, accountId: string, patientId: string): Promise<StayPrepayList> {
  const { p } = await boundStay(deps, accountId, patientId);
  const tradeNos = await inpatientRepo(deps.store.db).prepayTradeNos(p.inpatientNo);
  const orders = (await Promise.all(tradeNos.map((t) => deps.orders.get(t)))).filter((o) => o !== undefined);
  const views = await orderSummaries(deps, orders);
  return {
    prepays: orders.map((o, i) => ({
      tradeNo: o.tradeNo, amountFen: o.amountFen, paidAt: o.paidAt, byFamily: o.accountId !== accountId && Boolean((o.details as { family?: boolean }).family), state: o.state, label: views[i]!.status.label,
    })),
  };
}
