/**
 * HIS calls per second while N simulated patients keep reading the same department's schedules
 * (GET /api/catalogue/schedules?departmentCode=NK01, each with its own session) for BENCH_SECONDS.
 * Goal: bounded by distinct schedule keys ÷ availability TTL, independent of the patient count.
 *
 * Each patient loops: read, then think for a random 0.5–1.5 × BENCH_THINK_MS (default 1000 ms), so
 * the request rate grows with the patient count while HIS load should not. A fresh BFF (SQLite,
 * in-process HIS simulator, default catalogue config: fixed schedules, availability TTL 5 s) per
 * patient count; the load runs in the same process as the BFF (we count HIS calls, not throughput).
 *
 *   npx tsx bench/his-load.bench.ts   (BENCH_SECONDS=60 BENCH_PATIENTS=50,200 BENCH_THINK_MS=1000)
 */
import { startTestBff } from '../test/support/bff';
import { envList, envNumber, fmt, machine, median, sleep, table, type SummaryRow } from './lib/util';

interface LoadRun {
  patients: number;
  seconds: number;
  requests: number;
  failures: number;
  p50: number;
  p99: number;
  hisCalls: Record<string, number>;
  hisTotal: number;
  cacheLoads: number;
  ttl: number;
  distinctKeys: number;
}

async function runOnce(patients: number, seconds: number, thinkMs: number): Promise<LoadRun> {
  const bff = await startTestBff({ name: `bench-his-${patients}`, config: { rateLimits: { loginPerMinute: 100_000, bindPerHour: 20 } } });
  try {
    const tokens = await Promise.all(Array.from({ length: patients }, (_, i) => bff.login(`bench-patient-${patients}-${i}`)));
    const path = `${bff.url}/api/catalogue/schedules?departmentCode=NK01`;
    const callsBefore = bff.sims.his!.calls.length;
    const loadsBefore = bff.deps.catalogue.hisLoads;
    const latencies: number[] = [];
    let failures = 0;
    const started = Date.now();
    const deadline = started + seconds * 1000;
    const patient = async (token: string) => {
      // Patients arrive over the first think period, not all in the same millisecond.
      await sleep(Math.random() * Math.min(thinkMs, seconds * 500));
      while (Date.now() < deadline) {
        const t0 = performance.now();
        try {
          const res = await fetch(path, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
          await res.arrayBuffer();
          if (res.status !== 200) failures++;
        } catch {
          failures++;
        }
        latencies.push(performance.now() - t0);
        await sleep(Math.min(thinkMs * (0.5 + Math.random()), Math.max(0, deadline - Date.now())));
      }
    };
    await Promise.all(tokens.map(patient));
    const elapsed = (Date.now() - started) / 1000;
    const hisCalls: Record<string, number> = {};
    for (const c of bff.sims.his!.calls.slice(callsBefore)) hisCalls[c.method] = (hisCalls[c.method] ?? 0) + 1;
    const sorted = latencies.sort((a, b) => a - b);
    const cfg = bff.deps.config.catalogue;
    return {
      patients,
      seconds: elapsed,
      requests: latencies.length,
      failures,
      p50: median(sorted),
      p99: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
      hisCalls,
      hisTotal: bff.sims.his!.calls.length - callsBefore,
      cacheLoads: bff.deps.catalogue.hisLoads - loadsBefore,
      ttl: cfg.availabilityTtlSeconds,
      // Fixed mode: one querySchedule key ('fixed:from:to') serves every department; realtime mode:
      // one key per department read — here one department either way.
      distinctKeys: 1,
    };
  } finally {
    await bff.close();
  }
}

export async function runHisLoadBench(opts: { seconds?: number; patients?: number[]; thinkMs?: number } = {}): Promise<SummaryRow[]> {
  const seconds = opts.seconds ?? envNumber('BENCH_SECONDS', 60);
  const counts = opts.patients ?? envList('BENCH_PATIENTS', [50, 200]);
  const thinkMs = opts.thinkMs ?? envNumber('BENCH_THINK_MS', 1000);
  console.log(`\n== HIS load under a crowd of schedule readers (${machine()}; ${seconds} s each, think ${thinkMs} ms ± 50%)`);
  const runs: LoadRun[] = [];
  for (const n of counts) runs.push(await runOnce(n, seconds, thinkMs));
  const rows = runs.map((r) => {
    const bound = r.distinctKeys / r.ttl;
    return [
      r.patients,
      fmt(r.seconds, 1),
      fmt(r.requests / r.seconds, 0),
      r.failures,
      `${fmt(r.p50, 1)} / ${fmt(r.p99, 1)}`,
      Object.entries(r.hisCalls).map(([m, c]) => `${m} ${c}`).join(', ') || '-',
      fmt(r.hisTotal / r.seconds, 3),
      fmt(bound, 3),
      // Allowed: one load per key per TTL window, plus the first window and the reference list.
      `${Math.ceil(r.seconds / r.ttl) + 1 + 1}`,
    ];
  });
  console.log(table(['patients', 's', 'reads/s', 'failed', 'p50 / p99 ms', 'HIS calls (by method)', 'HIS calls/s', 'bound keys÷TTL /s', 'max calls allowed'], rows));
  const within = runs.every((r) => r.hisTotal <= Math.ceil(r.seconds / r.ttl) + 2);
  const rates = runs.map((r) => r.hisTotal / r.seconds);
  const spread = Math.max(...rates) / Math.max(1e-9, Math.min(...rates));
  console.log(`HIS calls/s ${rates.map((x) => fmt(x, 3)).join(' vs ')} for ${counts.join(' vs ')} patients (max/min ${fmt(spread, 2)}); within the bound: ${within ? 'yes' : 'NO'}`);
  return [
    ...runs.map((r): SummaryRow => ({
      bench: 'his-load',
      metric: `HIS calls/s, ${r.patients} patients (${fmt(r.requests / r.seconds, 0)} reads/s, ${fmt(r.seconds, 0)} s)`,
      value: fmt(r.hisTotal / r.seconds, 3),
      goal: `≤ ${fmt(r.distinctKeys / r.ttl, 2)} (+ first load)`,
      verdict: r.hisTotal <= Math.ceil(r.seconds / r.ttl) + 2 && r.failures === 0 ? 'met' : 'MISSED',
    })),
  ];
}

if (require.main === module) {
  runHisLoadBench().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
