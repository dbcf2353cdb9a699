import { z } from 'zod';
import type { Department, Doctor, HisCataloguePort, Schedule, SlotQuery, TimeSlot } from '../../domain/catalogue/ports';
import type { HisClient } from './his-client';
import { optional, required } from './his-reply.map';
import { count, hisDate, parseRows, replyRows, requiredFen, stoppedFlag, type HisRowLogger } from './his-rows.map';

/** Section 2 and 3 rows, in the vendor's field names (typos included: they are what HIS sends). */
const DepartmentRow = z.object({
  departmentName: required,
  departmentCode: required,
  // The document spells it supperCode; accept the corrected spelling too.
  supperCode: optional,
  superCode: optional,
  departmentLevel: optional.refine((v) => v === null || v === '1' || v === '2', 'expected 1, 2 or empty'),
  departmentLogo: optional,
  departmentAddress: optional,
  departmentSummary: optional,
  departmentFeature: optional,
});

const DoctorRow = z.object({
  doctorName: required,
  doctorCode: required,
  photo: optional,
  positionId: optional,
  jobTitleId: optional,
  doctorSpecialty: optional,
  doctorSummary: optional,
  departmentCode: required,
});

/** 3.1, 3.2 and 3.3 share one row shape; the real-time ones add the doctor's name and title. */
const ScheduleRow = z.object({
  scheduleId: required,
  doctorCode: optional,
  doctorName: optional,
  // Real-time rows: positionId is a code, positionName the words.
  positionName: optional,
  departmentCode: required,
  clinicDate: hisDate,
  clinicTime: optional,
  clinicWeek: optional,
  clinicType: required,
  clinicNo: count,
  total: count,
  clinicTimeQuantum: optional,
  clinicFee: requiredFen,
  status: stoppedFlag,
});

const SlotRow = z.object({
  sourceNo: optional,
  sourceOrder: optional,
  visitTime: required,
  // The document spells it havaNo; accept the corrected spelling too.
  havaNo: count,
  haveNo: count,
});

function toSchedule(r: z.output<typeof ScheduleRow>): Schedule {
  return {
    scheduleId: r.scheduleId,
    departmentCode: r.departmentCode,
    doctorCode: r.doctorCode,
    doctorName: r.doctorName,
    doctorTitle: r.positionName,
    date: r.clinicDate,
    period: r.clinicTime,
    weekday: r.clinicWeek,
    clinicType: r.clinicType,
    remaining: r.clinicNo,
    total: r.total,
    timeRange: r.clinicTimeQuantum,
    feeFen: r.clinicFee,
    stopped: r.status,
  };
}

/**
 * The catalogue from HIS. Unreadable rows are left out and logged (see parseRows); a reply with no
 * readable row at all is HIS_BAD_REPLY. Failures of the call itself come from the client.
 */
export class HisCatalogueAdapter implements HisCataloguePort {
  constructor(
    private readonly his: Pick<HisClient, 'call'>,
    private readonly logger?: HisRowLogger,
  ) {}

  private async rows<S extends z.ZodType>(method: string, fields: Record<string, string | undefined>, schema: S): Promise<Array<z.output<S>>> {
    const reply = await this.his.call(method, fields);
    return parseRows(method, schema, replyRows(method, reply.body), this.logger);
  }

  async departments(): Promise<Department[]> {
    const rows = await this.rows('findAllDepartments', {}, DepartmentRow);
    return rows.map((r) => {
      const level = r.departmentLevel === '1' ? 1 : 2;
      return {
        code: r.departmentCode,
        name: r.departmentName,
        parentCode: level === 1 ? null : (r.supperCode ?? r.superCode),
        level,
        address: r.departmentAddress,
        summary: r.departmentSummary,
        feature: r.departmentFeature,
        logoUrl: r.departmentLogo,
      };
    });
  }

  async doctors(): Promise<Doctor[]> {
    const rows = await this.rows('findAllDoctors', {}, DoctorRow);
    return rows.map((r) => ({
      code: r.doctorCode,
      name: r.doctorName,
      departmentCode: r.departmentCode,
      title: r.positionId,
      academicTitle: r.jobTitleId,
      specialty: r.doctorSpecialty,
      summary: r.doctorSummary,
      photoUrl: r.photo,
    }));
  }

  async schedules(from: string, to: string): Promise<Schedule[]> {
    return (await this.rows('querySchedule', { startDate: from, endDate: to }, ScheduleRow)).map(toSchedule);
  }

  async realtimeSchedules(from: string, to: string, departmentCode: string): Promise<Schedule[]> {
    return (await this.rows('queryRealtimeSchedule', { startDate: from, endDate: to, departmentCode }, ScheduleRow)).map(toSchedule);
  }

  async realtimeScheduleDetail(date: string, departmentCode: string, doctorCode?: string | null): Promise<Schedule[]> {
    const fields = { clinicDate: date, departmentCode, doctorCode: doctorCode ?? undefined };
    return (await this.rows('queryRealtimeScheduleDetail', fields, ScheduleRow)).map(toSchedule);
  }

  async timeSlots(q: SlotQuery): Promise<TimeSlot[]> {
    const fields = {
      departmentCode: q.departmentCode,
      clinicDate: q.date,
      clinicTime: q.period,
      doctorCode: q.doctorCode ?? undefined,
      scheduleId: q.scheduleId,
    };
    const rows = await this.rows('queryScheduleTime', fields, SlotRow);
    return rows.map((r) => ({ sourceNo: r.sourceNo, sourceOrder: r.sourceOrder, visitTime: r.visitTime, remaining: r.havaNo ?? r.haveNo }));
  }
}
