import { AppError, type CreateFeeOrderRequest, type OutpatientFees, type PayResponse } from '@hosp/shared';
import type { Deps } from '../../deps';
import { CARD_PAY_CHANNEL, prescriptionClaim, type OutpatientDetails } from '../../domain/outpatient/outpatient-details';
import type { UnpaidPrescription, UnpaidVisit } from '../../domain/outpatient/ports';
import { beijingDate } from '../../domain/time';
import { liveHolder } from '../../store/claims.repo';
import type { Db } from '../../store/db';
import { createPlainOrder, resumeOrder } from '../orders/create-order';
import { orderDetailView } from '../orders/order-view';
import { attemptCardPay, enqueueCardPay } from './card-pay.workflow';
import { ownedPatient } from '../patients/patient-detail.workflow';

/** One visit's name in our API: HIS's registration id, else its clinic number. */
export const visitKeyOf = (v: Pick<UnpaidVisit, 'hisRegisterId' | 'clinicNo'>) => v.hisRegisterId ?? v.clinicNo ?? '-';

const changed = () => new AppError('PRESCRIPTIONS_CHANGED', '处方已缴费、已作废或金额已变化，请查看最新的待缴费列表后重新选择');

function prescriptionView(p: UnpaidPrescription, inOrder: string | null) {
  return {
    prescriptionNo: p.prescriptionNo, feeType: p.feeType, amountFen: p.amountFen, createdAt: p.createdAt.toISOString(),
    departmentName: p.departmentName, doctorName: p.doctorName, diagnosisName: p.diagnosisName, inOrder,
    items: p.items.map((i) => ({ name: i.name, feeType: i.feeType, unitPrice: i.unitPrice, count: i.count, amountFen: i.amountFen, usage: i.usage, dosage: i.dosage })),
  };
}

/** The one-card offer beside the list: null where the hospital does not take fees from the card. */
async function cardOffer(deps: Deps, who: { realName: string; patientCard: string }): Promise<OutpatientFees['eCardPay']> {
  if (!deps.config.ecard.payFees) return null;
  try {
    const b = await deps.hisECard.balance(who);
    return b.state === 'active' ? { balanceFen: b.balanceFen, message: null } : { balanceFen: null, message: b.message };
  } catch {
    // The list matters more than the balance: HIS decides at payment anyway.
    return { balanceFen: null, message: '一卡通余额暂时无法查询，缴费时由医院核对余额' };
  }
}

/** Visits and the unpaid list, grouped by visit, as HIS has them now (read in parallel). */
export async function outpatientFees(deps: Deps, accountId: string, patientId: string): Promise<OutpatientFees> {
  const patient = await ownedPatient(deps, accountId, patientId);
  const who = { realName: patient.realName, patientCard: patient.patientCard };
  const [visits, unpaid, eCardPay] = await Promise.all([deps.hisOutpatient.findVisits(who), deps.hisOutpatient.findUnpaid(who), cardOffer(deps, who)]);
  const all = unpaid.flatMap((v) => v.prescriptions.map((p) => prescriptionClaim(p.prescriptionNo)));
  const held = await liveHolder(deps.store.db, all);
  return {
    patientId, patientName: patient.realName, eCardPay,
    visits: visits.map((v) => ({ clinicNo: v.clinicNo, date: v.date, departmentName: v.departmentName, doctorName: v.doctorName })),
    unpaid: unpaid.map((v) => {
      const first = v.prescriptions[0];
      const seen = visits.find((x) => x.clinicNo === v.clinicNo);
      return {
        visitKey: visitKeyOf(v), clinicNo: v.clinicNo, date: seen?.date ?? (first ? beijingDate(first.createdAt) : null),
        departmentName: first?.departmentName ?? seen?.departmentName ?? null, doctorName: first?.doctorName ?? seen?.doctorName ?? null,
        totalFen: v.totalFen,
        prescriptions: v.prescriptions.map((p) => prescriptionView(p, held.get(prescriptionClaim(p.prescriptionNo)) ?? null)),
      };
    }),
  };
}

