import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ConfigInput } from '@hosp/config';
import { hisSeed as seed } from '../../bff/src/adapters/his';
import { startTestBff, type TestBff } from '../support/bff';
import { fill, launchBrowser, screenshot } from '../support/browser';

/** What the browser tests share: the H5 build served by a test BFF, one browser page, the demo login. */
export const H5 = resolve(__dirname, '../../client/dist/h5');

export interface E2e {
  bff: TestBff;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function startE2e(name: string, config: Partial<ConfigInput> = {}): Promise<E2e> {
  if (!existsSync(resolve(H5, 'index.html'))) throw new Error('client/dist/h5 is missing: run `npm run build:h5` first (npm test does)');
  const bff = await startTestBff({ name, config: { ...config, server: { host: '127.0.0.1', port: 0, publicDir: H5 } } as never });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 414, height: 896 } });
  // The page runs under the BFF's Content-Security-Policy: anything it blocks fails the test.
  const blocked: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) blocked.push(msg.text());
  });
  return {
    bff,
    browser,
    page,
    async close() {
      await browser.close();
      await bff.close();
      if (blocked.length > 0) throw new Error(`the CSP blocked: ${blocked.join(' | ')}`);
    },
  };
}

/** Logs the browser in through the demo login form. */
export async function demoLogin(page: Page, url: string, user: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.locator('#login-demo-name').waitFor({ timeout: 20_000 });
  await fill(page, 'login-demo-name', user);
  await page.locator('#login-demo-submit').click();
}

/** Binds the seeded 张三 to the demo account `user` through the API; returns the token and patient id. */
export async function bindZhang(bff: TestBff, user: string): Promise<{ token: string; patientId: string }> {
  const zhang = seed.outpatient;
  const token = await bff.login(user);
  const bound = await bff.bind(token, zhang, 'self');
  if (bound.status !== 200) throw new Error(`bind failed: ${JSON.stringify(bound.body)}`);
  return { token, patientId: bound.body.id as string };
}

export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Taro H5 slides pages in: let the transition end so a screenshot shows one page. */
export async function settle(page: Page, ms = 800): Promise<void> {
  await page.waitForTimeout(ms);
}

/** Long pages scroll inside Taro's page container: a tall viewport shows all of it. */
export async function tallShot(page: Page, name: string, height = 1500): Promise<void> {
  await page.setViewportSize({ width: 414, height });
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.querySelectorAll('.taro_page, .taro_router, body, html').forEach((el) => (el.scrollTop = 0));
  });
  await settle(page, 300);
  await screenshot(page, name);
  await page.setViewportSize({ width: 414, height: 896 });
}
