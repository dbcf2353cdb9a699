/**
 * The unpaid outpatient list of a patient with 20 prescriptions of 30 lines each (issue 10's
 * figure): the findOutpatientPay reply as the simulator writes it, read by the real adapter —
 * request encoding and sign, size check, DOCTYPE refusal, XML validation, parse, zod per row and
 * line, exact decimal amounts, grouping by visit. HIS latency is excluded (the transport hands the
 * reply back at once). Then the whole route: GET /api/outpatient/fees on a running BFF (session
 * check, owned patient, findClinicNo + findOutpatientPay through the same instant transport, the
 * claims lookup, mapping, the response's zod contract and JSON) over loopback HTTP.
 *
 *   npx tsx bench/outpatient-list.bench.ts      (OUTPATIENT_RUNS=3000 timed runs after 300 warm-up)
 */
import { performance } from 'node:perf_hooks';
import { HisClient } from '../bff/src/adapters/his/his-client';
import { HisOutpatientAdapter } from '../bff/src/adapters/his/his-outpatient.adapter';
import { createSeedState, seed } from '../bff/src/adapters/his/sim/seed';
import { prescribe, type SimLine } from '../bff/src/adapters/his/sim/seed-outpatient';
import { simMethods } from '../bff/src/adapters/his/sim/sim-methods';
import { decodeXml, encodeXml } from '../bff/src/adapters/his/xml-codec';
import { envNumber, fmt, machine, table, type SummaryRow } from './lib/util';
import { scheduleReply } from './xml-codec.bench';

const PRESCRIPTIONS = 20;
const LINES = 30;
const VISITS = 4;
const GOAL_MS = 50;

/** The reply HIS sends for a patient with PRESCRIPTIONS × LINES unpaid, over VISITS visits. */
export function bigUnpaidReply(): { xml: string; patient: { realName: string; patientCard: string } } {
  const now = new Date();
  const state = createSeedState(() => now);
  const p = seed.longCard; // 钱七: a 20-digit card
  const today = state.outpatient.visits[0]!.createDate;
  state.outpatient.prescriptions.clear();
  for (let v = 0; v < VISITS; v++) {
    const visit = { clinicNo: `MZB${v}`, hisRegisterId: `GHB${v}`, idCard: p.idCard, createDate: today, departmentCode: 'NK01', departmentName: '心血管内科', doctorCode: 'D011A', doctorName: '陈建国', diagnosisCode: 'I10', diagnosisName: '原发性高血压' };
    state.outpatient.visits.push(visit);
    for (let r = 0; r < PRESCRIPTIONS / VISITS; r++) {
      const lines: SimLine[] = Array.from({ length: LINES }, (_, i) =>
        i % 2 === 0 ? [`药品${r}-${i}（规格 0.25g×24 片）`, `${(i % 9) + 1}.${String(i % 100).padStart(2, '0')}`, String((i % 3) + 1), '口服，每日三次，饭后', '每次 2 片'] : [`检查项目${r}-${i}`, `${20 + i}.50`, '1'],
      );
      prescribe(state.outpatient, visit, { feeType: r % 2 === 0 ? '西药费' : '检查费', lines, time: `10:${String(r).padStart(2, '0')}:00` });
    }
  }
  const patient = { realName: p.realName, patientCard: p.patientCard };
  return { xml: encodeXml('response', simMethods.findOutpatientPay!(state, patient)), patient };
}

/** A BFF whose HIS outpatient port answers these replies at once: the route's own cost, HIS latency excluded. */
async function routeRunner(xml: string) {
  const { startTestBff } = await import('../test/support/bff');
  const { HisOutpatientAdapter: Adapter } = await import('../bff/src/adapters/his/his-outpatient.adapter');
  const bff = await startTestBff({ name: 'bench-outpatient', config: { his: { mode: 'sim' } } as never });
  const state = createSeedState();
  const visitsXml = encodeXml('response', simMethods.findClinicNo!(state, { realName: seed.outpatient.realName, patientCard: seed.outpatient.patientCard }));
  bff.deps.hisOutpatient = new Adapter(new HisClient({ transport: { call: async (method) => (method === 'findOutpatientPay' ? xml : visitsXml) }, signKey: 'bench-sign-key', maxReplyBytes: 4 * 1024 * 1024 }));
  const token = await bff.login('bench-outpatient');
  // Any bound patient: the instant transport answers the big reply whoever is asked about.
  const p = seed.outpatient;
  // Bound the way a patient binds (privacy consent, SMS proof), as the tests do.
  const bound = await bff.bind(token, p);
  if (bound.status !== 200) throw new Error(`bind failed: ${JSON.stringify(bound.body)}`);
  const url = `${bff.url}/api/outpatient/fees?patientId=${bound.body.id}`;
  return {
    async get(): Promise<number> {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`route answered ${res.status}: ${body.slice(0, 200)}`);
      return body.length;
    },
    close: () => bff.close(),
  };
}

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;

