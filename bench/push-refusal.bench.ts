/**
 * What a forged push costs us. (1) CPU per refusal of a forged XML push at the 64 KB limit: the
 * signature-first path (one-pass scan, then the signature) against the old path (validate and
 * parse first). (2) /healthz latency while two senders post forged pushes as fast as they can.
 *   npx tsx bench/push-refusal.bench.ts      (PUSH_SECONDS=10 for a longer flood)
 */
import { encodeHisPush } from '../bff/src/adapters/his';
import { readSignedHisPush } from '../bff/src/adapters/his/his-push.codec';
import { decodeXml } from '../bff/src/adapters/his/xml-codec';
import { startTestBff } from '../test/support/bff';
import { envNumber, fmt, machine, median, sleep, table, timeLoop, type SummaryRow } from './lib/util';

/** A forged ReplacePatientCard push padded to about `bytes` with extra data fields. */
function forgedPush(bytes: number): Buffer {
  const fields: Record<string, string> = { hospitalId: 'demoyyadmin', idCard: '11010519491231002X', realName: '张三', oldPatientCard: '000123456', newPatientCard: 'st666' };
  let i = 0;
  while (Buffer.byteLength(encodeHisPush('ReplacePatientCard', fields, 'forger')) < bytes - 64) fields[`pad${i++}`] = 'x'.repeat(40);
  return Buffer.from(encodeHisPush('ReplacePatientCard', fields, 'forger'));
}

export async function runPushRefusalBench(opts: { seconds: number }): Promise<SummaryRow[]> {
  const body = forgedPush(63 * 1024);
  const key = 'demo-his-sign-key-change-me';
  const scan = timeLoop(() => readSignedHisPush(body, 'application/xml', key, { maxBytes: 64 * 1024 }), 500, 1);
  const parse = timeLoop(() => decodeXml(body, { maxBytes: 64 * 1024 }), 500, 1);
  const scanMs = scan.ns / scan.calls / 1e6;
  const parseMs = parse.ns / parse.calls / 1e6;
  console.log(`\n== Forged push refusal, ${body.length} bytes (${machine()})`);
  console.log(table(['path', 'ms per push'], [['signature first (scan + sign)', fmt(scanMs, 3)], ['parse first (validate + parse)', fmt(parseMs, 3)]]));

  const bff = await startTestBff({ name: 'bench-push', config: { pushes: { maxBytes: 64 * 1024, perMinute: 100_000 } } });
  const healthz = async () => {
    const t = performance.now();
    await (await fetch(`${bff.url}/healthz`)).text();
    return performance.now() - t;
  };
  const quiet: number[] = [];
  for (let i = 0; i < 50; i += 1) quiet.push(await healthz());
  let flooding = true;
  let sent = 0;
  const sender = async () => {
    while (flooding) {
      await (await fetch(`${bff.url}/his/pushHisData`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body })).text();
      sent += 1;
    }
  };
  const senders = [sender(), sender()];
  await sleep(200);
  const loaded: number[] = [];
  const until = Date.now() + opts.seconds * 1000;
  while (Date.now() < until) {
    loaded.push(await healthz());
    await sleep(20);
  }
  flooding = false;
  await Promise.all(senders);
  await bff.close();
  const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
  console.log(`\n== /healthz while two senders post forged ${Math.round(body.length / 1024)} KB pushes (${sent} refused in ${opts.seconds} s)`);
  console.log(table(['load', 'median ms', 'p99 ms'], [['quiet', fmt(median(quiet), 2), fmt(p(quiet, 0.99), 2)], ['two senders', fmt(median(loaded), 2), fmt(p(loaded, 0.99), 2)]]));
  return [
    { bench: 'push refusal', metric: 'forged 63 KB push, signature first', value: `${fmt(scanMs, 3)} ms (parse first: ${fmt(parseMs, 3)} ms)`, goal: 'cheap refusal', verdict: scanMs < parseMs ? 'met' : 'MISSED' },
    { bench: 'push refusal', metric: '/healthz p99 under two forged-push senders', value: `${fmt(p(loaded, 0.99), 1)} ms (quiet ${fmt(p(quiet, 0.99), 1)} ms)`, goal: 'stays low (info)', verdict: 'info' },
  ];
}

if (require.main === module) {
  runPushRefusalBench({ seconds: envNumber('PUSH_SECONDS', 5) }).catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
