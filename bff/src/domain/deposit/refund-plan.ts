import type { DepositRecord } from './ports';

/** Where a record's money came from on the platform: the charge a refund must name again. */
export interface RecordCharge {
  outChargeNo: string;
  traceNo: string;
  /** The platform channel of the charge (the refund desk shows only that channel's trades). */
  channel: string;
  chargedFen: number;
}

export interface PlannedPart {
  record: DepositRecord;
  charge: RecordCharge;
  amountFen: number;
}

export type RefundPlan =
  | { ok: true; parts: PlannedPart[]; amountFen: number }
  | { ok: false; reason: 'nothing_refundable' | 'over_refundable'; refundableFen: number };

/** What may be refunded online in all: the records' refundable amounts, never more than the balance. */
export function refundableTotal(records: readonly { refundableFen: number }[], balanceFen: number): number {
  return Math.min(balanceFen, records.reduce((s, r) => s + r.refundableFen, 0));
}

/**
 * Picks the records a refund comes from: newest first, each for at most what it can still refund,
 * the total never above the balance. Records without a known platform charge are left out (they
 * cannot go back the way they came). Pure: the same facts give the same plan.
 */
export function planRefund(records: readonly DepositRecord[], charges: ReadonlyMap<string, RecordCharge>, balanceFen: number, amountFen: number): RefundPlan {
  const usable = records
    .filter((r) => r.refundableFen > 0 && charges.has(r.recordId))
    .map((r) => ({ r, cap: Math.min(r.refundableFen, charges.get(r.recordId)!.chargedFen) }))
    .sort((a, b) => (b.r.paidAt?.getTime() ?? 0) - (a.r.paidAt?.getTime() ?? 0) || b.r.recordId.localeCompare(a.r.recordId));
  const refundableFen = refundableTotal(usable.map((u) => ({ refundableFen: u.cap })), balanceFen);
  if (refundableFen <= 0) return { ok: false, reason: 'nothing_refundable', refundableFen: 0 };
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0 || amountFen > refundableFen) return { ok: false, reason: 'over_refundable', refundableFen };
  const parts: PlannedPart[] = [];
  let left = amountFen;
  for (const { r, cap } of usable) {
    if (left === 0) break;
    const take = Math.min(left, cap);
    parts.push({ record: r, charge: charges.get(r.recordId)!, amountFen: take });
    left -= take;
  }
  return { ok: true, parts, amountFen };
}
