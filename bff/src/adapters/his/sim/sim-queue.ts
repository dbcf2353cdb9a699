import { beijingDate } from '../../../domain/time';
import type { XmlFields } from '../xml-codec';
import type { SimState } from './seed';
import { ensureScheduleWeek } from './seed-catalogue';
import type { SimQueue, SimVisit } from './seed-reports';

/**
 * Sections 12 and 15.3 over the in-memory hospital: queues held in state (moved by the simulator's
 * advanceQueue), patients' numbers from bookings made here or seeded, visit status from
 * registrations (seeded, plus every paid booking, marked seen by finishVisit).
 */
type SimMethod = (state: SimState, f: Record<string, string>) => XmlFields;

const ok = (fields: XmlFields = {}): XmlFields => ({ result: 'success', message: '', ...fields });
const fail = (message: string): XmlFields => ({ result: 'error', message });

/** A department's queues: its ordinary clinic first, then its experts in doctor order. */
function queuesOf(state: SimState, departmentCode: string): SimQueue[] {
  const order = (q: SimQueue) => (q.doctorCode === '' ? -1 : state.doctors.findIndex((d) => d.doctorCode === q.doctorCode));
  return [...state.queues.values()].filter((q) => q.departmentCode === departmentCode).sort((a, b) => order(a) - order(b));
}

/**
 * 12.1. A department with several queues answers `<content><data>` rows; one with a single queue
 * answers exactly like the document's sample: the fields at the top and no `<result>` at all.
 */
const findQueueUp: SimMethod = (state, f) => {
  const dept = state.departments.find((d) => d.departmentCode === f.departmentCode);
  if (!dept) return fail('无此科室');
  const row = (q: SimQueue): XmlFields => {
    const doctor = state.doctors.find((d) => d.doctorCode === q.doctorCode);
    return {
      departmentName: dept.departmentName,
      departmentCode: dept.departmentCode,
      doctorName: doctor?.doctorName ?? null,
      doctorCode: doctor?.doctorCode ?? null,
      queueNownum: String(q.nowServing),
      queueWaitnum: String(q.waiting),
    };
  };
  const queues = queuesOf(state, dept.departmentCode);
  if (queues.length === 1) return row(queues[0]!);
  return ok({ content: queues.length === 0 ? null : { data: queues.map(row) } });
};

/** 12.2: today's number of this patient in this department's ordinary clinic, or this doctor's. */
const getOutPatientOrderNum: SimMethod = (state, f) => {
  const p = state.patients.get(f.patientCard ?? '');
  if (!p || p.realName !== (f.realName ?? '')) return fail('就诊人信息不匹配');
  if (!f.departmentCode) return fail('科室编号不能为空');
  const doctorCode = f.doctorCode ?? '';
  ensureScheduleWeek(state);
  const today = beijingDate(state.now());
  const booked = [...state.bookings.values()].filter((b) => {
    const s = state.schedules.get(b.scheduleId);
    const live = b.status === 'paid' || (b.status === 'locked' && b.kind === 'register');
    return live && b.patientCard === p.patientCard && s?.clinicDate === today && s.departmentCode === f.departmentCode && s.doctorCode === doctorCode;
  });
  const fromBooking = booked.at(-1)?.queueNo;
  const seeded = state.patientNumbers.find((n) => n.patientCard === p.patientCard && n.departmentCode === f.departmentCode && n.doctorCode === doctorCode);
  const number = fromBooking ?? (seeded ? String(seeded.number) : null);
  return ok({ message: '成功', hisOrderNum: number });
};

/** Adds a registration for every paid booking not yet known (a paid appointment becomes one too). */
export function syncVisits(state: SimState): void {
  for (const b of state.bookings.values()) {
    if (b.status !== 'paid') continue;
    const registerId = b.kind === 'register' ? b.id : b.tradeNo ? state.ledger.get(b.tradeNo)?.posted?.registerId : undefined;
    if (!registerId || state.visits.has(registerId)) continue;
    const clinicDate = state.schedules.get(b.scheduleId)?.clinicDate ?? beijingDate(state.now());
    state.visits.set(registerId, { registerId, patientCard: b.patientCard, clinicDate, status: '0' });
  }
}

/** 15.3: by registerId (one row, or none) or by clinicDate (every registration of the day). */
const queryClinicStatus: SimMethod = (state, f) => {
  syncVisits(state);
  let rows: SimVisit[];
  if (f.registerId) {
    const v = state.visits.get(f.registerId);
    rows = v ? [v] : [];
  } else if (f.clinicDate) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.clinicDate)) return { result: 'ERROR', message: '挂号日期格式错误' };
    rows = [...state.visits.values()].filter((v) => v.clinicDate === f.clinicDate);
  } else return { result: 'ERROR', message: '挂号ID与挂号日期不能同时为空' };
  // The table writes SUCCESS/ERROR; this HIS does so.
  return { result: 'SUCCESS', message: '', content: rows.length === 0 ? null : { data: rows.map((v) => ({ registerId: v.registerId, status: v.status })) } };
};

export const queueMethods: Record<string, SimMethod> = { findQueueUp, getOutPatientOrderNum, queryClinicStatus };