/**
 * One order for one, several or all unpaid prescriptions of one visit. The list is read from HIS
 * again here (and once more before the charge): the amount is the exact sum of HIS's amounts.
 */
export async function createFeeOrder(deps: Deps, accountId: string, req: CreateFeeOrderRequest): Promise<PayResponse> {
  const byCard = req.payWith === 'eCard';
  if (byCard && !deps.config.ecard.payFees) throw new AppError('ECARD_PAY_DISABLED', '本院暂未开通一卡通余额缴费，请选择其他支付方式');
  const pay = req.pay !== false;
  const existing = await deps.orders.findByClientRequest(accountId, req.requestId);
  if (existing) return resumeOrder(deps, accountId, existing, pay);
  const patient = await ownedPatient(deps, accountId, req.patientId);
  const who = { realName: patient.realName, patientCard: patient.patientCard };
  const visit = (await deps.hisOutpatient.findUnpaid(who)).find((v) => visitKeyOf(v) === req.visitKey);
  const wanted = new Set(req.prescriptionNos);
  const chosen = visit?.prescriptions.filter((p) => wanted.has(p.prescriptionNo)) ?? [];
  if (!visit || chosen.length !== wanted.size) throw changed();
  const first = chosen[0]!;
  const details: OutpatientDetails = {
    patient: who, clinicNo: visit.clinicNo, hisRegisterId: visit.hisRegisterId, departmentName: first.departmentName, doctorName: first.doctorName,
    prescriptions: chosen.map((p) => ({ prescriptionNo: p.prescriptionNo, amountFen: p.amountFen, feeType: p.feeType })),
    payWith: byCard ? 'eCard' : 'platform',
  };
  const subject = `门诊缴费 ${first.departmentName ?? ''} ${chosen.length > 1 ? `${chosen.length}张处方` : first.feeType}`.replace(/\s+/g, ' ').trim();
  const made = await createPlainOrder(deps, accountId, {
    kind: 'hisSrc', patient, requestId: req.requestId, payClient: req.payClient, pay: pay && !byCard, subject, details,
    amountFen: chosen.reduce((s, p) => s + p.amountFen, 0),
    claims: chosen.map((p) => prescriptionClaim(p.prescriptionNo)),
    claimedMessage: '所选处方已在另一笔订单中，请在“我的订单”中继续支付',
    ...(byCard ? { payChannel: CARD_PAY_CHANNEL, begin: (tx: Db, tradeNo: string, now: Date) => startCardPay(deps, tx, tradeNo, now) } : {}),
  });
  return byCard ? payFromCard(deps, made.order.tradeNo) : made;
}

/** In the order's creation transaction: payedTime fixed, the debit's job recorded before HIS is told. */
async function startCardPay(deps: Deps, tx: Db, tradeNo: string, now: Date): Promise<void> {
  await deps.orders.transition(tx, tradeNo, 'paying', { actor: 'patient', reason: 'pay from the one-card balance (eCardPay)', from: ['created'], patch: { paidAt: now.toISOString() } }, now);
  await enqueueCardPay(deps, tx, tradeNo, now);
}

/**
 * The first notice is sent while the patient waits; its job resumes it after a crash. HIS's refusal
 * (余额不足) is answered as an error: the order is closed, its prescriptions free, nothing taken.
 */
async function payFromCard(deps: Deps, tradeNo: string): Promise<PayResponse> {
  await attemptCardPay(deps, tradeNo, 1);
  const order = (await deps.orders.get(tradeNo))!;
  // Settled while the patient waited: the crash backup has nothing left to do.
  if (order.state === 'posted' || order.state === 'closed') await deps.jobs.withdraw(`card-pay:${tradeNo}`, deps.now());
  if (order.state === 'closed' && order.statusNote?.startsWith('refused:ECARD_PAY_REFUSED:')) {
    throw new AppError('ECARD_PAY_REFUSED', `${order.statusNote.split(':').slice(2).join(':')}，本次未扣款`, { tradeNo }, tradeNo);
  }
  return { order: await orderDetailView(deps, order), payParams: null };
}
