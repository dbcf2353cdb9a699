import type { ReportDetailView } from '@hosp/shared';

export type ReportKind = 'lab' | 'exam';
export type ReportScope = 'outpatient' | 'inpatient';
export type LabFlag = NonNullable<ReportDetailView['lab']>['items'][number]['flag'];

export const KIND_TABS: { key: ReportKind; label: string }[] = [
  { key: 'lab', label: '检验' },
  { key: 'exam', label: '检查' },
];

export const SCOPE_TABS: { key: ReportScope; label: string }[] = [
  { key: 'outpatient', label: '门诊' },
  { key: 'inpatient', label: '住院' },
];

/** The report's own status (from the BFF) in the patient's words. */
export const STATUS_LABELS = { in_progress: '检查中', done: '已出' } as const;

/** How far back the list reaches; 1 month is the BFF's default (no dates sent). */
export const RANGES = [
  { months: 1, label: '近一个月', days: 30 },
  { months: 3, label: '近三个月', days: 90 },
  { months: 6, label: '近半年', days: 182 },
] as const;
export type RangeMonths = (typeof RANGES)[number]['months'];

/** The arrow after a high or low value (colour comes from the row's `flag-<flag>` class). */
export const FLAG_MARKS: Partial<Record<LabFlag, string>> = { high: '↑', low: '↓' };

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
