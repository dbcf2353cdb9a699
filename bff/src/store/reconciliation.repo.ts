import type { ActionCode, Category, ReportItem } from '../domain/finance/reconcile';
import type { TransactionType } from '../domain/finance/ledger';
import type { Db } from './db';

/** What the reconciliation reads of our books and how it keeps its reports. */

export interface BookOrder {
  tradeNo: string;
  kind: string;
  state: string;
  amountFen: number;
  paid: boolean;
  /** Paid within the day asked about. */
  paidInDay: boolean;
  hasReceipt: boolean;
}

export interface BookRefund {
  outRefundNo: string;
  tradeNo: string;
  hisId: string | null;
  amountFen: number;
  state: string;
}

export type ItemStatus = 'open' | 'auto_queued' | 'healed' | 'heal_failed';

export interface StoredItem extends ReportItem {
  seq: number;
  status: ItemStatus;
  outcome: string | null;
  outcomeAt: string | null;
}

export interface RunRecord {
  id: string;
  checkDate: string;
  trigger: string;
  status: string;
  isCurrent: boolean;
  summary: unknown;
  startedAt: string;
  finishedAt: string | null;
}

export interface ItemFilters {
  category?: string;
  transactionType?: number;
  status?: string;
}

const CHUNK = 500;
const chunks = <T>(xs: readonly T[], n = CHUNK): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

