import { z } from 'zod';
import type { Order } from '../orders/order';

/** An outpatient fee order's snapshot: whose prescriptions, of which visit, at the amounts HIS gave. */
export const OutpatientDetailsSchema = z.object({
  patient: z.object({ realName: z.string(), patientCard: z.string() }),
  clinicNo: z.string().nullable(),
  hisRegisterId: z.string().nullable(),
  departmentName: z.string().nullable(),
  doctorName: z.string().nullable(),
  prescriptions: z.array(z.object({ prescriptionNo: z.string(), amountFen: z.number().int().positive(), feeType: z.string() })).min(1),
  /** Who takes the money: the payment platform, or HIS from the one-card balance (payType eCardPay). */
  payWith: z.enum(['platform', 'eCard']).default('platform'),
});
export type OutpatientDetails = z.infer<typeof OutpatientDetailsSchema>;

export const isOutpatient = (o: Pick<Order, 'kind'>) => o.kind === 'hisSrc';

/**
 * An outpatient order HIS takes from the one-card balance: no platform charge exists for it, so
 * the platform is never asked about, charged or refunded for it.
 */
/**
 * §18's eCardPay: the payType HIS is sent for fees paid from the one-card balance, and the channel
 * recorded on such an order — never a platform trade, so checkAccount and the platform side of
 * reconciliation leave it out.
 */
export const CARD_PAY_CHANNEL = 'eCardPay';

export const paidFromCard = (o: Pick<Order, 'kind' | 'details'>) => o.kind === 'hisSrc' && (o.details as { payWith?: unknown }).payWith === 'eCard';

/** The database claim that keeps a prescription in at most one live order. */
export const prescriptionClaim = (prescriptionNo: string) => `hisSrc:${prescriptionNo}`;

/** Same prescriptions at the same amounts: what was read before still holds. */
export function sameFees(
  ordered: ReadonlyArray<{ prescriptionNo: string; amountFen: number }>,
  fresh: ReadonlyArray<{ prescriptionNo: string; amountFen: number }>,
): boolean {
  const now = new Map(fresh.map((p) => [p.prescriptionNo, p.amountFen]));
  return ordered.every((p) => now.get(p.prescriptionNo) === p.amountFen);
}

/** Where to go next (检查地点, 取药窗口) in the patient's words, or null when HIS named neither. */
export function whereNext(inspectPlace: string | null | undefined, windowNo: string | null | undefined): string | null {
  // HIS often gives the window as a bare number (3): say 3号窗口.
  const windows = windowNo ? windowNo.split(/[,，;；、]/).filter((w) => w.trim()).map((w) => (/^\d+$/.test(w.trim()) ? `${w.trim()}号窗口` : w.trim())).join('、') : null;
  const parts = [inspectPlace ? `请到 ${inspectPlace} 检查/治疗` : null, windows ? `请到药房 ${windows} 取药` : null].filter(Boolean);
  return parts.length ? parts.join('；') : null;
}
