/** What reports need from HIS (section 7), in domain words. */

export type ReportKind = 'lab' | 'exam';
export type ReportScope = 'outpatient' | 'inpatient';

export interface ReportSummary {
  reportId: string;
  name: string;
  kind: ReportKind;
  /** yyyy-MM-dd */
  checkDate: string;
  status: 'in_progress' | 'done';
  hisRegisterId: string | null;
  diagnosis: string | null;
}

export interface LabItem {
  name: string;
  sample: string | null;
  /** The value exactly as HIS wrote it ("66.6", "阴性", "<0.5", "12.3 mmol/L"). */
  value: string;
  /** Unit where HIS gives one (a separate field in some dialects, or the tail of the value). */
  unit: string | null;
  /** The reference range text exactly as HIS wrote it (referprint). */
  range: string;
  /** HIS's own conclusion text (偏高 / 正常 / …), if any. */
  conclusion: string | null;
}

export interface LabReport {
  reportId: string;
  realName: string;
  sex: string | null;
  age: string | null;
  checkDate: string;
  type: string | null;
  items: LabItem[];
}

export interface ExamReport {
  reportId: string;
  realName: string;
  sex: string | null;
  age: string | null;
  checkDate: string;
  type: string | null;
  findings: string;
  conclusion: string;
  imageUrl: string | null;
}

export interface ReportQuery {
  realName: string;
  /** Card number, HIS patient id or inpatient serial number, as the hospital's report system wants. */
  queryId: string;
  scope: ReportScope | null;
  from: string;
  to: string;
}

/** Implemented by the HIS adapter. Failures are AppErrors from ../his-errors. */
export interface HisReportsPort {
  /** findInspectionReport */
  list(q: ReportQuery): Promise<ReportSummary[]>;
  /** findCompleteLISReport */
  labDetail(reportId: string): Promise<LabReport>;
  /** findCompletePACReport */
  examDetail(reportId: string): Promise<ExamReport>;
}
