import { z } from 'zod';
import { Fen } from './common';

const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-MM-dd');
const Code = z.string().trim().regex(/^[0-9A-Za-z_.-]{1,40}$/, 'invalid code');

export const DepartmentNode = z
  .object({
    code: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    summary: z.string().nullable(),
    children: z.array(
      z.object({ code: z.string(), name: z.string(), address: z.string().nullable(), summary: z.string().nullable(), feature: z.string().nullable() }),
    ),
  })
  .meta({ id: 'DepartmentNode' });
export const DepartmentTree = z.object({ departments: z.array(DepartmentNode) }).meta({ id: 'DepartmentTree' });
export type DepartmentTree = z.infer<typeof DepartmentTree>;

export const DoctorView = z
  .object({
    code: z.string(),
    name: z.string(),
    departmentCode: z.string(),
    title: z.string().nullable(),
    /** jobTitleId: 教授 etc. */
    academicTitle: z.string().nullable(),
    specialty: z.string().nullable(),
    summary: z.string().nullable(),
    photoUrl: z.string().nullable(),
  })
  .meta({ id: 'DoctorView' });
export type DoctorView = z.infer<typeof DoctorView>;

export const ScheduleView = z
  .object({
    scheduleId: z.string(),
    departmentCode: z.string(),
    doctorCode: z.string().nullable(),
    doctorName: z.string().nullable(),
    doctorTitle: z.string().nullable(),
    date: z.string(),
    period: z.string().nullable(),
    timeRange: z.string().nullable(),
    clinicType: z.string(),
    remaining: z.number().int().nullable(),
    total: z.number().int().nullable(),
    feeFen: Fen,
    /** open / full (sold out) / stopped (停诊) */
    status: z.enum(['open', 'full', 'stopped']),
    /** register = same day (挂号), subscription = a later day (预约). */
    bookingKind: z.enum(['subscription', 'register']),
  })
  .meta({ id: 'ScheduleView' });
export type ScheduleView = z.infer<typeof ScheduleView>;

export const DepartmentQuery = z.object({ departmentCode: Code });
export const ScheduleQuery = z.object({ departmentCode: Code, from: DateStr.optional(), to: DateStr.optional() });
export const SlotQuery = z.object({ departmentCode: Code, scheduleId: Code });

export const DoctorList = z.object({ doctors: z.array(DoctorView) }).meta({ id: 'DoctorList' });
export const ScheduleList = z.object({ schedules: z.array(ScheduleView), today: z.string() }).meta({ id: 'ScheduleList' });
export const SlotView = z
  .object({ sourceNo: z.string().nullable(), sourceOrder: z.string().nullable(), visitTime: z.string(), available: z.boolean() })
  .meta({ id: 'SlotView' });
export type SlotView = z.infer<typeof SlotView>;
export const SlotList = z.object({ slots: z.array(SlotView), timeSlotsUsed: z.boolean() }).meta({ id: 'SlotList' });

/** Search over departments (name, summary, feature) and doctors (name, specialty). */
export const CatalogueSearchQuery = z.object({ q: z.string().trim().min(1, '请输入科室、医生或疾病').max(20) });
export const CatalogueSearchResult = z
  .object({
    departments: z.array(z.object({ code: z.string(), name: z.string(), parentName: z.string().nullable(), address: z.string().nullable(), summary: z.string().nullable() })),
    doctors: z.array(DoctorView.extend({ departmentName: z.string().nullable() })),
  })
  .meta({ id: 'CatalogueSearchResult' });
export type CatalogueSearchResult = z.infer<typeof CatalogueSearchResult>;

export const DoctorParams = z.object({ code: Code });
export const DoctorProfile = DoctorView.extend({
  departmentName: z.string().nullable(),
  departmentAddress: z.string().nullable(),
  /** The doctor's own schedules from today (bookable ones first come by date). */
  schedules: z.array(ScheduleView),
}).meta({ id: 'DoctorProfile' });
export type DoctorProfile = z.infer<typeof DoctorProfile>;
