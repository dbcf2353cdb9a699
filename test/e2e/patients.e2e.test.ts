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
    // Proof of ownership: the privacy documents first, then the code sent to the phone HIS holds.
    await page.locator('#bind-submit').click();
    await page.locator('#consent-error').waitFor({ timeout: 10_000 });
    await page.locator('#consent-agree-box').click();
    await page.locator('#bind-submit').click();
    await page.locator('#bind-code-sent').waitFor({ timeout: 15_000 });
    expect(await page.locator('#bind-code-sent').innerText()).toContain('138****8000');
    await screenshot(page, 'patients-bind-code');
    const code = bff.sims.sms!.latestCode(zhang.phone)!;
    expect(code).toMatch(/^\d{6}$/);
    await fill(page, 'bind-code', code === '000000' ? '111111' : '000000');
    await page.locator('#bind-submit').click();
    await page.locator('#bind-code-error').waitFor({ timeout: 10_000 });
    expect(await page.locator('#bind-code-error').innerText()).toContain('验证码不正确');
    await fill(page, 'bind-code', code);
    await page.locator('#bind-submit').click();

    const masked = page.locator('.patient-id-masked').first();
    await masked.waitFor({ timeout: 15_000 });
    expect(await masked.innerText()).toContain('110105********1239');
    expect(await page.content()).not.toContain(zhang.idCard);
    await screenshot(page, 'patients-list');

    // The binding reached HIS and our database, and the consent was recorded with its versions.
    expect(bff.sims.his!.calls.some((c) => c.method === 'checkPatientCard')).toBe(true);
    const consents = await bff.deps.store.db.selectFrom('account_consents').select(['document', 'version']).execute();
    expect(consents.map((c) => c.document).sort()).toEqual(['privacy-policy', 'user-agreement']);

    await page.goto(`${bff.url}/#/pages/home/index`);
    await page.locator('#tab-me:visible').click();
    const toggle = page.locator('#me-elder-switch:visible');
    await toggle.waitFor();
    // 我的 links the privacy policy.
    await page.locator('#me-privacy-policy:visible').click();
    await page.locator('#legal-version').waitFor({ timeout: 15_000 });
    expect(await page.locator('#legal-document').innerText()).toContain('身份证号');
    await page.goBack();
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
