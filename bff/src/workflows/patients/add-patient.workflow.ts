import { AppError, type BindCardRequest, type CreateCardRequest, type ErrorCode, type PatientSummary, type Proof, type VerificationSent } from '@hosp/shared';
import { sql } from 'kysely';
import type { Deps } from '../../deps';
import { normalizeMobile } from '../../domain/binding/one-time-code';
import { assertCanAddPatient, type PatientBinding } from '../../domain/patients/patient';
import type { CardCheckResult, OutpatientInfo } from '../../domain/patients/ports';
import { beijingDate } from '../../domain/time';
import { guardianFor } from './child-card';
import type { Db } from '../../store/db';
import { assertConsent } from '../consent/consent.workflow';
import { assertProofAccepted, assertSenderLimits, checkSmsProof, sendCode, type Facts } from './binding-proof';
import { toSummary } from './present';

/** What the patient is told when HIS will not bind the card: a lost card is not a typing mistake. */
const CARD_REFUSALS: Record<Extract<CardCheckResult, { outcome: 'refused' }>['reason'], [ErrorCode, string]> = {
  mismatch: ['PATIENT_MISMATCH', '就诊卡号与姓名、身份证号不一致，请核对后再试'],
  card_lost: ['CARD_LOST', '该就诊卡已挂失，请到医院窗口办理补卡或解挂后再绑定'],
  card_inactive: ['CARD_INVALID', '就诊卡状态异常（如注销、停用），请到医院窗口处理'],
};

type Person = { realName: string; idNumber: string; phone: string; relation: PatientBinding['relation']; guardian?: PatientBinding['guardian'] };
type BindInput = BindCardRequest & { idNumber: string };
type CreateInput = CreateCardRequest & { idNumber: string };

/** Cheap checks before any HIS call: limit and duplicates (repeated inside the insert transaction). */
async function precheck(deps: Deps, accountId: string, idNumber: string, tx: Db = deps.store.db): Promise<void> {
  assertCanAddPatient(await deps.patients.countByAccount(accountId, tx), deps.config.patients.maxPerAccount);
  if (await deps.patients.findByAccountAndIdNumber(accountId, idNumber, tx)) {
    throw new AppError('PATIENT_ALREADY_BOUND', '该就诊人已在您的账户中');
  }
}

/** Consent, the proof kind, then the cheap checks: the order every add starts with. */
async function gate(deps: Deps, accountId: string, idNumber: string, proof: Proof['kind']): Promise<void> {
  await assertConsent(deps, accountId);
  assertProofAccepted(deps, proof);
  await precheck(deps, accountId, idNumber);
}

/**
 * Inserts under a per-account lock so concurrent adds cannot pass the limit together, and consumes
 * the proof in the same transaction: a failed insert leaves the code usable, a used code saves nothing.
 */
async function insertChecked(deps: Deps, accountId: string, p: Person, card: { patientCard: string; hisNo: string | null; cardKind: 'virtual' | 'physical' }, proofId: string): Promise<PatientBinding> {
  return deps.store.db.transaction().execute(async (tx) => {
    if (deps.store.dialect === 'postgres') await sql`select id from accounts where id = ${accountId} for update`.execute(tx);
    await precheck(deps, accountId, p.idNumber, tx);
    if (!(await deps.trust.challenges.consume(proofId, deps.now(), tx))) {
      throw new AppError('CODE_EXPIRED', '验证码已使用，请重新获取', { reason: 'used' });
    }
    return deps.patients.insert({ accountId, ...p, ...card }, deps.now(), tx);
  });
}

/**
 * HIS confirms card, name and ID number belong together, then says which phone it holds for the
 * card: the code only ever goes there, and the phone the patient typed must be that one.
 */
async function phoneOnFile(deps: Deps, req: BindInput): Promise<{ phone: string; info: OutpatientInfo }> {
  const check = await deps.his.checkCard({ patientCard: req.patientCard, realName: req.realName, idNumber: req.idNumber, phone: req.phone });
  if (check.outcome === 'refused') {
    const [code, message] = CARD_REFUSALS[check.reason];
    throw new AppError(code, message, { hisMessage: check.hisMessage });
  }
  const info = await deps.his.queryOutpatient(req.patientCard);
  const onFile = normalizeMobile(info.phone);
  if (!onFile) throw new AppError('PHONE_NOT_ON_FILE', '医院未登记该就诊卡的手机号，请携带身份证到医院窗口登记后再绑定');
  if (onFile !== normalizeMobile(req.phone)) {
    throw new AppError('PHONE_MISMATCH', '手机号与医院登记的不一致。请填写办卡时登记的手机号，或到医院窗口更新');
  }
  return { phone: onFile, info };
}

