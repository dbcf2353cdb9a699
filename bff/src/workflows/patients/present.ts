import { maskIdNumber, maskPhone, type PatientSummary } from '@hosp/shared';
import type { PatientBinding } from '../../domain/patients/patient';

/** The only way a patient leaves the BFF: ID number and phone masked. */
export function toSummary(p: PatientBinding): PatientSummary {
  return {
    id: p.id,
    realName: p.realName,
    relation: p.relation,
    patientCard: p.patientCard,
    idNumberMasked: maskIdNumber(p.idNumber),
    phoneMasked: maskPhone(p.phone),
    cardKind: p.cardKind,
    createdAt: p.createdAt,
  };
}
