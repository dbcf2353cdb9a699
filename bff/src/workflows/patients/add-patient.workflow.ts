import { AppError, type BindCardRequest, type ErrorCode, type CreateCardRequest, type PatientSummary } from '@hosp/shared';
import { beijingDate } from '../../domain/time';
import { guardianFor } from './child-card';
import { sql } from 'kysely';
import type { Deps } from '../../deps';
import { assertCanAddPatient, type PatientBinding } from '../../domain/patients/patient';
import type { CardCheckResult } from '../../domain/patients/ports';
import type { Db } from '../../store/db';
import { toSummary } from './present';

/** What the patient is told when HIS will not bind the card: a lost card is not a typing mistake. */
const CARD_REFUSALS: Record<Extract<CardCheckResult, { outcome: 'refused' }>['reason'], [ErrorCode, string]> = {
  mismatch: ['PATIENT_MISMATCH', '就诊卡号与姓名、身份证号不一致，请核对后再试'],
  card_lost: ['CARD_LOST', '该就诊卡已挂失，请到医院窗口办理补卡或解挂后再绑定'],
  card_inactive: ['CARD_INVALID', '就诊卡状态异常（如注销、停用），请到医院窗口处理'],
};

type Person = { realName: string; idNumber: string; phone: string; relation: PatientBinding['relation']; guardian?: PatientBinding['guardian'] };

/** Cheap checks before any HIS call: limit and duplicates (repeated inside the insert transaction). */
async function precheck(deps: Deps, accountId: string, idNumber: string, tx: Db = deps.store.db): Promise<void> {
  assertCanAddPatient(await deps.patients.countByAccount(accountId, tx), deps.config.patients.maxPerAccount);
  if (await deps.patients.findByAccountAndIdNumber(accountId, idNumber, tx)) {
    throw new AppError('PATIENT_ALREADY_BOUND', '该就诊人已在您的账户中');
  }
}

/** Existing cards bound here count as physical; cards created online are virtual until HIS replaces them. */
/** Inserts under a per-account lock so concurrent adds cannot pass the limit together. */
async function insertChecked(deps: Deps, accountId: string, p: Person, card: { patientCard: string; hisNo: string | null; cardKind: 'virtual' | 'physical' }): Promise<PatientBinding> {
  return deps.store.db.transaction().execute(async (tx) => {
    if (deps.store.dialect === 'postgres') await sql`select id from accounts where id = ${accountId} for update`.execute(tx);
    await precheck(deps, accountId, p.idNumber, tx);
    return deps.patients.insert({ accountId, ...p, ...card }, deps.now(), tx);
  });
}

export async function bindCard(deps: Deps, accountId: string, req: BindCardRequest & { idNumber: string }): Promise<PatientSummary> {
  const person: Person = { realName: req.realName, idNumber: req.idNumber, phone: req.phone, relation: req.relation };
  await precheck(deps, accountId, person.idNumber);
  const check = await deps.his.checkCard({ patientCard: req.patientCard, realName: person.realName, idNumber: person.idNumber, phone: person.phone });
  if (check.outcome === 'refused') {
    const [code, message] = CARD_REFUSALS[check.reason];
    throw new AppError(code, message, { hisMessage: check.hisMessage });
  }
  const info = await deps.his.queryOutpatient(req.patientCard).catch(() => null);
  const bound = await insertChecked(deps, accountId, person, { patientCard: req.patientCard, hisNo: info?.hisNo ?? null, cardKind: 'physical' });
  deps.log.info({ accountId, patientId: bound.id }, 'patient bound');
  return toSummary(bound);
}

export async function createCard(deps: Deps, accountId: string, req: CreateCardRequest & { idNumber: string }): Promise<PatientSummary> {
  const guardian = guardianFor(req, beijingDate(deps.now()));
  const person: Person = { realName: req.realName, idNumber: req.idNumber, phone: req.phone, relation: req.relation, guardian };
  await precheck(deps, accountId, person.idNumber);
  const card = await deps.his.createCard({ realName: person.realName, idNumber: person.idNumber, phone: person.phone });
  const bound = await insertChecked(deps, accountId, person, { patientCard: card.patientCard, hisNo: card.hisNo, cardKind: 'virtual' });
  deps.log.info({ accountId, patientId: bound.id }, 'card created and bound');
  return toSummary(bound);
}
