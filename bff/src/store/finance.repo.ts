import { CARD_PAY_CHANNEL } from '../domain/outpatient/outpatient-details';
import { sql } from 'kysely';
import type { DayTradeRow } from '../domain/finance/check-account';
import type { Db } from './db';

interface Row {
  trade_no: string;
  kind: string;
  amount_fen: number | string;
  at: string;
  order_type: number | string;
  pay_client: string;
  trade_mode: string | null;
}

/**
 * A day's trades for HIS's checkAccount in one query: receipts by paid_at and settled, non-reversal
 * refunds by settled_at (both indexed ranges), only of the kinds reconciled with HIS, in time order.
 * Rows are plain columns (no decryption), so a big day costs one scan and one pass.
 */
export function financeRepo(db: Db) {
  return {
    async dayTrades(range: { from: string; to: string }, kinds: readonly string[]): Promise<DayTradeRow[]> {
      if (kinds.length === 0) return [];
      const kindList = sql.join(kinds.map((k) => sql`${k}`));
      const { rows } = await sql<Row>`
        select o.trade_no, o.kind, o.amount_fen, o.paid_at as at, 1 as order_type, o.pay_client, o.trade_mode
          from orders o
         where o.paid_at >= ${range.from} and o.paid_at < ${range.to} and o.kind in (${kindList})
           and coalesce(o.pay_channel, '') <> ${CARD_PAY_CHANNEL}
        union all
        select o.trade_no, o.kind, r.amount_fen, r.settled_at as at, 2 as order_type, o.pay_client, o.trade_mode
          from refunds r join orders o on o.trade_no = r.trade_no
         where r.settled_at >= ${range.from} and r.settled_at < ${range.to} and r.state = 'refunded' and r.is_reverse = 0 and o.kind in (${kindList})
        order by at, trade_no, order_type`.execute(db);
      return rows.map((r) => ({
        tradeNo: r.trade_no, kind: r.kind, amountFen: Number(r.amount_fen), at: r.at, orderType: Number(r.order_type) === 2 ? 2 : 1,
        payClient: r.pay_client, tradeMode: r.trade_mode,
      }));
    },
  };
}
export type FinanceRepo = ReturnType<typeof financeRepo>;
