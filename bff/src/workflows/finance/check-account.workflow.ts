import type { Deps } from '../../deps';
import { addToTotals, isCheckDate, RECONCILED_KINDS, toTradeLine, type DayTotals, type TradeLine } from '../../domain/finance/check-account';
import { beijingDayRange } from '../../domain/time';
import { financeRepo } from '../../store/finance.repo';

export type DayAccount = { ok: false; reason: string } | { ok: true; totals: DayTotals; lines: Iterable<TradeLine> };

/**
 * checkAccount (§13.3): every trade of a Beijing day as HIS reconciles them — receipts paid that
 * day, refunds settled that day (reversals left out), of the kinds HIS keeps (the deposit kind has
 * its own HIS). One query; the totals are summed in one pass and the lines are produced lazily, so
 * the caller can write them out as they come.
 */
export async function dayAccount(deps: Deps, checkDate: string): Promise<DayAccount> {
  if (!isCheckDate(checkDate)) return { ok: false, reason: 'invalid checkDate (yyyy-MM-dd)' };
  const rows = await financeRepo(deps.store.db).dayTrades(beijingDayRange(checkDate), RECONCILED_KINDS);
  let totals: DayTotals = { totalCashFen: 0, totalCount: 0 };
  for (const r of rows) totals = addToTotals(totals, { cashFen: r.amountFen, orderType: r.orderType });
  return { ok: true, totals, lines: (function* () { for (const r of rows) yield toTradeLine(r); })() };
}
