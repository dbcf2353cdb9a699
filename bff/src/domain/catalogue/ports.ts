/** What the catalogue needs from HIS (sections 2 and 3), in domain words. Fees are fen. */

export interface Department {
  code: string;
  name: string;
  /** Level-1 departments have none. */
  parentCode: string | null;
  level: 1 | 2;
  address: string | null;
  summary: string | null;
  feature: string | null;
  logoUrl: string | null;
}

export interface Doctor {
  code: string;
  name: string;
  departmentCode: string;
  /** positionId: 主任医师 etc. */
  title: string | null;
  /** jobTitleId: 教授 etc. */
  academicTitle: string | null;
  specialty: string | null;
  summary: string | null;
  photoUrl: string | null;
}

export interface Schedule {
  scheduleId: string;
  departmentCode: string;
  doctorCode: string | null;
  doctorName: string | null;
  doctorTitle: string | null;
  /** yyyy-MM-dd */
  date: string;
  /** 上午 / 下午 / … as HIS names the half-day; null where HIS gives none. */
  period: string | null;
  weekday: string | null;
  clinicType: string;
  /** Remaining numbers; null when HIS does not say (real-time: "no figure = available"). */
  remaining: number | null;
  total: number | null;
  /** e.g. 08:00-12:00 */
  timeRange: string | null;
  feeFen: number;
  stopped: boolean;
}

export interface TimeSlot {
  sourceNo: string | null;
  sourceOrder: string | null;
  /** e.g. 10:00 */
  visitTime: string;
  /** null when HIS does not say (treated as available). */
  remaining: number | null;
}

export interface SlotQuery {
  departmentCode: string;
  date: string;
  period: string;
  doctorCode?: string | null;
  scheduleId?: string;
}

/** Implemented by the HIS adapter. Failures are AppErrors from ../his-errors. */
export interface HisCataloguePort {
  /** findAllDepartments */
  departments(): Promise<Department[]>;
  /** findAllDoctors */
  doctors(): Promise<Doctor[]>;
  /** querySchedule (fixed schedules, all departments) for [from, to] inclusive. */
  schedules(from: string, to: string): Promise<Schedule[]>;
  /** queryRealtimeSchedule for one department. */
  realtimeSchedules(from: string, to: string, departmentCode: string): Promise<Schedule[]>;
  /** queryRealtimeScheduleDetail for one day of one department (and doctor). */
  realtimeScheduleDetail(date: string, departmentCode: string, doctorCode?: string | null): Promise<Schedule[]>;
  /** queryScheduleTime */
  timeSlots(q: SlotQuery): Promise<TimeSlot[]>;
}
