import { AppError, maskCardNo, type CreateRechargeRequest, type ECardView, type PayResponse } from '@hosp/shared';
import type { Deps } from '../../deps';
import { rechargeRefusal, type ECardDetails, type RechargeLimits } from '../../domain/ecard/ecard-details';
import type { ECardBalance } from '../../domain/ecard/ports';
import type { PatientBinding } from '../../domain/patients/patient';
import { beijingDate } from '../../domain/time';
import type { Db } from '../../store/db';
import { createPlainOrder, resumeOrder } from '../orders/create-order';
import { ownedPatient } from '../patients/patient-detail.workflow';

const UNUSABLE: Record<'lost' | 'invalid', string> = {
  lost: '该卡已挂失，不能充值或使用余额。请携带身份证到医院窗口补卡，余额将转入新卡。',
  invalid: '该卡暂不能使用一卡通（未开通、已注销或信息不符），请到医院窗口办理。',
};

/** Recharges that count against the daily limit: today's, unless they ended unpaid or refunded. */
const NOT_COUNTED = ['closed', 'refunded', 'refunding'] as const;

async function rechargedToday(deps: Deps, patientId: string, tx: Db = deps.store.db): Promise<number> {
  const since = new Date(`${beijingDate(deps.now())}T00:00:00+08:00`);
  return deps.orders.sumSince(tx, { kind: 'eCardPay', patientId, since, excluding: NOT_COUNTED });
}

const limitsOf = (deps: Deps): RechargeLimits => {
  const e = deps.config.ecard;
  return { presetsFen: e.presetsFen, minFen: e.minFen, maxFen: e.maxFen, dailyLimitFen: e.dailyLimitFen };
};

export function cardView(patient: PatientBinding, balance: ECardBalance, limits: RechargeLimits, todayFen: number): ECardView {
  const base = { patientId: patient.id, patientName: patient.realName, cardMasked: maskCardNo(patient.patientCard), ...limits, todayFen };
  return balance.state === 'active'
    ? { ...base, state: 'active', balanceFen: balance.balanceFen, message: null }
    : { ...base, state: balance.reason, balanceFen: null, message: UNUSABLE[balance.reason] };
}

/** checkECard for one of the account's patients, with what may be recharged today. */
export async function eCardOf(deps: Deps, accountId: string, patientId: string): Promise<ECardView> {
  const patient = await ownedPatient(deps, accountId, patientId);
  const [balance, todayFen] = await Promise.all([
    deps.hisECard.balance({ realName: patient.realName, patientCard: patient.patientCard }),
    rechargedToday(deps, patient.id),
  ]);
  return cardView(patient, balance, limitsOf(deps), todayFen);
}

/** A recharge order: the card must be usable now, the amount within the configured limits. */
export async function createRecharge(deps: Deps, accountId: string, req: CreateRechargeRequest): Promise<PayResponse> {
  const pay = req.pay !== false;
  const existing = await deps.orders.findByClientRequest(accountId, req.requestId);
  if (existing) return resumeOrder(deps, accountId, existing, pay);
  const patient = await ownedPatient(deps, accountId, req.patientId);
  const refusal = rechargeRefusal(req.amountFen, await rechargedToday(deps, patient.id), limitsOf(deps));
  if (refusal) throw new AppError(refusal.code, refusal.message);
  const holder = { realName: patient.realName, patientCard: patient.patientCard };
  const balance = await deps.hisECard.balance(holder);
  if (balance.state !== 'active') throw new AppError(balance.reason === 'lost' ? 'CARD_LOST' : 'CARD_INVALID', UNUSABLE[balance.reason]);
  const details: ECardDetails = { patient: holder, balanceBeforeFen: balance.balanceFen };
  return createPlainOrder(deps, accountId, {
    kind: 'eCardPay', patient, requestId: req.requestId, amountFen: req.amountFen, subject: '一卡通充值', payClient: req.payClient, pay,
    details, claims: [], claimedMessage: '', // a card may take several recharges
    // Counted again under the account's lock, so orders made at the same moment cannot pass the limit together.
    guard: async (tx) => {
      const late = rechargeRefusal(req.amountFen, await rechargedToday(deps, patient.id, tx), limitsOf(deps));
      if (late) throw new AppError(late.code, late.message);
    },
  });
}
