/**
 * Catalogue read served from the cache, under autocannon: GET /api/catalogue/schedules?departmentCode=NK01
 * with a session token, against a bare Koa route returning the same JSON in the same run.
 * Goal: BFF ≥ 0.8 × bare.
 *
 * The BFF and the bare route live in one child process (same event loop); autocannon runs in this
 * process, so the load generator has the other core. Runs alternate bare / BFF for CATALOGUE_ROUNDS
 * rounds of CATALOGUE_SECONDS each; medians are compared. The availability TTL is raised to 300 s
 * (CATALOGUE_TTL_SECONDS) so every measured request is a cache hit; HIS calls during the runs are
 * counted to prove it.
 *
 *   npx tsx bench/catalogue-read.bench.ts   (CATALOGUE_SECONDS=5 CATALOGUE_ROUNDS=3 CATALOGUE_CONNECTIONS=20)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { envNumber, fmt, machine, median, table, type SummaryRow } from './lib/util';

interface Ready {
  type: 'ready';
  bffUrl: string;
  bareUrl: string;
  token: string;
  path: string;
  hisLoads: number;
  hisCalls: number;
  schedules: number;
  bytes: number;
}
interface Stats {
  type: 'stats';
  hisLoads: number;
  hisCalls: number;
}

export interface CannonResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

export async function cannon(url: string, headers: Record<string, string>, seconds: number, connections: number): Promise<CannonResult> {
  const r = await autocannon({ url, headers, duration: seconds, connections, pipelining: 1 });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, total: r.requests.total };
}

export function forkTs(file: string, env: Record<string, string> = {}): ChildProcess {
  // BENCH_CPU_PROF=<dir>: children write a V8 CPU profile there (see bench/lib/cpuprofile-top.ts).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  return fork(join(__dirname, file), [], { execArgv: ['--import', 'tsx', ...prof], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

export function nextMessage<T extends { type: string }>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${type}' from child within ${timeoutMs} ms`)), timeoutMs);
    const onMsg = (m: T) => {
      if (m.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMsg);
      child.off('exit', onExit);
      resolve(m);
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before '${type}'`));
    };
    child.on('message', onMsg);
    child.once('exit', onExit);
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.send({ type: 'stop' });
  const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(t);
}

export async function runCatalogueBench(opts: { seconds?: number; rounds?: number; connections?: number } = {}): Promise<SummaryRow[]> {
  const seconds = opts.seconds ?? envNumber('CATALOGUE_SECONDS', 5);
  const rounds = opts.rounds ?? envNumber('CATALOGUE_ROUNDS', 3);
  const connections = opts.connections ?? envNumber('CATALOGUE_CONNECTIONS', 20);
  console.log(`\n== Catalogue read from cache vs bare Koa (${machine()}; ${rounds}×${seconds} s each, ${connections} connections)`);
  const child = forkTs('lib/catalogue-server.ts');
  try {
    const ready = await nextMessage<Ready>(child, 'ready', 60_000);
    console.log(`   ${ready.path}: ${ready.schedules} schedules, ${ready.bytes} bytes of JSON`);
    const auth = { authorization: `Bearer ${ready.token}` };
    // Warm-up both (JIT, connection setup), not counted.
    await cannon(ready.bareUrl + ready.path, auth, 1, connections);
    await cannon(ready.bffUrl + ready.path, auth, 1, connections);
    child.send({ type: 'stats' });
    const before = await nextMessage<Stats>(child, 'stats', 5_000);
    const bare: CannonResult[] = [];
    const bff: CannonResult[] = [];
    for (let r = 0; r < rounds; r++) {
      bare.push(await cannon(ready.bareUrl + ready.path, auth, seconds, connections));
      bff.push(await cannon(ready.bffUrl + ready.path, auth, seconds, connections));
    }
    child.send({ type: 'stats' });
    const after = await nextMessage<Stats>(child, 'stats', 5_000);
    const bad = [...bare, ...bff].reduce((s, x) => s + x.non2xx + x.errors, 0);
    const row = (name: string, xs: CannonResult[]) => [name, xs.map((x) => fmt(x.rps, 0)).join(' / '), fmt(median(xs.map((x) => x.rps)), 0), fmt(median(xs.map((x) => x.p50)), 1), fmt(median(xs.map((x) => x.p99)), 1)];
    console.log(table(['route', 'req/s per round', 'median req/s', 'p50 ms', 'p99 ms'], [row('bare Koa, same JSON', bare), row('BFF /api/catalogue/schedules', bff)]));
    const ratio = median(bff.map((x) => x.rps)) / median(bare.map((x) => x.rps));
    console.log(`BFF / bare = ${fmt(ratio, 2)} (goal ≥ 0.80); non-2xx or errors: ${bad}; HIS calls during the runs: ${after.hisCalls - before.hisCalls} (cache loads ${after.hisLoads - before.hisLoads})`);
    if (bad > 0) throw new Error(`catalogue bench: ${bad} failed requests`);
    return [
      { bench: 'catalogue', metric: 'BFF cached read, req/s (median)', value: fmt(median(bff.map((x) => x.rps)), 0), goal: '-', verdict: 'info' },
      { bench: 'catalogue', metric: 'bare Koa same JSON, req/s (median)', value: fmt(median(bare.map((x) => x.rps)), 0), goal: '-', verdict: 'info' },
      { bench: 'catalogue', metric: 'BFF / bare', value: fmt(ratio, 2), goal: '≥ 0.80', verdict: ratio >= 0.8 ? 'met' : 'MISSED' },
    ];
  } finally {
    await stopChild(child);
  }
}

if (require.main === module) {
  runCatalogueBench().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
