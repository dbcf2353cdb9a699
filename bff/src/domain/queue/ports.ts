/** What queue following needs from HIS (sections 12, 15.3), in domain words. */

export interface QueueStatus {
  departmentCode: string;
  departmentName: string;
  doctorCode: string | null;
  doctorName: string | null;
  /** queueNownum: the number being served now. */
  nowServing: number;
  /** queueWaitnum: how many are waiting. */
  waiting: number;
}

export interface PatientNumberQuery {
  realName: string;
  patientCard: string;
  hisPatientId?: string | null;
  doctorCode?: string | null;
  doctorName?: string | null;
  departmentCode: string;
  departmentName: string;
}

export type VisitStatus = 'not_seen' | 'seen';

/** Implemented by the HIS adapter. Failures are AppErrors from ../his-errors. */
export interface HisQueuePort {
  /** findQueueUp: one line per doctor (or one for the department). */
  departmentQueue(departmentCode: string, departmentName: string): Promise<QueueStatus[]>;
  /** getOutPatientOrderNum: the patient's own number, or null when HIS has none. */
  patientNumber(q: PatientNumberQuery): Promise<number | null>;
  /** queryClinicStatus by registerId. */
  visitStatus(registerId: string): Promise<VisitStatus | null>;
  /** queryClinicStatus by date: every registration of that day. */
  visitStatusesOn(date: string): Promise<Map<string, VisitStatus>>;
}
