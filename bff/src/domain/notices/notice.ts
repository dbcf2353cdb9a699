/** What the patient is told, from whichever source. Kinds are ours; sources map into them. */
export const NOTICE_KINDS = [
  'fee_due', 'report_ready', 'report_withdrawn', 'medicine_ready', 'clinic_stopped', 'visit_finished', 'invoice_printed',
  'inpatient_arrears', 'inpatient_daily_bill', 'inpatient_notice', 'queue_near', 'queue_called',
  'order_posted', 'order_refunded', 'order_attention',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NoticeDraft {
  kind: NoticeKind;
  title: string;
  body: string;
  /** An in-app page, e.g. /journeys/reports/pages/detail/index?reportId=… */
  link: string;
  /** Identifies the source message: the same message twice makes one notice. */
  dedupeKey: string;
  /** Short label → value lines for channel templates (already masked). */
  fields: Record<string, string>;
}

/** Who a message is about, as the source names them. ID numbers may arrive masked (`320682199***10375X`). */
export interface NoticeTarget {
  patientCard?: string | null;
  idNumber?: string | null;
  realName?: string | null;
}

/** A masked ID number (with *) matches a full one when every visible character agrees. */
export function idMatches(full: string, given: string): boolean {
  const a = full.toUpperCase();
  const b = given.trim().toUpperCase();
  if (!b.includes('*')) return a === b;
  return a.length === b.length && [...b].every((c, i) => c === '*' || c === a[i]);
}
