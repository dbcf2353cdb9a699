import { AppError } from '@hosp/shared';
import type { Deps } from '../../deps';
import { RECONCILED_TYPES, TRANSACTION_TYPE_NAMES, type LedgerRow, type LedgerSummary, type TransactionType } from '../../domain/finance/ledger';
import { ACTIONS, CATEGORIES, CATEGORY_NAMES, reconcile, tradesToAsk, type OurTrade, type PlatformView, type ReconcileResult } from '../../domain/finance/reconcile';
import { isHisError } from '../../domain/his-errors';
import { newId } from '../../store/ids';
import type { ItemFilters, ItemStatus, StoredItem } from '../../store/reconciliation.repo';
import { askPlatform } from './platform-views';
import { readOurBook } from './reconciliation-book';
import { reconciliationCsvOf } from './reconciliation-csv';
import { enqueueHeal } from './reconciliation-heal.job';

/**
 * The daily reconciliation: HIS's ledger per transaction type, our orders and refunds of the day,
 * the platform's word on the trades in question; the pure core's verdicts stored as the day's
 * report (replacing the last one whole), safe actions queued. Same inputs → the same items.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(date: string): string {
  if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new AppError('VALIDATION_FAILED', '日期格式应为 yyyy-MM-dd', { field: 'date' });
  return date;
}

/** What HIS said, fetched before the (timed, offline) part. */
export interface FetchedDay {
  summary: LedgerSummary | null;
  his: LedgerRow[];
  /** The types whose detail HIS gave; the others are left out of the report (and named). */
  types: TransactionType[];
  failures: Record<string, string>;
}

export async function fetchHisDay(deps: Deps, date: string): Promise<FetchedDay> {
  const failures: Record<string, string> = {};
  const codeOf = (err: unknown) => {
    if (isHisError(err)) return err.code;
    throw err;
  };
  const summary = await deps.hisLedger.ledgerSummary(date).catch((err) => ((failures.summary = codeOf(err)), null));
  const his: LedgerRow[] = [];
  const types: TransactionType[] = [];
  for (const type of RECONCILED_TYPES) {
    try {
      his.push(...(await deps.hisLedger.ledgerDetail(date, type)));
      types.push(type);
    } catch (err) {
      failures[`type${type}`] = codeOf(err);
    }
  }
  return { summary, his, types, failures };
}

export interface DayReport {
  runId: string;
  result: ReconcileResult;
  summary: Record<string, unknown>;
}

/** The offline part (what the benchmark times): our book, the matching core, the stored report. */
export async function reconcileFetched(deps: Deps, date: string, fetched: FetchedDay, platform: (ours: OurTrade[], ask: string[]) => Promise<Map<string, PlatformView>>, trigger: string): Promise<DayReport> {
  const now = deps.now();
  const runId = newId(now.getTime());
  await deps.reconciliation.startRun({ id: runId, checkDate: date, trigger }, now);
  const types = new Set(fetched.types);
  const his = fetched.his.filter((r) => types.has(r.transactionType));
  const ours = await readOurBook(deps.reconciliation, date, his, types);
  const ask = tradesToAsk({ his, ours });
  const views = await platform(ours, ask);
  const result = reconcile({ his, ours, platform: views });
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, result.items.filter((i) => i.category === c).length]));
  const summary = { his: fetched.summary, failures: fetched.failures, types: fetched.types, trades: result.trades, matched: result.matched, items: result.items.length, byCategory, platformAsked: ask.length };
  const heal = deps.config.reconciliation.autoHeal;
  const items = result.items.map((i) => ({ ...i, status: (heal && ACTIONS[i.action].safe ? 'auto_queued' : 'open') as ItemStatus }));
  await deps.store.db.transaction().execute(async (tx) => {
    await deps.reconciliation.replaceReport(tx, { id: runId, checkDate: date }, items, summary, deps.now());
    for (const i of items) if (i.status === 'auto_queued') await enqueueHeal(deps, tx, { runId, date, tradeNo: i.tradeNo, action: i.action as 'repost' | 'retry_refund' }, now);
  });
  return { runId, result, summary };
}

/** Runs (or re-runs) one day. A day whose HIS ledger could not be read at all fails and keeps the last report. */
export async function runReconciliation(deps: Deps, date: string, trigger: 'job' | 'operator' = 'operator'): Promise<{ runId: string; summary: Record<string, unknown> }> {
  checkDate(date);
  const fetched = await fetchHisDay(deps, date);
  if (fetched.types.length === 0) {
    const now = deps.now();
    const runId = newId(now.getTime());
    await deps.reconciliation.startRun({ id: runId, checkDate: date, trigger }, now);
    await deps.reconciliation.failRun(runId, { failures: fetched.failures }, deps.now());
    throw new AppError('HIS_UNAVAILABLE', '医院系统对账数据暂时无法获取，请稍后重试', { reason: 'ledger', failures: fetched.failures });
  }
  const report = await reconcileFetched(deps, date, fetched, (ours, ask) => askPlatform(deps, ask, new Map(ours.map((o) => [o.tradeNo, o]))), trigger);
  deps.log.info({ date, runId: report.runId, trades: report.result.trades, items: report.result.items.length }, 'reconciliation done');
  return { runId: report.runId, summary: report.summary };
}

const presentItem = (i: StoredItem) => ({
  ...i,
  transactionTypeName: TRANSACTION_TYPE_NAMES[i.transactionType],
  categoryName: CATEGORY_NAMES[i.category],
  actionWords: ACTIONS[i.action].words,
  safe: ACTIONS[i.action].safe,
});

export type ReconciliationView = Awaited<ReturnType<typeof loadReconciliation>>;

/** The day's report for the console: the current run, the history of runs, the items (filtered). */
export async function loadReconciliation(deps: Deps, date: string, filters: ItemFilters = {}) {
  checkDate(date);
  const [run, runs, items] = await Promise.all([deps.reconciliation.currentRun(date), deps.reconciliation.runs(date), deps.reconciliation.items(date, filters)]);
  return {
    date,
    run: run ?? null,
    runs: runs.map((r) => ({ id: r.id, trigger: r.trigger, status: r.status, isCurrent: r.isCurrent, startedAt: r.startedAt, finishedAt: r.finishedAt })),
    items: items.map(presentItem),
  };
}

/** The same items as CSV for Excel (UTF-8 with BOM, yuan). */
export async function reconciliationCsv(deps: Deps, date: string, filters: ItemFilters = {}): Promise<string> {
  checkDate(date);
  return reconciliationCsvOf(date, await deps.reconciliation.items(date, filters));
}
