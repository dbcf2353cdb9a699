import { AppError, type CreateFeeOrderRequest, type OutpatientFees, type PayResponse } from '@hosp/shared';
import type { Deps } from '../../deps';
import { prescriptionClaim, type OutpatientDetails } from '../../domain/outpatient/outpatient-details';
import type { UnpaidPrescription, UnpaidVisit } from '../../domain/outpatient/ports';
import { beijingDate } from '../../domain/time';
import { liveHolder } from '../../store/claims.repo';
import { createPlainOrder, resumeOrder } from '../orders/create-order';
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

/** Visits and the unpaid list, grouped by visit, as HIS has them now (both read in parallel). */
export async function outpatientFees(deps: Deps, accountId: string, patientId: string): Promise<OutpatientFees> {
  const patient = await ownedPatient(deps, accountId, patientId);
  const who = { realName: patient.realName, patientCard: patient.patientCard };
  const [visits, unpaid] = await Promise.all([deps.hisOutpatient.findVisits(who), deps.hisOutpatient.findUnpaid(who)]);
  const all = unpaid.flatMap((v) => v.prescriptions.map((p) => prescriptionClaim(p.prescriptionNo)));
  const held = await liveHolder(deps.store.db, all);
  return {
    patientId, patientName: patient.realName,
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
  };
  const subject = `门诊缴费 ${first.departmentName ?? ''} ${chosen.length > 1 ? `${chosen.length}张处方` : first.feeType}`.replace(/\s+/g, ' ').trim();
  return createPlainOrder(deps, accountId, {
    kind: 'hisSrc', patient, requestId: req.requestId, payClient: req.payClient, pay, subject, details,
    amountFen: chosen.reduce((s, p) => s + p.amountFen, 0),
    claims: chosen.map((p) => prescriptionClaim(p.prescriptionNo)),
    claimedMessage: '所选处方已在另一笔订单中，请在“我的订单”中继续支付',
  });
}