const bindFacts = (accountId: string, req: BindInput, phone: string): Facts => ({ purpose: 'bind', accountId, realName: req.realName, idNumber: req.idNumber, phone, patientCard: req.patientCard });
const createFacts = (accountId: string, req: CreateInput, phone: string): Facts => ({ purpose: 'create', accountId, realName: req.realName, idNumber: req.idNumber, phone });

/** Step 1 of binding: the code goes to the phone HIS has on file for the card. */
export async function requestBindCode(deps: Deps, accountId: string, ip: string, req: BindInput): Promise<VerificationSent> {
  await gate(deps, accountId, req.idNumber, 'sms');
  await assertSenderLimits(deps, accountId, ip);
  const { phone } = await phoneOnFile(deps, req);
  return sendCode(deps, bindFacts(accountId, req, phone), ip);
}

/** Step 2 of binding: the code, then HIS again (it is the truth now, not when the code was sent). */
export async function bindCard(deps: Deps, accountId: string, req: BindInput & { proof: Proof }): Promise<PatientSummary> {
  await gate(deps, accountId, req.idNumber, req.proof.kind);
  const phone = normalizeMobile(req.phone) ?? req.phone;
  const proofId = await checkSmsProof(deps, req.proof, bindFacts(accountId, req, phone));
  const { phone: onFile, info } = await phoneOnFile(deps, req);
  const person: Person = { realName: req.realName, idNumber: req.idNumber, phone: onFile, relation: req.relation };
  const bound = await insertChecked(deps, accountId, person, { patientCard: req.patientCard, hisNo: info.hisNo, cardKind: 'physical' }, proofId);
  deps.log.info({ accountId, patientId: bound.id, proof: req.proof.kind }, 'patient bound');
  return toSummary(bound);
}

/** Step 1 of a new card: the code goes to the phone the patient gives (HIS will hold it). */
export async function requestCreateCode(deps: Deps, accountId: string, ip: string, req: CreateInput): Promise<VerificationSent> {
  guardianFor(req, beijingDate(deps.now())); // a minor's card names an adult guardian before any code is sent
  await gate(deps, accountId, req.idNumber, 'sms');
  await assertSenderLimits(deps, accountId, ip);
  return sendCode(deps, createFacts(accountId, req, normalizeMobile(req.phone) ?? req.phone), ip);
}

/**
 * Step 2 of a new card. HIS answers the existing card for a person it already knows, so the card
 * is only bound when the phone HIS holds for it is the one just proven: otherwise 建卡 would be a
 * way around binding's proof.
 */
export async function createCard(deps: Deps, accountId: string, req: CreateInput & { proof: Proof }): Promise<PatientSummary> {
  const guardian = guardianFor(req, beijingDate(deps.now()));
  await gate(deps, accountId, req.idNumber, req.proof.kind);
  const phone = normalizeMobile(req.phone) ?? req.phone;
  const proofId = await checkSmsProof(deps, req.proof, createFacts(accountId, req, phone));
  const card = await deps.his.createCard({ realName: req.realName, idNumber: req.idNumber, phone });
  const info = await deps.his.queryOutpatient(card.patientCard);
  if (normalizeMobile(info.phone) !== phone) {
    throw new AppError('PHONE_MISMATCH', '该身份证号已在医院建档，但登记的手机号不是您验证的号码。请使用“绑定已有就诊卡”，或到医院窗口更新手机号');
  }
  const person: Person = { realName: req.realName, idNumber: req.idNumber, phone, relation: req.relation, guardian };
  const bound = await insertChecked(deps, accountId, person, { patientCard: card.patientCard, hisNo: card.hisNo, cardKind: 'virtual' }, proofId);
  deps.log.info({ accountId, patientId: bound.id, proof: req.proof.kind }, 'card created and bound');
  return toSummary(bound);
}
