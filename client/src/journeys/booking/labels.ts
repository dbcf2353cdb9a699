import type { ScheduleView } from '@hosp/shared';

/** The schedule's own status (from the BFF) in the patient's words. */
export const SCHEDULE_BADGES: Record<ScheduleView['status'], string> = {
  open: '可预约',
  full: '约满',
  stopped: '停诊',
};

export const BOOKING_KIND_LABELS: Record<ScheduleView['bookingKind'], string> = {
  register: '当日挂号',
  subscription: '预约',
};

/** "陈建国 主任医师", or the clinic type for ordinary clinics. */
export function doctorLine(s: Pick<ScheduleView, 'doctorName' | 'doctorTitle' | 'clinicType'>): string {
  if (!s.doctorName) return s.clinicType;
  return [s.doctorName, s.doctorTitle].filter(Boolean).join(' ');
}

/** "下午 14:00-17:30" */
export function timeLine(s: Pick<ScheduleView, 'period' | 'timeRange'>): string {
  return [s.period, s.timeRange].filter(Boolean).join(' ') || '—';
}

/** "剩余 5 / 12"; no numbers from HIS: 号源充足. */
export function remainingLine(s: Pick<ScheduleView, 'remaining' | 'total'>): string {
  if (s.remaining === null) return '号源充足';
  return s.total === null ? `剩余 ${s.remaining}` : `剩余 ${s.remaining} / ${s.total}`;
}
