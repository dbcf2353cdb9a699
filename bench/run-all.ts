/**
 * Runs every benchmark in sequence with short defaults and prints a summary table.
 *   npm run bench                       (~2 minutes)
 *   BENCH_LONG=1 npm run bench          (the durations: 60 s HIS load, longer autocannon, more orders)
 * Individual knobs (BENCH_SECONDS, CATALOGUE_SECONDS, PIPELINE_ORDERS, XML_MS, …) override either.
 * BENCH_ONLY=xml,catalogue,his,pipeline,outpatient,h5,push,check,reconcile picks a subset.
 */
import { runCatalogueBench } from './catalogue-read.bench';
import { runHisLoadBench } from './his-load.bench';
import { runPipelineBench } from './order-pipeline.bench';
import { envNumber, machine, table, type SummaryRow } from './lib/util';
import { runOutpatientListBench } from './outpatient-list.bench';
import { runXmlBench } from './xml-codec.bench';
import { runH5FirstLoadBench } from './h5-first-load.bench';
import { runPushRefusalBench } from './push-refusal.bench';
import { runCheckAccountBench } from './check-account.bench';
import { runReconcileBench } from './reconcile.bench';

async function main(): Promise<void> {
  const long = process.env.BENCH_LONG === '1';
  const only = process.env.BENCH_ONLY?.split(',');
  const want = (name: string) => !only || only.includes(name);
  const rows: SummaryRow[] = [];
  const started = Date.now();
  console.log(`Benchmarks on ${machine()} — ${long ? 'long' : 'short'} defaults`);
  if (want('xml')) rows.push(...(await runXmlBench({ roundMs: envNumber('XML_MS', long ? 1000 : 300), rounds: envNumber('XML_ROUNDS', 5) })).summary);
  if (want('catalogue')) rows.push(...(await runCatalogueBench({ seconds: envNumber('CATALOGUE_SECONDS', long ? 10 : 4), rounds: envNumber('CATALOGUE_ROUNDS', 3) })));
  if (want('his')) rows.push(...(await runHisLoadBench({ seconds: envNumber('BENCH_SECONDS', long ? 60 : 15) })));
  if (want('outpatient')) rows.push(...(await runOutpatientListBench({ runs: envNumber('OUTPATIENT_RUNS', long ? 10000 : 3000) })));
  if (want('pipeline')) {
    rows.push(...(await runPipelineBench({ orders: envNumber('PIPELINE_ORDERS', long ? 5000 : 1000) })));
    // The same with HIS taking 100 ms per payment notice, as real ones do, at the default batch of 20:
    // where the time goes is waiting on HIS, which a second instance overlaps.
    rows.push(...(await runPipelineBench({ orders: long ? 3000 : 1500, stores: ['pg1', 'pg2'], hisDelayMs: 100, batch: 20 })));
  }
  if (want('h5')) rows.push(...(await runH5FirstLoadBench()));
  if (want('push')) rows.push(...(await runPushRefusalBench({ seconds: envNumber('PUSH_SECONDS', long ? 20 : 5) })));
  if (want('check')) rows.push(...(await runCheckAccountBench({ trades: envNumber('CHECK_TRADES', long ? 100_000 : 20_000), runs: envNumber('CHECK_RUNS', 3) })));
  // The sizes either way (100,000 and 10×): the ratio is the point.
  if (want('reconcile')) rows.push(...(await runReconcileBench({ trades: envNumber('RECON_TRADES', 100_000), factor: envNumber('RECON_FACTOR', 10), runs: envNumber('RECON_RUNS', 3) })));
  console.log(`\n== Summary (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.log(table(['bench', 'metric', 'value', 'goal', 'verdict'], rows.map((r) => [r.bench, r.metric, r.value, r.goal, r.verdict])));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