export async function runOutpatientListBench(opts: { runs?: number } = {}): Promise<SummaryRow[]> {
  const runs = opts.runs ?? envNumber('OUTPATIENT_RUNS', 3000);
  const { xml, patient } = bigUnpaidReply();
  const bytes = Buffer.byteLength(xml);
  const transport = { call: async () => xml };
  const adapter = new HisOutpatientAdapter(new HisClient({ transport, signKey: 'bench-sign-key', maxReplyBytes: 4 * 1024 * 1024 }));

  const visits = await adapter.findUnpaid(patient);
  const rx = visits.flatMap((v) => v.prescriptions);
  const lines = rx.reduce((n, p) => n + p.items.length, 0);
  if (rx.length !== PRESCRIPTIONS || lines !== PRESCRIPTIONS * LINES || visits.length !== VISITS) throw new Error(`read ${rx.length} prescriptions / ${lines} lines / ${visits.length} visits`);

  console.log(`\n== Outpatient unpaid list: ${PRESCRIPTIONS} prescriptions × ${LINES} lines, ${VISITS} visits (${machine()})`);
  console.log(`   findOutpatientPay reply: ${fmt(bytes / 1024, 1)} KB, ${rx.length + lines} <data> elements`);

  const timeRuns = async (n: number, fn: () => unknown) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await fn();
      ms.push(performance.now() - t);
    }
    return ms.sort((a, b) => a - b);
  };
  await timeRuns(Math.min(300, runs), () => adapter.findUnpaid(patient)); // warm-up
  const whole = await timeRuns(runs, () => adapter.findUnpaid(patient));
  const decodeOnly = await timeRuns(Math.max(100, runs / 3), () => decodeXml(xml, { maxBytes: 4 * 1024 * 1024 }));
  // The reply bench/RESULTS.md section 1 times (3-day schedule, 1.05 ms on a quiet machine): a yardstick for how busy this one is.
  const schedule = scheduleReply(3);
  const yardstick = await timeRuns(Math.max(100, runs / 3), () => decodeXml(schedule, { maxBytes: 4 * 1024 * 1024 }));

  const route = await routeRunner(xml);
  const bodyBytes = await route.get();
  await timeRuns(Math.min(200, runs / 5), () => route.get()); // warm-up
  const routed = await timeRuns(Math.max(200, Math.floor(runs / 3)), () => route.get());
  await route.close();
  console.log(`   GET /api/outpatient/fees response: ${fmt(bodyBytes / 1024, 1)} KB JSON`);
  const row = (name: string, s: number[]) => [name, String(s.length), fmt(pct(s, 0.5), 2), fmt(pct(s, 0.99), 2), fmt(s.at(-1)!, 2)];
  console.log(
    table(
      ['step', 'runs', 'p50 ms', 'p99 ms', 'max ms'],
      [
        row('route: GET /api/outpatient/fees (read + render, loopback HTTP)', routed),
        row('decode + map (adapter.findUnpaid)', whole),
        row('of which XML decode + validate', decodeOnly),
        row(`yardstick: ${fmt(Buffer.byteLength(schedule) / 1024, 0)} KB schedule reply decode`, yardstick),
      ],
    ),
  );
  const p99 = pct(routed, 0.99);
  console.log(`p99 ${fmt(p99, 2)} ms of the ${GOAL_MS} ms budget for list read + route rendering (yardstick p50 ${fmt(pct(yardstick, 0.5), 2)} ms: 1.05 on a quiet machine).`);
  return [
    { bench: 'outpatient', metric: `GET /api/outpatient/fees, ${PRESCRIPTIONS}×${LINES} (${fmt(bytes / 1024, 0)} KB reply), p50 / p99 ms`, value: `${fmt(pct(routed, 0.5), 2)} / ${fmt(p99, 2)}`, goal: `≤ ${GOAL_MS} ms p99`, verdict: p99 <= GOAL_MS ? 'met' : 'MISSED' },
    { bench: 'outpatient', metric: `of which findOutpatientPay decode + map, p50 / p99 ms`, value: `${fmt(pct(whole, 0.5), 2)} / ${fmt(pct(whole, 0.99), 2)}`, goal: '—', verdict: 'info' },
  ];
}

if (require.main === module) {
  runOutpatientListBench().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
