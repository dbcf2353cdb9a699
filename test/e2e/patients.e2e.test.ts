import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hisSeed as seed } from '../../bff/src/adapters/his';
import { startTestBff, type TestBff } from '../support/bff';
import { fill, launchBrowser, screenshot } from '../support/browser';

const H5 = resolve(__dirname, '../../client/dist/h5');

describe('H5 demo in a browser: log in, bind a patient, elder mode', () => {
  let bff: TestBff;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    if (!existsSync(resolve(H5, 'index.html'))) throw new Error('client/dist/h5 is missing: run `npm run build:h5` first (npm test does)');
    bff = await startTestBff({ name: 'e2e-patients', config: { server: { host: '127.0.0.1', port: 0, publicDir: H5 } } as never });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 414, height: 896 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await bff?.close();
  });

  it('completes the journey', async () => {
    const zhang = seed.outpatient;
    await page.goto(`${bff.url}/`);
    await page.locator('#login-demo-name').waitFor({ timeout: 20_000 });
    await fill(page, 'login-demo-name', '演示用户');
    await page.locator('#login-demo-submit').click();

    await page.locator('#tile-patients').click();
    await page.locator('#patients-add-bind').click();
    await fill(page, 'bind-realName', zhang.realName);
    await fill(page, 'bind-idNumber', zhang.idCard);
    await fill(page, 'bind-phone', zhang.phone);
    await fill(page, 'bind-patientCard', zhang.patientCard);
    await page.locator('#bind-relation-self').click();
    await page.locator('#bind-submit').click();

    const masked = page.locator('.patient-id-masked').first();
    await masked.waitFor({ timeout: 15_000 });
    expect(await masked.innerText()).toContain('110105********1239');
    expect(await page.content()).not.toContain(zhang.idCard);
    await screenshot(page, 'patients-list');

    // The binding reached HIS and our database.
    expect(bff.sims.his!.calls.some((c) => c.method === 'checkPatientCard')).toBe(true);

    await page.goto(`${bff.url}/#/pages/home/index`);
    await page.locator('#tab-me:visible').click();
    const toggle = page.locator('#me-elder-switch:visible');
    await toggle.waitFor();
    await toggle.click();
    await page.locator('.page.elder').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'elder-mode');

    // Kept per account on the server: a fresh load still shows it.
    await page.reload();
    await page.locator('.page.elder').first().waitFor({ timeout: 15_000 });
    const accounts = await bff.deps.store.db.selectFrom('accounts').select(['elder_mode']).where('subject', '=', 'demo:演示用户').execute();
    expect(accounts).toEqual([{ elder_mode: 1 }]);
  }, 90_000);
});
