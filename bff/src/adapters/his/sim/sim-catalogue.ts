import type { XmlFields } from '../xml-codec';
import { chineseWeekday } from '../../../domain/time';
import type { SimState } from './seed';
import { ensureScheduleWeek, slotTimes, type SimSchedule } from './seed-catalogue';

/** Sections 2 and 3 over the in-memory hospital. Lists answer `<content><data>…</data>…</content>`. */
type SimMethod = (state: SimState, f: Record<string, string>) => XmlFields;

const ok = (fields: XmlFields = {}): XmlFields => ({ result: 'success', message: '', ...fields });
const fail = (message: string): XmlFields => ({ result: 'error', message });

/** An empty list is `<content/>`, as several HIS write it. */
const list = (rows: XmlFields[]): XmlFields => ok({ content: rows.length === 0 ? null : { data: rows } });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function week(state: SimState): SimSchedule[] {
  ensureScheduleWeek(state);
  return [...state.schedules.values()];
}

function inRange(f: Record<string, string>): { from: string; to: string } | string {
  const from = f.startDate ?? '';
  if (!DATE.test(from)) return '排班起始日期格式错误';
  // Absent endDate: 7 days from startDate.
  const to = f.endDate ? f.endDate : addDays(from, 6);
  if (!DATE.test(to)) return '排班结束日期格式错误';
  return { from, to };
}

const byTime = (a: SimSchedule, b: SimSchedule) =>
  a.clinicDate.localeCompare(b.clinicDate) || a.clinicTime.localeCompare(b.clinicTime) || a.scheduleId.localeCompare(b.scheduleId);

/** 3.1: fixed schedules; clinicNo always present (an unlimited clinic reports its total). */
function fixedRow(s: SimSchedule): XmlFields {
  return {
    scheduleId: s.scheduleId,
    doctorCode: s.doctorCode || null,
    departmentCode: s.departmentCode,
    clinicDate: s.clinicDate,
    clinicTime: s.clinicTime,
    clinicWeek: chineseWeekday(s.clinicDate),
    clinicType: s.clinicType,
    clinicNo: String(s.limited ? s.remaining : s.total),
    total: String(s.total),
    clinicTimeQuantum: s.clinicTimeQuantum,
    clinicFee: s.clinicFee,
    status: s.status === '' ? null : s.status,
  };
}

/** 3.2 / 3.3: with the doctor's name and title; an unlimited clinic leaves clinicNo out. */
function realtimeRow(state: SimState, s: SimSchedule): XmlFields {
  const d = state.doctors.find((x) => x.doctorCode === s.doctorCode);
  return {
    scheduleId: s.scheduleId,
    doctorCode: d?.doctorCode,
    doctorName: d?.doctorName,
    positionId: d?.positionCode,
    positionName: d?.positionName,
    doctorSpecialty: d?.doctorSpecialty,
    doctorSummary: d?.doctorSummary,
    departmentCode: s.departmentCode,
    clinicDate: s.clinicDate,
    clinicWeek: chineseWeekday(s.clinicDate),
    clinicType: s.clinicType,
    clinicFee: s.clinicFee,
    clinicTime: s.clinicTime,
    clinicTimeQuantum: s.clinicTimeQuantum,
    clinicNo: s.limited ? String(s.remaining) : undefined,
    total: String(s.total),
    status: s.status === '' ? null : s.status,
  };
}

const findAllDepartments: SimMethod = (state) =>
  list(
    state.departments.map((d) => ({
      departmentName: d.departmentName,
      departmentCode: d.departmentCode,
      supperCode: d.supperCode || null,
      departmentLevel: d.departmentLevel || null,
      departmentLogo: d.departmentLogo || null,
      departmentAddress: d.departmentAddress,
      departmentSummary: d.departmentSummary,
      departmentFeature: d.departmentFeature || null,
    })),
  );

const findAllDoctors: SimMethod = (state) =>
  list(
    state.doctors.map((d) => ({
      doctorName: d.doctorName,
      doctorCode: d.doctorCode,
      photo: d.photo || null,
      positionId: d.positionName,
      jobTitleId: d.jobTitleId || null,
      doctorSpecialty: d.doctorSpecialty,
      doctorSummary: d.doctorSummary,
      departmentCode: d.departmentCode,
    })),
  );

const querySchedule: SimMethod = (state, f) => {
  const r = inRange(f);
  if (typeof r === 'string') return fail(r);
  const rows = week(state).filter((s) => s.clinicDate >= r.from && s.clinicDate <= r.to);
  return list(rows.sort(byTime).map(fixedRow));
};

const queryRealtimeSchedule: SimMethod = (state, f) => {
  const r = inRange(f);
  if (typeof r === 'string') return fail(r);
  if (!f.departmentCode) return fail('科室代码不能为空');
  const rows = week(state).filter((s) => s.departmentCode === f.departmentCode && s.clinicDate >= r.from && s.clinicDate <= r.to);
  return list(rows.sort(byTime).map((s) => realtimeRow(state, s)));
};

const queryRealtimeScheduleDetail: SimMethod = (state, f) => {
  if (!DATE.test(f.clinicDate ?? '')) return fail('排班日期格式错误');
  if (!f.departmentCode) return fail('科室代码不能为空');
  const rows = week(state).filter(
    (s) => s.clinicDate === f.clinicDate && s.departmentCode === f.departmentCode && (!f.doctorCode || s.doctorCode === f.doctorCode),
  );
  return list(rows.sort(byTime).map((s) => ({ ...realtimeRow(state, s), clinicNo: String(s.limited ? s.remaining : s.total) })));
};

/** 3.4: numbers spread over the slots in order; the first slots go first. */
const queryScheduleTime: SimMethod = (state, f) => {
  const all = week(state);
  const s = f.scheduleId
    ? state.schedules.get(f.scheduleId)
    : all.find(
        (x) => x.departmentCode === f.departmentCode && x.clinicDate === f.clinicDate && x.clinicTime === f.clinicTime && x.doctorCode === (f.doctorCode ?? ''),
      );
  if (!s) return fail('无排班');
  if (s.status === '0') return fail('该排班已停诊');
  const times = slotTimes(s.clinicTime);
  const cap = Math.ceil(s.total / times.length);
  const taken = s.total - s.remaining;
  return list(
    times.map((visitTime, i) => {
      const capacity = Math.max(0, Math.min(cap, s.total - cap * i));
      const used = Math.min(capacity, Math.max(0, taken - cap * i));
      const order = String(i + 1);
      return {
        doctorCode: s.doctorCode || null,
        departmentCode: s.departmentCode,
        clinicDate: s.clinicDate,
        sourceNo: `${s.scheduleId}-${order.padStart(2, '0')}`,
        sourceOrder: order,
        visitTime,
        havaNo: s.limited ? String(capacity - used) : undefined,
      };
    }),
  );
};

export const catalogueMethods: Record<string, SimMethod> = {
  findAllDepartments,
  findAllDoctors,
  querySchedule,
  queryRealtimeSchedule,
  queryRealtimeScheduleDetail,
  queryScheduleTime,
};
