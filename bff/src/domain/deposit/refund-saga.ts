import type { RefundResult, RefundStatus } from '../payments/ports';
import type { DepositFreezeResult, DepositSettleResult } from './ports';

/**
 * One record's refund, as a saga: freeze in HIS → platform refund → confirm in HIS, or roll back
 * when the platform certainly did not refund. Each step's answer and what it means are decided
 * here, purely; the workflow only records the decision and calls the next step.
 */
export const PART_STEPS = ['freezing', 'refunding', 'confirming', 'rolling_back', 'confirmed', 'rolled_back', 'skipped', 'attention'] as const;
export type PartStep = (typeof PART_STEPS)[number];
export const FINAL_STEPS: readonly PartStep[] = ['confirmed', 'rolled_back', 'skipped', 'attention'];

/** What the saga knows of one part between calls (persisted). */
export interface PartFacts {
  step: PartStep;
  /** An earlier call of this step (or an earlier send) may have reached the other side. */
  maybeSent: boolean;
  /** HIS answered the freeze `frozen` at least once. */
  frozen: boolean;
}

export type SagaMove =
  | { to: PartStep; note: string; invoiceNo?: string | null; refundNo?: string | null }
  /** Ask again later with the same request; `attention` past the configured time. */
  | { wait: string };

export function afterFreeze(f: PartFacts, r: DepositFreezeResult): SagaMove {
  if (r.state === 'frozen') return { to: 'refunding', note: 'HIS froze the amount', invoiceNo: r.invoiceNo };
  if (r.state === 'unknown') return { wait: `freeze unknown: ${r.reason}` };
  // Refused after a call whose answer was lost: HIS may hold a freeze under this TransNo after all.
  if (f.maybeSent) return { to: 'rolling_back', note: `freeze refused after an unknown answer (${r.message}): rolling back to be sure` };
  return { to: 'skipped', note: `HIS refused the freeze: ${r.message}` };
}

/** The answer of hop.trade.refund. A refusal is certain only when no earlier send's outcome was unknown. */
export function afterRefund(f: PartFacts, r: RefundResult): SagaMove {
  if (r.state === 'refunded') return { to: 'confirming', note: 'the platform refunded', refundNo: r.refundNo };
  if (r.state === 'pending') return { wait: `refund pending: ${r.code} ${r.message}` };
  if (f.maybeSent) return { to: 'attention', note: `platform refused (${r.code} ${r.message}) after an unknown answer: a person checks before HIS is told` };
  return { to: 'rolling_back', note: `the platform refused the refund: ${r.code} ${r.message}` };
}

/** Before sending the refund again after an unclear answer: what became of the first? `send` = send it again. */
export function afterRefundQuery(s: RefundStatus): SagaMove | 'send' {
  if (s.state === 'refunded') return { to: 'confirming', note: 'the platform refunded (query)' };
  if (s.state === 'not_found' || s.state === 'failed') return 'send';
  return { wait: s.state === 'unknown' ? `refund query unknown: ${s.reason}` : 'refund in progress' };
}

export function afterConfirm(f: PartFacts, r: DepositSettleResult): SagaMove {
  if (r.state === 'confirmed') return { to: 'confirmed', note: 'HIS wrote the refund off' };
  if (r.state === 'rolled_back') return { to: 'attention', note: 'HIS says this refund was rolled back, yet the platform refunded it' };
  if (r.state === 'unknown') return { wait: `confirm unknown: ${r.reason}` };
  if (r.state !== 'refused') throw new Error('unreachable');
  if (f.maybeSent) return { to: 'attention', note: `confirm refused after an unknown answer (${r.message}): a person checks HIS` };
  return { wait: `HIS refused the confirm: ${r.message}` };
}

export function afterRollBack(f: PartFacts, r: DepositSettleResult): SagaMove {
  if (r.state === 'rolled_back') return { to: 'rolled_back', note: 'HIS gave the amount back to the balance' };
  if (r.state === 'confirmed') return { to: 'attention', note: 'HIS says this refund was confirmed, yet the platform did not refund it' };
  if (r.state === 'unknown') return { wait: `roll back unknown: ${r.reason}` };
  if (r.state !== 'refused') throw new Error('unreachable');
  // Never frozen as far as we know: HIS holding no freeze is the likely refusal, and nothing was taken.
  if (!f.frozen) return { to: 'skipped', note: `HIS holds no freeze to roll back (${r.message})` };
  return { wait: `HIS refused the roll back: ${r.message}` };
}
