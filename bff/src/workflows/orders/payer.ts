import { AppError } from '@hosp/shared';
import type { Deps } from '../../deps';
import type { PatientBinding } from '../../domain/patients/patient';
import type { PayerAccount } from '../../domain/payments/ports';

/**
 * The outpatient account a charge is made on: the patient's hospital card and HIS's own patient id
 * (hisNo). The platform refuses a charge without either; an order is never created with one blank.
 * A binding made before HIS gave its id learns it from queryPatientInfo (4.3) once.
 */
export async function outpatientPayer(deps: Deps, patient: PatientBinding): Promise<PayerAccount> {
  let hisNo = patient.hisNo;
  if (!hisNo) {
    const info = await deps.his.queryOutpatient(patient.patientCard).catch(() => null);
    hisNo = info?.hisNo ?? null;
    if (hisNo) await deps.patients.setHisNo(patient.id, hisNo, deps.now());
  }
  if (!hisNo || !patient.patientCard) {
    throw new AppError('HIS_PATIENT_ID_MISSING', '医院系统未返回该就诊人的院内编号，暂不能在线支付，请到医院窗口核对就诊卡信息', { patientId: patient.id });
  }
  return { cardKind: 'hospital_card', cardNo: patient.patientCard, hisPatientId: hisNo, account: 'outpatient', realName: patient.realName, idNumber: patient.idNumber || null };
}
