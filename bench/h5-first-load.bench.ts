/**
 * H5 first load as a browser receives it from the demo BFF (`npm start` serves client/dist/h5
 * through the same middleware): Chromium opens `/` on a phone-sized page, and every response until
 * the login page is interactive is summed — bytes on the wire (compressed, as sent) and decoded.
 * A second visit shows what the year-long cache of hashed files saves.
 *   npx tsx bench/h5-first-load.bench.ts        (after npm run build:h5)
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig } from '@hosp/config';
import type { Page, Response } from 'playwright-core';
import { createLogger } from '../bff/src/logger';
import { startServer } from '../bff/src/server';
import { launchBrowser } from '../test/support/browser';
import type { SummaryRow } from './lib/util';

const H5 = resolve(__dirname, '../client/dist/h5');

interface Load {
  requests: number;
  wireBytes: number;
  decodedBytes: number;
  fromCache: number;
}

async function measure(page: Page, url: string): Promise<Load> {
  const responses: Response[] = [];
  const onResponse = (r: Response) => responses.push(r);
  page.on('response', onResponse);
  await page.goto(url);
  await page.locator('#login-demo-name').waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  const load: Load = { requests: 0, wireBytes: 0, decodedBytes: 0, fromCache: 0 };
  for (const r of responses) {
    if (!/\.(js|css|html)$|\/$/.test(new URL(r.url()).pathname)) continue;
    load.requests += 1;
    if (r.fromServiceWorker() || r.status() === 304) load.fromCache += 1;
    const sizes = await r.request().sizes();
    load.wireBytes += sizes.responseBodySize + sizes.responseHeadersSize;
    load.decodedBytes += (await r.body().catch(() => Buffer.alloc(0))).length;
  }
  return load;
}

export async function runH5FirstLoadBench(): Promise<SummaryRow[]> {
  if (!existsSync(join(H5, 'index.html'))) throw new Error('client/dist/h5 is missing: run `npm run build:h5` first');
  const dir = mkdtempSync(join(tmpdir(), 'bench-h5-'));
  const bff = await startServer(
    parseConfig({ mode: 'demo', server: { host: '127.0.0.1', port: 0, publicDir: H5 }, database: { sqlitePath: join(dir, 'bench.db') }, log: { level: 'silent' } }),
    { log: createLogger('silent') },
  );
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 414, height: 896 } });
    const page = await context.newPage();
    const first = await measure(page, `${bff.url}/`);
    const second = await measure(page, `${bff.url}/`);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`\n== H5 first load from the BFF (Chromium, 414×896, until the login page is interactive)`);
    console.log(`first visit: ${first.requests} files, ${first.wireBytes} B on the wire (${kb(first.wireBytes)}, headers included), ${first.decodedBytes} B decoded (${kb(first.decodedBytes)})`);
    console.log(`second visit: ${second.requests} files asked, ${second.wireBytes} B on the wire (hashed files from the browser cache)`);
    return [
      { bench: 'h5', metric: 'first load on the wire', value: `${first.wireBytes} B (${kb(first.wireBytes)})`, goal: 'compressed', verdict: first.wireBytes < first.decodedBytes / 2 ? 'met' : 'MISSED' },
      { bench: 'h5', metric: 'second visit on the wire', value: `${second.wireBytes} B`, goal: 'hashed files cached', verdict: second.wireBytes < first.wireBytes / 5 ? 'met' : 'MISSED' },
    ];
  } finally {
    await browser.close();
    await bff.close();
  }
}

if (require.main === module) {
  runH5FirstLoadBench().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
