import { z } from 'zod';
import { hisBadReply } from '../../domain/his-errors';
import { TRANSACTION_TYPES, type HisLedgerPort, type LedgerRow, type LedgerSummary, type TransactionType } from '../../domain/finance/ledger';
import type { HisClient } from './his-client';
import { flatFields, optional, parseReply, required } from './his-reply.map';
import { count, parseRowsWith, replyRows, requiredFen, zodIssues } from './his-rows.map';
import { childCi, isXmlObject, type XmlValue } from './xml-codec';

/** Section 13.1 GetCheckLedgerInfo and 13.2 GetChecLedgerDetail (the method name as HIS spells it). */

export const LEDGER_INFO = 'GetCheckLedgerInfo';
export const LEDGER_DETAIL = 'GetChecLedgerDetail';

/**
 * 13.2's sample closes `<hisPayId>` with `</HisPayId>`; a HIS built from it sends exactly that. Only
 * a leaf element whose closing tag differs from its opening one in letter case alone is mended;
 * anything else malformed stays malformed.
 */
export function mendCloseTagCase(xml: string): string {
  return xml.replace(/<([A-Za-z_][\w.-]*)>([^<]*)<\/([A-Za-z_][\w.-]*)>/g, (whole, open: string, text: string, close: string) =>
    open !== close && open.toLowerCase() === close.toLowerCase() ? `<${open}>${text}</${open}>` : whole,
  );
}

const transactionType = z.string({ error: 'required' }).transform((v, ctx) => {
  const n = Number(v.trim());
  if (!TRANSACTION_TYPES.includes(n as TransactionType)) {
    ctx.addIssue({ code: 'custom', message: 'not a transaction type 1-5' });
    return z.NEVER;
  }
  return n as TransactionType;
});

const channel = z.string({ error: 'required' }).transform((v, ctx) => {
  const c = v.trim();
  if (c === '0') return 'receipt' as const;
  if (c === '1') return 'refund' as const;
  ctx.addIssue({ code: 'custom', message: 'channel not 0 or 1' });
  return z.NEVER;
});

const Row = z
  .object({ transactionType, hisPayId: optional, HisPayId: optional, tradeNo: required, hisRefundId: optional, channel, amount: requiredFen })
  .refine((r) => r.tradeNo.trim() !== '', { message: 'tradeNo empty', path: ['tradeNo'] })
  // "退款必填": a refund row without HIS's refund number cannot be matched to anything.
  .refine((r) => r.channel === 'receipt' || (r.hisRefundId ?? '').trim() !== '', { message: 'refund without hisRefundId', path: ['hisRefundId'] });

const Summary = z.object({ totalCash: requiredFen, totalCount: count.refine((v) => v !== null, 'required'), refundCash: optional, refundCount: count });

function detailTypes(v: XmlValue | undefined): TransactionType[] {
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return list.flatMap((d) => {
    if (d === '') return [];
    const t = isXmlObject(d) ? transactionType.safeParse(childCi(d, 'transactionType')) : { success: false as const };
    if (!t.success) throw hisBadReply(LEDGER_INFO, 'detail without a transactionType 1-5');
    return [t.data];
  });
}

export class HisLedgerAdapter implements HisLedgerPort {
  constructor(private readonly his: Pick<HisClient, 'call'>) {}

  async ledgerSummary(date: string): Promise<LedgerSummary> {
    const reply = await this.his.call(LEDGER_INFO, { checkDate: date });
    const f = parseReply(LEDGER_INFO, Summary, flatFields(reply.body));
    let refundFen: number | null = null;
    if (f.refundCash !== null) {
      refundFen = requiredFen.safeParse(f.refundCash).data ?? null;
      if (refundFen === null) throw hisBadReply(LEDGER_INFO, 'refundCash: not a yuan amount');
    }
    return { totalFen: f.totalCash, totalCount: f.totalCount!, refundFen, refundCount: f.refundCount, transactionTypes: detailTypes(childCi(reply.body, 'detail')) };
  }

  /** Strict: a ledger with one row we cannot read is not a ledger (leaving it out would invent a difference). */
  async ledgerDetail(date: string, type?: TransactionType): Promise<LedgerRow[]> {
    const reply = await this.his.call(LEDGER_DETAIL, { checkDate: date, transactionType: type === undefined ? undefined : String(type) }, { repairReply: mendCloseTagCase });
    const rows = parseRowsWith(
      LEDGER_DETAIL,
      replyRows(LEDGER_DETAIL, reply.body),
      (row) => {
        const r = Row.safeParse(flatFields(row));
        if (!r.success) return { ok: false, issue: zodIssues(r.error) };
        const v = r.data;
        const value: LedgerRow = {
          transactionType: v.transactionType,
          hisPayId: (v.hisPayId ?? v.HisPayId)?.trim() || null,
          tradeNo: v.tradeNo.trim(),
          hisRefundId: v.hisRefundId?.trim() || null,
          direction: v.channel,
          amountFen: v.amount,
        };
        return { ok: true, value };
      },
      undefined,
      true,
    );
    if (type !== undefined && rows.some((r) => r.transactionType !== type)) throw hisBadReply(LEDGER_DETAIL, 'rows of another transactionType than asked');
    return rows;
  }
}
