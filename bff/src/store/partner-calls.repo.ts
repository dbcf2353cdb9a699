import type { Db } from './db';
import { newId } from './ids';

export type PartnerCallOutcome = 'ok' | 'refused';

export interface PartnerCall {
  partnerId: string | null;
  employeeId: string | null;
  refundOrderId: string | null;
  outcome: PartnerCallOutcome;
  /** A closed word (see PartnerRefusal), never free text from the caller. */
  reason: string;
  at: Date;
  callerAddress: string;
  requestId: string;
}

/** What the caller named is kept only as far as it fits, and without control characters. */
const clip = (v: string | null, max: number): string | null => (v === null ? null : v.replace(/[^\x20-\x7e]/g, '?').slice(0, max));

/** The audit trail of the partner open API: one row per call, whatever its outcome. */
export function partnerCallsRepo(db: Db) {
  return {
    async record(c: PartnerCall): Promise<void> {
      await db
        .insertInto('partner_calls')
        .values({
          id: newId(c.at.getTime()), partner_id: c.partnerId, employee_id: clip(c.employeeId, 64), refund_order_id: clip(c.refundOrderId, 64),
          outcome: c.outcome, reason: c.reason.slice(0, 40), at: c.at.toISOString(), caller_address: c.callerAddress.slice(0, 64), request_id: c.requestId.slice(0, 64),
        })
        .execute();
    },
    async list(filter: { partnerId?: string; refundOrderId?: string } = {}, limit = 100) {
      let q = db.selectFrom('partner_calls').selectAll();
      if (filter.partnerId) q = q.where('partner_id', '=', filter.partnerId);
      if (filter.refundOrderId) q = q.where('refund_order_id', '=', filter.refundOrderId);
      return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },
  };
}
export type PartnerCallsRepo = ReturnType<typeof partnerCallsRepo>;
