/**
 * Paid orders posted to HIS per second through the whole pipeline:
 * confirmPayment (order → paid + `order.post` job, one transaction) → job runner claims →
 * postOrderJob (paid → posting, subscriptionPay over HTTP to the HIS simulator, → posted).
 *
 * Setup (not timed), the same for every store: a demo login and a bound card over the BFF's API,
 * then per order a real HIS slot lock (insertSubscription through the adapter, on tomorrow's
 * unlimited EK01 ordinary clinic) and an order row inserted through the orders repository with
 * the lock's id (state `created`). The HTTP booking path and the payment platform are bypassed.
 * Timed: from the first confirmPayment (PIPELINE_CONFIRM_CONCURRENCY at a time, as pay notices
 * would arrive) until every order is `posted`, with the runner(s) already running
 * (jobs.pollMs PIPELINE_POLL_MS=10, batch PIPELINE_BATCH=100). Then every order is checked to be
 * booked exactly once in the HIS ledger (sims.his.ledger.bookedCount).
 *
 *  - SQLite (synchronous=FULL, WAL): one process — startServer in sim mode, as the embedded
 *    single-instance deployment runs; the HIS simulator and the confirmations share its process.
 *  - PostgreSQL (throwaway server, fsync=off as test/support/postgres.ts starts it): this process
 *    holds the HIS simulator, a BFF with jobs disabled (setup + confirmations) and the clock; 1 or
 *    2 BFF instances run as separate child processes (bench/lib/pipeline-worker.ts) on the same
 *    database URL and the same HIS, each with its own job runner.
 *
 *   npx tsx bench/order-pipeline.bench.ts   (PIPELINE_ORDERS=1000 PIPELINE_STORES=sqlite,pg1,pg2)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { parseConfig, type ConfigInput } from '@hosp/config';
import { addWithCode, RELAXED_BINDING } from '../test/support/binding';
import { startServer, type RunningServer } from '../bff/src/server';
import { createLogger } from '../bff/src/logger';
import { createHisSimulator, type HisSimulator } from '../bff/src/adapters/his/sim/his-simulator';
import { seed as hisSeed } from '../bff/src/adapters/his/sim/seed';
import { confirmPayment } from '../bff/src/workflows/orders/confirm-payment.workflow';
import type { BookingDetails } from '../bff/src/domain/booking/booking-details';
import { formatCompact } from '../bff/src/domain/time';
import type { BookingTarget } from '../bff/src/domain/booking/ports';
import { createTestDatabase, startTestPostgres, type TestPostgres } from '../test/support/postgres';
import { forkTs, nextMessage, stopChild } from './catalogue-read.bench';
import { busyPercent, envNumber, fmt, machine, machineCpu, pool, sleep, table, type SummaryRow } from './lib/util';

type Store = 'sqlite' | 'pg1' | 'pg2';

export interface PipelineRun {
  store: string;
  orders: number;
  instances: number;
  seconds: number;
  confirmSeconds: number;
  perSecond: number;
  bookedOnce: number;
  bookedTwice: number;
  notices: number;
  postsByInstance: number[];
  /** Whole machine busy during the timed window, % of all CPUs. */
  machineBusy: number;
  /** CPU seconds per core-second of the timed window: this process, then each worker. */
  cpuShare: number[];
}

let batchOverride: number | undefined;
const jobsConfig = () => ({ enabled: true, pollMs: envNumber('PIPELINE_POLL_MS', 10), leaseMs: 60_000, batch: batchOverride ?? envNumber('PIPELINE_BATCH', 100) });
/** HIS answering each payment notice this late (ms): a real HIS takes tens to hundreds of ms. */
let hisDelayMs = 0;
function slowHis(his: HisSimulator, n: number): void {
  if (hisDelayMs > 0) his.faults.inject('subscriptionPay', { kind: 'delay', delayMs: hisDelayMs, times: n * 3 });
}

function baseConfig(extra: Partial<ConfigInput>): ReturnType<typeof parseConfig> {
  return parseConfig({
    mode: 'demo',
    server: { host: '127.0.0.1', port: 0, publicDir: '' },
    log: { level: 'silent' },
    rateLimits: { loginPerMinute: 100_000, bindPerHour: 100 },
    ...RELAXED_BINDING,
    ...extra,
  });
}

