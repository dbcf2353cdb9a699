import type { Page } from 'playwright-core';
import { hisSeed as seed } from '../../bff/src/adapters/his';
import type { TestBff } from '../support/bff';
import { fill, screenshot } from '../support/browser';
import { demoLogin, startE2e, type E2e } from './harness';

describe('H5 demo in a browser: log in, bind a patient, elder mode', () => {
  let e2e: E2e;
  let bff: TestBff;
  let page: Page;
  beforeAll(async () => {
    e2e = await startE2e('e2e-patients');
    ({ bff, page } = e2e);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('completes the journey', async () => {
    const zhang = seed.outpatient;
    await demoLogin(page, bff.url, '演示用户');

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
