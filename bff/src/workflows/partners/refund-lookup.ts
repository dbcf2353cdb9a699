import { maskName, maskPhone } from '@hosp/shared';
import type { Deps } from '../../deps';
import type { Order } from '../../domain/orders/order';
import type { OrderKind } from '../../domain/orders/order-state';
import { refundWords } from '../../domain/orders/refund-cause';
import type { EntitlementFacts } from '../../domain/partners/entitlement';
import { statusOfDepositStep, statusOfRefund, type PartnerRefund } from '../../domain/partners/partner-refund';

export interface FoundRefund {
  refund: PartnerRefund;
  facts: EntitlementFacts;
}

/** What the patient paid for, in the words refundWords takes. */
const NOUNS: Record<OrderKind, string> = { subscription: '预约', register: '挂号', hisSrc: '缴费', prepaySrc: '住院预缴', eCardPay: '充值', deposit: '充值' };

/** The loose shape every kind's snapshot shares (each kind's own schema checked it when written). */
interface Snapshot {
  patient?: { realName?: string; patientCard?: string };
  holder?: { patientCard?: string };
  realName?: string;
  target?: { departmentName?: string | null };
  departmentName?: string | null;
  department?: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** The patient's phone, while the patient is still bound (it is kept only with the binding). */
async function phoneOf(deps: Deps, accountId: string, patientId: string): Promise<string> {
  const p = await deps.patients.getOwned(accountId, patientId);
  return p ? maskPhone(p.phone) : '';
}

function cardOf(order: Order): string | null {
  const d = order.details as Snapshot;
  return str(d.patient?.patientCard) ?? str(d.holder?.patientCard) ?? (order.payer?.cardKind === 'hospital_card' ? order.payer.cardNo : null);
}

async function fromOrderRefund(deps: Deps, refundNo: string): Promise<FoundRefund | null> {
  const refund = await deps.refunds.get(refundNo);
  if (!refund) return null;
  const order = await deps.orders.get(refund.tradeNo);
  if (!order) return null;
  const d = order.details as Snapshot;
  const name = str(d.patient?.realName) ?? str(d.realName) ?? order.payer?.realName ?? '';
  const posted = (await deps.orders.events(order.tradeNo)).find((e) => e.to === 'posted');
  return {
    facts: { kind: order.kind, patientCard: cardOf(order) },
    refund: {
      tradeNo: order.tradeNo, refundNo: refund.outRefundNo, kind: order.kind, orderFen: order.amountFen, refundFen: refund.amountFen,
      status: statusOfRefund(refund.state), why: refundWords(refund.cause, NOUNS[order.kind]).why,
      orderCreatedAt: order.createdAt, paidAt: order.paidAt, postedAt: posted?.at ?? null, refundCreatedAt: refund.createdAt, refundSettledAt: refund.settledAt,
      hisOrderId: order.hisRef ?? order.receipt?.hisPayId ?? order.receipt?.invoiceNo ?? null,
      department: str(d.target?.departmentName) ?? str(d.departmentName) ?? str(d.department),
      maskedName: name ? maskName(name) : '', maskedPhone: await phoneOf(deps, order.accountId, order.patientId),
    },
  };
}

/** One record of a deposit-account refund (the patient asked for the balance back). */
async function fromDepositRefund(deps: Deps, refundNo: string): Promise<FoundRefund | null> {
  const part = await deps.depositRefunds.part(refundNo);
  if (!part) return null;
  const request = await deps.depositRefunds.get(part.requestId);
  if (!request) return null;
  // The top-up it returns money of, when it was made here (else the platform's charge number only).
  const topUp = await deps.orders.get(part.outChargeNo);
  const status = statusOfDepositStep(part.step);
  return {
    facts: { kind: 'deposit', patientCard: request.cardNo },
    refund: {
      tradeNo: part.outChargeNo, refundNo: part.refundId, kind: 'deposit', orderFen: part.chargedFen, refundFen: part.amountFen,
      status, why: '您申请退还门诊预交金余额，费用原路退回',
      orderCreatedAt: topUp?.createdAt ?? part.recordPaidAt, paidAt: part.recordPaidAt, postedAt: part.recordPaidAt,
      refundCreatedAt: part.requestedAt, refundSettledAt: status === 'refunding' ? null : part.stepSince,
      hisOrderId: part.hisRecordNo, department: null,
      maskedName: maskName(request.payer.realName), maskedPhone: await phoneOf(deps, request.accountId, request.patientId),
    },
  };
}

/** A refund by our refund number: of an order (RF…), or of a deposit record (DR…). */
export async function findRefund(deps: Deps, refundNo: string): Promise<FoundRefund | null> {
  return (await fromOrderRefund(deps, refundNo)) ?? (await fromDepositRefund(deps, refundNo));
}
