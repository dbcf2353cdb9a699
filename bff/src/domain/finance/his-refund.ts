import { fenToYuan } from '@hosp/shared';
import type { Order, Refund } from '../orders/order';
import { paidFromCard } from '../outpatient/outpatient-details';

/**
 * Refunds the hospital starts (refundApply, §14), in domain terms: which are allowed, how much is
 * left to refund, and what HIS is told. HIS repeats a request until it settles, so every answer is
 * derived from the refund row its `hisId` created, never from the request that asked.
 */
export interface HisRefundRequest {
  tradeNo: string;
  amountFen: number;
  /** HIS's refund key: one refund, for ever. */
  hisId: string;
  patientCard: string;
  /** A reversal (冲正): refunded like any other, left out of reconciliation. */
  isReverse: boolean;
  cashier: string | null;
}

export type HisRefundDecision = { kind: 'refuse'; reason: string } | { kind: 'refund'; whole: boolean };

/** States from which HIS may refund: HIS has the payment (posted), or a person is looking at it. */
const REFUNDABLE = new Set(['posted', 'attention']);

/** What is still refundable: paid minus every refund not refused by the platform. */
export function refundableFen(order: Pick<Order, 'amountFen'>, refunds: readonly Pick<Refund, 'amountFen' | 'state'>[]): number {
  return order.amountFen - refunds.filter((r) => r.state !== 'rejected').reduce((sum, r) => sum + r.amountFen, 0);
}

function cardOf(order: Order): string | null {
  if (order.payer?.cardKind === 'hospital_card') return order.payer.cardNo;
  const patient = (order.details as { patient?: { patientCard?: unknown } }).patient;
  return typeof patient?.patientCard === 'string' && patient.patientCard ? patient.patientCard : null;
}

/**
 * Whether a new HIS refund may be made, and whether it refunds the whole remainder (the order then
 * ends refunded) or part of it (the order stays as it is, with the refund listed). Outpatient
 * deposit top-ups are out of scope: they belong to the deposit HIS and its own refund saga.
 */
export function decideHisRefund(order: Order | undefined, refunds: readonly Refund[], req: HisRefundRequest): HisRefundDecision {
  if (!order) return { kind: 'refuse', reason: 'unknown tradeNo' };
  if (order.kind === 'deposit') return { kind: 'refuse', reason: 'deposit top-ups are refunded through the outpatient deposit HIS, not refundApply' };
  if (paidFromCard(order)) return { kind: 'refuse', reason: 'paid from the one-card balance: HIS returns it to the card, not the payment platform' };
  if (order.paidAt === null || order.state === 'created' || order.state === 'paying' || order.state === 'closed') return { kind: 'refuse', reason: 'order not paid' };
  const card = cardOf(order);
  if (card !== null && card !== req.patientCard) return { kind: 'refuse', reason: 'patientCard does not match the order' };
  if (order.state === 'refunded') return { kind: 'refuse', reason: 'order already refunded in full' };
  const left = refundableFen(order, refunds);
  if (req.amountFen > left) return { kind: 'refuse', reason: `refundAmount exceeds the refundable ${fenToYuan(Math.max(left, 0))}` };
  if (!REFUNDABLE.has(order.state)) return { kind: 'refuse', reason: `order is ${order.state === 'refunding' ? 'being refunded' : 'not yet confirmed by HIS'}; try again later` };
  return { kind: 'refund', whole: req.amountFen === left };
}

/** A repeat of a hisId must be the same refund: the same order and amount. */
export function sameHisRefund(refund: Pick<Refund, 'tradeNo' | 'amountFen'>, req: Pick<HisRefundRequest, 'tradeNo' | 'amountFen'>): boolean {
  return refund.tradeNo === req.tradeNo && refund.amountFen === req.amountFen;
}

export type HisRefundResult = 'SUCCESS' | 'ERROR' | 'UNKNOWN';

/** §14.1.2: SUCCESS with our refund number once the platform refunded, ERROR with why, UNKNOWN until then. */
export function hisRefundAnswer(refund: Pick<Refund, 'state' | 'outRefundNo' | 'lastCode'>): { result: HisRefundResult; message: string } {
  if (refund.state === 'refunded') return { result: 'SUCCESS', message: refund.outRefundNo };
  if (refund.state === 'rejected') return { result: 'ERROR', message: `refund ${refund.outRefundNo} refused by the payment platform${refund.lastCode ? ` (${refund.lastCode})` : ''}` };
  return { result: 'UNKNOWN', message: `refund ${refund.outRefundNo} in progress` };
}

/** §15.1.2 refundStatus: 1 applied (recorded, not yet sent), 2 refunded, 3 failed, 4 in progress (sent, unsettled). */
export type HisRefundStatus = 1 | 2 | 3 | 4;

export function hisRefundStatus(refund: Pick<Refund, 'state' | 'attempts'>): HisRefundStatus {
  if (refund.state === 'refunded') return 2;
  if (refund.state === 'rejected') return 3;
  return refund.attempts > 0 ? 4 : 1;
}
