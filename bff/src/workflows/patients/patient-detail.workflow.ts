import { AppError, ageOn, maskIdNumber, personFromIdNumber, type PatientDetail } from '@hosp/shared';
import { beijingDate } from '../../domain/time';
import type { Deps } from '../../deps';
import { isHisError } from '../../domain/his-errors';
import { samePerson, type PatientBinding } from '../../domain/patients/patient';
import type { InpatientInfo } from '../../domain/patients/ports';
import { toSummary } from './present';

export async function ownedPatient(deps: Deps, accountId: string, patientId: string): Promise<PatientBinding> {
  const p = await deps.patients.getOwned(accountId, patientId);
  // Another account's patient and a missing one look the same: nothing to learn by probing ids.
  if (!p) throw new AppError('NOT_FOUND', '就诊人不存在');
  return p;
}

function inpatientView(serialNumber: string, i: InpatientInfo): NonNullable<PatientDetail['inpatient']> {
  return {
    serialNumber,
    inHospital: i.inHospital,
    admittedOn: i.admittedOn,
    leftOn: i.leftOn,
    ward: i.ward,
    departmentCode: i.departmentCode,
    depositPaidFen: i.depositPaidFen,
    depositUsedFen: i.depositUsedFen,
    depositRemainingFen: i.depositRemainingFen,
  };
}

function personView(idNumber: string, today: string): PatientDetail['person'] {
  const id = personFromIdNumber(idNumber);
  return id ? { ...id, age: ageOn(id.birthDate, today) } : null;
}

/** HIS being down must not hide the patient: the detail says so and shows what we know. */
export async function patientDetail(deps: Deps, accountId: string, patientId: string): Promise<PatientDetail> {
  const p = await ownedPatient(deps, accountId, patientId);
  let hisUnavailable = false;
  const soft = <T>(err: unknown): T | null => {
    if (isHisError(err, 'HIS_UNAVAILABLE') || isHisError(err, 'HIS_BAD_REPLY')) {
      hisUnavailable = true;
      return null;
    }
    if (isHisError(err, 'HIS_REJECTED')) return null;
    throw err;
  };
  const [out, inp] = await Promise.all([
    deps.his.queryOutpatient(p.patientCard).catch((e) => soft<Awaited<ReturnType<Deps['his']['queryOutpatient']>>>(e)),
    p.inpatientNo ? deps.his.queryInpatient(p.inpatientNo).catch((e) => soft<InpatientInfo>(e)) : Promise.resolve(null),
  ]);
  return {
    ...toSummary(p),
    outpatient: out ? { sex: out.sex, birthday: out.birthday, cardBalanceFen: out.cardBalanceFen } : null,
    inpatient: inp && p.inpatientNo && samePerson(inp, p) ? inpatientView(p.inpatientNo, inp) : null,
    person: personView(p.idNumber, beijingDate(deps.now())),
    guardian: p.guardian ? { realName: p.guardian.realName, idNumberMasked: maskIdNumber(p.guardian.idNumber) } : null,
    hisUnavailable,
  };
}

/** Links an inpatient serial number after HIS confirms it is this same person. */
export async function linkInpatient(deps: Deps, accountId: string, patientId: string, serialNumber: string): Promise<PatientDetail> {
  const p = await ownedPatient(deps, accountId, patientId);
  let info: InpatientInfo;
  try {
    info = await deps.his.queryInpatient(serialNumber);
  } catch (err) {
    if (isHisError(err, 'HIS_REJECTED')) throw new AppError('INPATIENT_NOT_FOUND', '未找到该住院号的住院记录');
    throw err;
  }
  if (!samePerson(info, p)) throw new AppError('INPATIENT_NOT_FOUND', '该住院号不属于此就诊人');
  await deps.patients.setInpatientNo(accountId, patientId, serialNumber, deps.now());
  return patientDetail(deps, accountId, patientId);
}

export async function removePatient(deps: Deps, accountId: string, patientId: string): Promise<{ ok: true }> {
  const removed = await deps.patients.removeOwned(accountId, patientId);
  if (!removed) throw new AppError('NOT_FOUND', '就诊人不存在');
  deps.log.info({ accountId, patientId }, 'patient removed');
  return { ok: true };
}
