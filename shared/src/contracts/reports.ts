import { personName } from './common';
import { z } from 'zod';

const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-MM-dd');

export const ReportQuery = z.object({
  kind: z.enum(['lab', 'exam']).optional(),
  scope: z.enum(['outpatient', 'inpatient']).optional(),
  from: DateStr.optional(),
  to: DateStr.optional(),
});

export const ReportParams = z.object({ id: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/), reportId: z.string().regex(/^[0-9A-Za-z_.-]{1,64}$/) });

export const ReportSummaryView = z
  .object({
    reportId: z.string(),
    name: z.string(),
    kind: z.enum(['lab', 'exam']),
    checkDate: z.string(),
    status: z.enum(['in_progress', 'done']),
    withdrawn: z.boolean(),
    /** A finished lab report with items outside their range: true; false when none; null when not known (exam, not finished, HIS unreachable). */
    abnormal: z.boolean().nullable(),
  })
  .meta({ id: 'ReportSummaryView' });

export const ReportList = z.object({ reports: z.array(ReportSummaryView), from: z.string(), to: z.string() }).meta({ id: 'ReportList' });
export type ReportList = z.infer<typeof ReportList>;

export const LabFlagEnum = z.enum(['high', 'low', 'normal', 'abnormal', 'not_comparable']);

export const ReportDetailView = z
  .object({
    reportId: z.string(),
    name: z.string(),
    kind: z.enum(['lab', 'exam']),
    checkDate: z.string(),
    patientName: personName('patientName', z.string()),
    withdrawn: z.object({ reason: z.string().nullable() }).nullable(),
    lab: z
      .object({
        items: z.array(z.object({ name: z.string(), value: z.string(), unit: z.string().nullable(), range: z.string(), flag: LabFlagEnum, flagText: z.string(), conclusion: z.string().nullable() })),
        abnormalCount: z.number().int(),
        explanation: z.string(),
      })
      .nullable(),
    exam: z.object({ findings: z.string(), conclusion: z.string(), imageUrl: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'ReportDetailView' });
export type ReportDetailView = z.infer<typeof ReportDetailView>;