export function reconciliationRepo(db: Db) {
  // Flags computed in SQL: a day can hold a million orders, and copying each one's receipt JSON and
  // payment time out of the database only to test them costs more than the rest of the row.
  const orders = (from: string, to: string) =>
    db.selectFrom('orders').select((eb) => [
      'trade_no', 'kind', 'state', 'amount_fen',
      eb('paid_at', 'is not', null).as('paid'),
      eb.and([eb('paid_at', '>=', from), eb('paid_at', '<', to)]).as('in_day'),
      eb('receipt', 'is not', null).as('has_receipt'),
    ]);
  const toOrder = (r: { trade_no: string; kind: string; state: string; amount_fen: number | string; paid: unknown; in_day: unknown; has_receipt: unknown }): BookOrder => ({
    tradeNo: r.trade_no, kind: r.kind, state: r.state, amountFen: Number(r.amount_fen), paid: Boolean(r.paid), paidInDay: Boolean(r.in_day), hasReceipt: Boolean(r.has_receipt),
  });
  const toRun = (r: { id: string; check_date: string; trigger: string; status: string; is_current: number; summary: string | null; started_at: string; finished_at: string | null }): RunRecord => ({
    id: r.id, checkDate: r.check_date, trigger: r.trigger, status: r.status, isCurrent: r.is_current === 1, summary: r.summary ? JSON.parse(r.summary) : null, startedAt: r.started_at, finishedAt: r.finished_at,
  });

  return {
    /** Orders whose payment time falls in [from, to) (ISO UTC). */
    async ordersPaidBetween(from: string, to: string): Promise<BookOrder[]> {
      return (await orders(from, to).where('paid_at', '>=', from).where('paid_at', '<', to).execute()).map(toOrder);
    },
    /** These orders, whenever paid; `paidInDay` says whether in [from, to). */
    async ordersByTradeNo(tradeNos: readonly string[], from: string, to: string): Promise<BookOrder[]> {
      const out: BookOrder[] = [];
      for (const part of chunks(tradeNos)) out.push(...(await orders(from, to).where('trade_no', 'in', part).execute()).map(toOrder));
      return out;
    },
    /** Refunds of [from, to): settled ones by when they settled, open ones by when they began. Reversals left out. */
    async refundsBetween(from: string, to: string): Promise<BookRefund[]> {
      const rows = await db
        .selectFrom('refunds')
        .select(['out_refund_no', 'trade_no', 'his_id', 'amount_fen', 'state'])
        .where('is_reverse', '=', 0)
        .where((eb) => eb.or([eb.and([eb('settled_at', '>=', from), eb('settled_at', '<', to)]), eb.and([eb('settled_at', 'is', null), eb('created_at', '>=', from), eb('created_at', '<', to)])]))
        .execute();
      return rows.map((r) => ({ outRefundNo: r.out_refund_no, tradeNo: r.trade_no, hisId: r.his_id ?? null, amountFen: Number(r.amount_fen), state: r.state }));
    },

    async startRun(run: { id: string; checkDate: string; trigger: string }, now: Date): Promise<void> {
      await db.insertInto('reconciliation_runs').values({ id: run.id, check_date: run.checkDate, trigger: run.trigger, status: 'running', is_current: 0, summary: null, started_at: now.toISOString(), finished_at: null }).execute();
    },
    async failRun(id: string, summary: unknown, now: Date): Promise<void> {
      await db.updateTable('reconciliation_runs').set({ status: 'failed', summary: JSON.stringify(summary), finished_at: now.toISOString() }).where('id', '=', id).execute();
    },
    /**
     * The day's report becomes this run's, whole, in the caller's transaction: the previous run's
     * items go, its record stays (history), and only this run is current.
     */
    async replaceReport(tx: Db, run: { id: string; checkDate: string }, items: ReadonlyArray<ReportItem & { status: ItemStatus }>, summary: unknown, now: Date): Promise<void> {
      await tx.deleteFrom('reconciliation_items').where('check_date', '=', run.checkDate).execute();
      await tx.updateTable('reconciliation_runs').set({ is_current: 0 }).where('check_date', '=', run.checkDate).where('is_current', '=', 1).execute();
      for (const part of chunks(items.map((it, seq) => ({ it, seq })))) {
        await tx
          .insertInto('reconciliation_items')
          .values(
            part.map(({ it, seq }) => ({
              run_id: run.id, seq, check_date: run.checkDate, transaction_type: it.transactionType, trade_no: it.tradeNo, category: it.category, action: it.action,
              his_fen: it.hisFen, our_fen: it.ourFen, his_refund_fen: it.hisRefundFen, our_refund_fen: it.ourRefundFen, out_refund_no: it.outRefundNo, his_refund_id: it.hisRefundId,
              our_state: it.ourState, platform: it.platform, note: it.note, status: it.status, outcome: null, outcome_at: null,
            })),
          )
          .execute();
      }
      await tx.updateTable('reconciliation_runs').set({ status: 'done', is_current: 1, summary: JSON.stringify(summary), finished_at: now.toISOString() }).where('id', '=', run.id).execute();
    },

    async currentRun(checkDate: string): Promise<RunRecord | undefined> {
      const r = await db.selectFrom('reconciliation_runs').selectAll().where('check_date', '=', checkDate).where('is_current', '=', 1).executeTakeFirst();
      return r && toRun(r);
    },
    async runs(checkDate: string): Promise<RunRecord[]> {
      return (await db.selectFrom('reconciliation_runs').selectAll().where('check_date', '=', checkDate).orderBy('started_at').orderBy('id').execute()).map(toRun);
    },
    async items(checkDate: string, f: ItemFilters = {}): Promise<StoredItem[]> {
      let q = db.selectFrom('reconciliation_items').selectAll().where('check_date', '=', checkDate);
      if (f.category) q = q.where('category', '=', f.category);
      if (f.transactionType) q = q.where('transaction_type', '=', f.transactionType);
      if (f.status) q = q.where('status', '=', f.status);
      const rows = await q.orderBy('seq').execute();
      return rows.map((r) => ({
        seq: r.seq, transactionType: r.transaction_type as TransactionType, tradeNo: r.trade_no, category: r.category as Category, action: r.action as ActionCode,
        hisFen: Number(r.his_fen), ourFen: Number(r.our_fen), hisRefundFen: Number(r.his_refund_fen), ourRefundFen: Number(r.our_refund_fen),
        outRefundNo: r.out_refund_no, hisRefundId: r.his_refund_id, ourState: r.our_state, platform: r.platform as StoredItem['platform'], note: r.note,
        status: r.status as ItemStatus, outcome: r.outcome, outcomeAt: r.outcome_at,
      }));
    },
    /** What a safe action came to, on the item of that run (nothing when the day was re-run since). */
    async recordOutcome(runId: string, tradeNo: string, status: ItemStatus, outcome: string, now: Date): Promise<void> {
      await db.updateTable('reconciliation_items').set({ status, outcome: outcome.slice(0, 300), outcome_at: now.toISOString() }).where('run_id', '=', runId).where('trade_no', '=', tradeNo).execute();
    },
  };
}

export type ReconciliationRepo = ReturnType<typeof reconciliationRepo>;
