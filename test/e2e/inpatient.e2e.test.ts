import type { Page } from 'playwright-core';
import { hisInpatientSeed as inp } from '../../bff/src/adapters/his';
import { addDays, beijingDate } from '../../bff/src/domain/time';
import type { TestBff } from '../support/bff';
import { fill, screenshot } from '../support/browser';
import { bindChen } from '../support/inpatient-flow';
import { demoLogin, settle, startE2e, until, type E2e } from './harness';

const USER = '住院演示用户';
const RELATIVE = '住院亲友演示用户';
const r = inp.recent;

async function textOf(page: Page, id: string): Promise<string> {
  return (await page.locator(`#${id}:visible`).first().innerText()).trim();
}
const fen = (text: string) => Math.round(Number(text.replace(/[¥,]/g, '')) * 100);

describe('H5 inpatient journey in a browser', () => {
  let e2e: E2e;
  let bff: TestBff;
  let page: Page;
  let patientId: string;
  beforeAll(async () => {
    e2e = await startE2e('e2e-inpatient', { orders: { pollSeconds: 1 } } as never);
    ({ bff, page } = e2e);
    // 陈晨 bound and her stay linked, through the API.
    const token = await bff.login(USER);
    patientId = (await bindChen(bff, token)).patientId;
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('the stay with its arrears banner → prepay through the cashier → the remaining deposit grows', async () => {
    await demoLogin(page, bff.url, USER);
    await page.locator('#tile-inpatient').click();
    await page.locator('#inp-arrears:visible').waitFor({ timeout: 20_000 });
    expect(await textOf(page, 'inp-ward')).toBe('住院部5楼');
    expect(await textOf(page, 'inp-days')).toBe('3 天');
    const before = fen(await textOf(page, 'inp-remaining'));
    expect(before).toBe(r.depositRemainingFen);
    await settle(page);
    await screenshot(page, 'inpatient-home-arrears');

    await page.locator('#inp-arrears-prepay:visible').click();
    await page.locator('#amount-0:visible').waitFor({ timeout: 15_000 });
    await page.locator('#amount-0:visible').click();
    const amount = fen((await textOf(page, 'amount-0')));
    await settle(page, 300);
    await screenshot(page, 'inpatient-prepay');
    await page.locator('#prepay-submit:visible').click();

    const cashierOrigin = new URL(bff.sims.payment!.baseUrl).origin;
    await page.waitForURL((u) => u.origin === cashierOrigin && u.pathname.startsWith('/cashier/'), { timeout: 20_000 });
    expect(fen(await textOf(page, 'sim-cashier-amount'))).toBe(amount);
    await page.locator('#sim-cashier-pay').click();
    await page.waitForURL((u) => u.origin === new URL(bff.url).origin && u.hash.includes('/journeys/orders/pages/detail/index'), { timeout: 20_000 });
    await until('缴费成功', async () => ((await textOf(page, 'order-status-label').catch(() => '')) === '缴费成功' ? true : undefined), 45_000);

    await page.goto(`${bff.url}/#/journeys/inpatient/pages/deposit/index?patientId=${patientId}`);
    await until('the deposit read again', async () => {
      const t = await textOf(page, 'inp-remaining').catch(() => '');
      return t && fen(t) === before + amount ? true : undefined;
    }, 20_000);
    await settle(page);
    await screenshot(page, 'inpatient-home-after-prepay');
  });

  it("shows yesterday's daily bill by default", async () => {
    await page.locator('#inp-day-bill:visible').click();
    const yesterday = addDays(beijingDate(bff.deps.now()), -1);
    await until('yesterday', async () => ((await textOf(page, 'bill-date').catch(() => '')).startsWith(yesterday) ? true : undefined), 20_000);
    const api = await bff.request('GET', `/api/patients/${patientId}/stay/day-bill?date=${yesterday}`, { token: await bff.login(USER) });
    expect(fen(await textOf(page, 'bill-total'))).toBe(api.body.totalFen);
    expect(await page.locator('[id^="bill-line-"]:visible').count()).toBe(api.body.lines.length);
    await settle(page);
    await screenshot(page, 'inpatient-daily-bill');
  });

  it('family top-up by an unbound account shows only the masked name, department and ward', async () => {
    const other = await e2e.browser.newPage({ viewport: { width: 414, height: 896 } });
    try {
      await demoLogin(other, bff.url, RELATIVE);
      await other.locator('#tile-inpatient').click();
      await other.locator('#inp-family:visible').click();
      await other.locator('#family-serial:visible').waitFor({ timeout: 15_000 });
      await fill(other, 'family-serial', r.serialNumber);
      await fill(other, 'family-name', r.realName);
      await other.locator('#family-lookup:visible').click();
      await other.locator('#family-masked-name:visible').waitFor({ timeout: 15_000 });
      expect(await textOf(other, 'family-masked-name')).toBe('陈*');
      expect(await textOf(other, 'family-ward')).toBe('住院部5楼');
      const shown = await other.locator('.page:visible').first().innerText();
      for (const hidden of ['剩余押金', '已缴押金', r.idCard, r.phone]) expect(shown).not.toContain(hidden);
      await settle(other);
      await screenshot(other, 'inpatient-family');
    } finally {
      await other.close();
    }
  });
});
