import { AppError, type Relation } from '@hosp/shared';

/** A person an account cares for, bound to one hospital card. */
export interface PatientBinding {
  id: string;
  accountId: string;
  realName: string;
  relation: Relation;
  idNumber: string;
  phone: string;
  patientCard: string;
  cardKind: 'virtual' | 'physical';
  hisNo: string | null;
  inpatientNo: string | null;
  /** A minor's guardian, given when the card was created here. */
  guardian?: { realName: string; idNumber: string } | null;
  createdAt: string;
}

export function assertCanAddPatient(currentCount: number, limit: number): void {
  if (currentCount >= limit) {
    throw new AppError('PATIENT_LIMIT_REACHED', `每个账户最多添加 ${limit} 位就诊人`, { limit });
  }
}

/** HIS must describe the same person we were given: name and ID number, compared as HIS writes them. */
export function samePerson(a: { realName: string; idNumber: string }, b: { realName: string; idNumber: string }): boolean {
  return a.realName.trim() === b.realName.trim() && a.idNumber.trim().toUpperCase() === b.idNumber.trim().toUpperCase();
}
