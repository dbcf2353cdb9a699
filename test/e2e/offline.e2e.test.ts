import type { Page } from 'playwright-core';
import type { TestBff } from '../support/bff';
import { screenshot } from '../support/browser';
import { demoLogin, startE2e, type E2e } from './harness';

describe('H5 offline: a tap that needs a page not loaded yet', () => {
  let e2e: E2e;
  let bff: TestBff;
  let page: Page;
  beforeAll(async () => {
    e2e = await startE2e('e2e-offline');
    ({ bff, page } = e2e);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows 网络连接失败 with 重试, which opens the page once the network is back', async () => {
    await demoLogin(page, bff.url, '离线用户');
    await page.locator('#tile-patients').waitFor({ timeout: 20_000 });
    await page.context().setOffline(true);
    await page.locator('#tile-patients').click();
    const failure = page.locator('#nav-failure');
    await failure.waitFor({ timeout: 15_000 });
    expect(await failure.innerText()).toContain('网络连接失败');
    await screenshot(page, 'offline-nav-failure');
    await page.context().setOffline(false);
    await failure.locator('#state-retry').click();
    await page.locator('#patients-add-bind').waitFor({ timeout: 15_000 });
    expect(await page.locator('#nav-failure').count()).toBe(0);
  }, 90_000);
});