async function api(base: string, method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const json = (await res.json()) as unknown;
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Login, bind a card, lock N slots in HIS and insert N `created` orders carrying the locks. */
async function setupOrders(bff: RunningServer, n: number): Promise<{ tradeNos: string[]; amountFen: number }> {
  const { deps } = bff;
  const token = (await api(bff.url, 'POST', '/api/auth/login', { platform: 'demo', code: `bench-pipeline-${Date.now()}` })).token as string;
  const z = hisSeed.outpatient;
  const bound = (await addWithCode((m, p, o) => api(bff.url, m, p, o?.body, o?.token).then((body) => ({ status: 200, body })), token, z)).body;
  const me = await deps.sessions.resolve(token, deps.now());
  if (typeof me === 'string') throw new Error('session lost');
  const tomorrow = new Date(Date.parse(`${deps.catalogue.today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const schedule = (await deps.catalogue.schedules('EK01', tomorrow, tomorrow)).find((s) => !s.doctorCode);
  if (!schedule) throw new Error('no EK01 ordinary clinic tomorrow');
  const target: BookingTarget = {
    scheduleId: schedule.scheduleId, sourceNo: null, sourceOrder: null, departmentCode: 'EK01', departmentName: '小儿内科',
    doctorCode: '', doctorName: null, clinicType: schedule.clinicType, clinicDate: schedule.date,
    clinicTime: schedule.period ?? '', clinicTimeQuantum: schedule.timeRange ?? '', feeFen: schedule.feeFen,
  };
  const patient = { realName: z.realName, idNumber: z.idCard, patientCard: z.patientCard };
  const stamp = formatCompact(deps.now()).slice(2);
  const tradeNos = Array.from({ length: n }, (_, i) => `EH${stamp}${String(i).padStart(6, '0')}`);
  await pool(tradeNos, 16, async (tradeNo, i) => {
    const lock = await deps.hisBooking.lock('subscription', patient, target);
    if (!lock.ok) throw new Error(`lock refused: ${lock.reason} ${lock.message}`);
    const details: BookingDetails = { bookingKind: 'subscription', patient, target, queueNo: lock.queueNo };
    const now = deps.now();
    await deps.store.db.transaction().execute(async (tx) => {
      await deps.orders.insert(tx, {
        tradeNo, kind: 'subscription', accountId: me.accountId, patientId: bound.id as string, clientRequestId: `bench-${tradeNo}-${i}`,
        amountFen: lock.amountFen ?? schedule.feeFen, subject: '预约 小儿内科 普通门诊', payClient: 'h5', details: details as never,
        expiresAt: new Date(now.getTime() + 3_600_000).toISOString(), payChannel: 'ONE_QR',
        payer: { cardKind: 'hospital_card', cardNo: z.patientCard, hisPatientId: z.hisNo, account: 'outpatient', realName: z.realName, idNumber: z.idCard },
      }, now, 'patient', 'bench setup');
      await deps.orders.patch(tx, tradeNo, { hisRef: lock.hisBookingId }, now);
    });
  });
  return { tradeNos, amountFen: schedule.feeFen };
}

async function postedCount(bff: RunningServer): Promise<number> {
  const r = await sql<{ n: string | number }>`select count(*) as n from orders where state = 'posted'`.execute(bff.deps.store.db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The timed part: confirm every order, wait until all are posted. */
async function confirmAndWait(bff: RunningServer, tradeNos: string[], amountFen: number): Promise<{ seconds: number; confirmSeconds: number; machineBusy: number; selfCpu: number }> {
  const concurrency = envNumber('PIPELINE_CONFIRM_CONCURRENCY', 16);
  const cpu0 = machineCpu();
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  let confirmedAt = 0;
  const confirming = pool(tradeNos, concurrency, async (tradeNo) => {
    const outcome = await confirmPayment(bff.deps, { tradeNo, chargeNo: `C${tradeNo}`, traceNo: `T${tradeNo}`, amountFen, paidAt: new Date(), tradeMode: null }, 'platform');
    if (outcome !== 'paid') throw new Error(`confirm ${tradeNo}: ${outcome}`);
  }).then(() => {
    confirmedAt = performance.now();
  });
  const limitMs = 60_000 + tradeNos.length * 50;
  while ((await postedCount(bff)) < tradeNos.length) {
    if (performance.now() - t0 > limitMs) throw new Error(`not all posted within ${limitMs} ms: ${await postedCount(bff)}/${tradeNos.length}`);
    await sleep(25);
  }
  await confirming;
  const seconds = (performance.now() - t0) / 1000;
  const self = process.cpuUsage(self0);
  return { seconds, confirmSeconds: (confirmedAt - t0) / 1000, machineBusy: busyPercent(cpu0, machineCpu()), selfCpu: (self.user + self.system) / 1e6 / seconds };
}

function checkLedger(his: HisSimulator, tradeNos: string[]): { once: number; twice: number; notices: number } {
  let once = 0;
  let twice = 0;
  let notices = 0;
  for (const t of tradeNos) {
    const c = his.ledger.bookedCount(t);
    if (c === 1) once++;
    if (c > 1) twice++;
    notices += his.ledger.postAttempts(t);
  }
  return { once, twice, notices };
}

async function runSqlite(n: number): Promise<PipelineRun> {
  const dir = mkdtempSync(join(tmpdir(), 'hosp-bench-sqlite-'));
  const bff = await startServer(baseConfig({ database: { sqlitePath: join(dir, 'bench.db') }, jobs: jobsConfig() }), { log: createLogger('silent') });
  try {
    const { tradeNos, amountFen } = await setupOrders(bff, n);
    slowHis(bff.sims.his!, n);
    const t = await confirmAndWait(bff, tradeNos, amountFen);
    const l = checkLedger(bff.sims.his!, tradeNos);
    return { store: 'SQLite (WAL, synchronous=FULL)', orders: n, instances: 1, ...t, cpuShare: [t.selfCpu], perSecond: n / t.seconds, bookedOnce: l.once, bookedTwice: l.twice, notices: l.notices, postsByInstance: [l.notices] };
  } finally {
    await bff.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runPostgres(pg: TestPostgres, n: number, instances: number): Promise<PipelineRun> {
  const url = await createTestDatabase(pg.url, `bench_pipeline_${instances}`);
  const his = createHisSimulator({ signKey: 'demo-his-sign-key-change-me', hospitalId: 'demoyyadmin' });
  const hisRunning = await his.listen();
  const coord = await startServer(
    baseConfig({ database: { url, sqlitePath: ':unused:' }, his: { mode: 'remote', transport: 'http', baseUrl: hisRunning.baseUrl }, jobs: { ...jobsConfig(), enabled: false } }),
    { log: createLogger('silent') },
  );
  const workers: ChildProcess[] = [];
  try {
    const { tradeNos, amountFen } = await setupOrders(coord, n);
    slowHis(his, n);
    for (let i = 0; i < instances; i++) {
      const w = forkTs('lib/pipeline-worker.ts', { BENCH_DB_URL: url, BENCH_HIS_URL: hisRunning.baseUrl, BENCH_POLL_MS: String(jobsConfig().pollMs), BENCH_BATCH: String(jobsConfig().batch) });
      workers.push(w);
      await nextMessage(w, 'ready', 60_000);
    }
    type WStats = { type: string; posts: number; cpu: NodeJS.CpuUsage };
    const statsOf = async (w: ChildProcess) => {
      w.send({ type: 'stats' });
      return nextMessage<WStats>(w, 'stats', 5_000);
    };
    const before = await Promise.all(workers.map(statsOf));
    const t = await confirmAndWait(coord, tradeNos, amountFen);
    const after = await Promise.all(workers.map(statsOf));
    const l = checkLedger(his, tradeNos);
    const postsByInstance = after.map((a) => a.posts);
    const workerCpu = after.map((a, i) => (a.cpu.user + a.cpu.system - before[i]!.cpu.user - before[i]!.cpu.system) / 1e6 / t.seconds);
    return { store: `PostgreSQL, ${instances} instance${instances > 1 ? 's' : ''} (processes)`, orders: n, instances, ...t, cpuShare: [t.selfCpu, ...workerCpu], perSecond: n / t.seconds, bookedOnce: l.once, bookedTwice: l.twice, notices: l.notices, postsByInstance };
  } finally {
    await Promise.all(workers.map(stopChild));
    await coord.close();
    await hisRunning.close();
  }
}

export async function runPipelineBench(opts: { orders?: number; stores?: Store[]; hisDelayMs?: number; batch?: number } = {}): Promise<SummaryRow[]> {
  const n = opts.orders ?? envNumber('PIPELINE_ORDERS', 1000);
  hisDelayMs = opts.hisDelayMs ?? envNumber('PIPELINE_HIS_DELAY_MS', 0);
  batchOverride = opts.batch;
  const tag = hisDelayMs > 0 ? `, HIS ${hisDelayMs} ms` : '';
  const stores = opts.stores ?? ((process.env.PIPELINE_STORES?.split(',') as Store[] | undefined) ?? ['sqlite', 'pg1', 'pg2']);
  console.log(`\n== Paid orders posted to HIS (${machine()}; ${n} orders, poll ${jobsConfig().pollMs} ms, batch ${jobsConfig().batch}, ${envNumber('PIPELINE_CONFIRM_CONCURRENCY', 16)} confirmations at a time${hisDelayMs > 0 ? `, HIS answering each payment notice in ${hisDelayMs} ms` : ''})`);
  const runs: PipelineRun[] = [];
  if (stores.includes('sqlite')) runs.push(await runSqlite(n));
  if (stores.includes('pg1') || stores.includes('pg2')) {
    const pg = await startTestPostgres();
    try {
      if (stores.includes('pg1')) runs.push(await runPostgres(pg, n, 1));
      if (stores.includes('pg2')) runs.push(await runPostgres(pg, n, 2));
    } finally {
      await pg.stop();
    }
  }
  console.log(
    table(
      ['store', 'orders', 'all posted in s', 'confirmations done at s', 'posted/s', 'booked once', 'booked >1', 'HIS notices', 'posts by instance', 'machine busy', 'CPU cores: main / workers'],
      runs.map((r) => [r.store, r.orders, fmt(r.seconds, 2), fmt(r.confirmSeconds, 2), fmt(r.perSecond, 0), `${r.bookedOnce}/${r.orders}`, r.bookedTwice, r.notices, r.postsByInstance.join(' + '), `${fmt(r.machineBusy, 0)}%`, r.cpuShare.map((c) => fmt(c, 2)).join(' / ')]),
    ),
  );
  const rows: SummaryRow[] = [];
  const sqlite = runs.find((r) => r.instances === 1 && r.store.startsWith('SQLite'));
  const pg1 = runs.find((r) => r.store.startsWith('PostgreSQL, 1'));
  const pg2 = runs.find((r) => r.store.startsWith('PostgreSQL, 2'));
  const exact = runs.every((r) => r.bookedOnce === r.orders && r.bookedTwice === 0);
  if (sqlite) rows.push({ bench: 'pipeline', metric: `posted/s, SQLite FULL (${n} orders${tag})`, value: fmt(sqlite.perSecond, 0), goal: '≥ 200', verdict: sqlite.perSecond >= 200 ? 'met' : 'MISSED' });
  if (pg1) rows.push({ bench: 'pipeline', metric: `posted/s, PostgreSQL 1 instance${tag}`, value: fmt(pg1.perSecond, 0), goal: '-', verdict: 'info' });
  if (pg2) rows.push({ bench: 'pipeline', metric: `posted/s, PostgreSQL 2 instances${tag}`, value: fmt(pg2.perSecond, 0), goal: '-', verdict: 'info' });
  if (pg1 && pg2) {
    const scale = pg2.perSecond / pg1.perSecond;
    console.log(`Two instances / one: ${fmt(scale, 2)}× (goal ≥ 1.6×)`);
    rows.push({ bench: 'pipeline', metric: `PostgreSQL 2 instances / 1${tag}`, value: `${fmt(scale, 2)}×`, goal: '≥ 1.6×', verdict: scale >= 1.6 ? 'met' : 'MISSED' });
  }
  console.log(`Every order booked in HIS exactly once: ${exact ? 'yes' : 'NO'}`);
  rows.push({ bench: 'pipeline', metric: 'every order booked exactly once', value: exact ? 'yes' : 'NO', goal: 'yes', verdict: exact ? 'met' : 'MISSED' });
  return rows;
}

if (require.main === module) {
  runPipelineBench().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
