/**
 * HIS's checkAccount (§13.3) for a big day: N receipts plus N/10 refunds on the day, as many
 * trades on the days around it, in a fresh SQLite file. Times the one query, the lines and the
 * XML written out, as the route does (minus the socket).
 *   npx tsx bench/check-account.bench.ts          (CHECK_TRADES=100000 by default)
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { checkAccountXml } from '../bff/src/adapters/his/his-finance.map';
import { migrate, openStore, type Store } from '../bff/src/store/db';
import { dayAccount } from '../bff/src/workflows/finance/check-account.workflow';
import type { Deps } from '../bff/src/deps';
import { envNumber, fmt, machine, median, table, type SummaryRow } from './lib/util';

const DAY = '2026-03-15';
const KINDS = ['register', 'subscription', 'hisSrc', 'prepaySrc', 'eCardPay', 'deposit'];

export async function seed(store: Store, trades: number): Promise<void> {
  const db = store.db;
  await db.insertInto('accounts').values({ id: 'acc-bench', platform: 'demo', subject: 'bench', elder_mode: 0, created_at: new Date().toISOString() }).execute();
  const dayStart = Date.parse(`${DAY}T00:00:00+08:00`);
  const batch = 500;
  // Three days: the day before, the day, the day after; the day gets `trades` receipts.
  for (let i = 0; i < trades * 3; i += batch) {
    const orders = [];
    const refunds = [];
    for (let j = i; j < Math.min(i + batch, trades * 3); j++) {
      const paidAt = new Date(dayStart + (Math.floor(j / trades) - 1) * 86_400_000 + (j % trades) * Math.floor(86_400_000 / trades)).toISOString();
      const tradeNo = `EH${String(j).padStart(18, '0')}`;
      orders.push({
        trade_no: tradeNo, kind: KINDS[j % KINDS.length]!, account_id: 'acc-bench', patient_id: 'p', client_request_id: `r${j}`, state: 'posted', amount_fen: 1000 + (j % 997),
        subject: 'bench', pay_client: j % 2 ? 'weapp' : 'h5', details_enc: '{}', his_ref: null, charge_no: null, trace_no: null, paid_at: paidAt, post_round: 0, post_attempts: 0,
        receipt: null, attention_reason: null, status_note: null, expires_at: paidAt, created_at: paidAt, updated_at: paidAt, schedule_id: null, visit_date: null,
        payer_enc: null, pay_channel: 'ONE_QR', trade_mode: j % 3 ? 'WX_PUB' : 'ALI_PUB', pay_unknown_since: null,
      });
      if (j % 10 === 0) {
        refunds.push({ out_refund_no: `RF${String(j).padStart(18, '0')}01`, trade_no: tradeNo, amount_fen: 100, reason: 'bench', cause: 'hospital', state: 'refunded', refund_no: null, attempts: 1, last_code: null, created_at: paidAt, settled_at: paidAt, his_id: `B${j}`, is_reverse: j % 20 === 0 ? 1 : 0 });
      }
    }
    await db.insertInto('orders').values(orders as never).execute();
    if (refunds.length) await db.insertInto('refunds').values(refunds as never).execute();
  }
}

export async function runCheckAccountBench(opts: { trades: number; runs: number }): Promise<SummaryRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-check-'));
  const store = openStore({ sqlitePath: join(dir, 'bench.db') });
  try {
    await migrate(store.db);
    const seeded = Date.now();
    await seed(store, opts.trades);
    console.log(`\n== checkAccount: ${opts.trades} receipts on the day (${opts.trades * 3} orders over 3 days), seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    const deps = { store } as unknown as Deps;
    const times: number[] = [];
    let bytes = 0;
    let lines = 0;
    for (let r = 0; r < opts.runs; r++) {
      const t0 = process.hrtime.bigint();
      const day = await dayAccount(deps, DAY);
      if (!day.ok) throw new Error(day.reason);
      bytes = 0;
      for (const chunk of checkAccountXml(day.totals, day.lines)) bytes += Buffer.byteLength(chunk);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      lines = day.totals.totalCount;
    }
    const p50 = median(times);
    console.log(table(['trades on the day', 'lines', 'XML bytes', 'runs', 'p50 ms', 'max ms'], [[opts.trades, lines, bytes, opts.runs, fmt(p50), fmt(Math.max(...times))]]));
    return [{ bench: 'checkAccount', metric: `${opts.trades} receipts + refunds, query + XML`, value: `${fmt(p50)} ms p50`, goal: '< 5 s', verdict: p50 < 5000 ? 'met' : 'MISSED' }];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  console.log(`checkAccount bench on ${machine()}`);
  runCheckAccountBench({ trades: envNumber('CHECK_TRADES', 100_000), runs: envNumber('CHECK_RUNS', 5) }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
