import type { Page } from 'playwright-core';
import { yuanToFen } from '@hosp/shared';
import { hisOutpatientSeed as rxSeed, hisSeed as seed } from '../../bff/src/adapters/his';
import type { TestBff } from '../support/bff';
import { screenshot } from '../support/browser';
import { bindZhang, demoLogin, settle, startE2e, tallShot, until, type E2e } from './harness';

const USER = '缴费演示用户';

async function textOf(page: Page, id: string): Promise<string> {
  return (await page.locator(`#${id}`).first().innerText()).trim();
}

/** The number of the first unpaid prescription of today's visit, from the API's list. */
function fees0(r: { body: { unpaid: { clinicNo: string | null; prescriptions: { prescriptionNo: string }[] }[] } }): string {
  return r.body.unpaid.find((v) => v.clinicNo === rxSeed.zhang.todayClinicNo)!.prescriptions[0]!.prescriptionNo;
}

describe('H5 in a browser: pay outpatient fees and top up the one-card through the cashier', () => {
  // Each journey waits on the cashier, HIS posting and polling; on two busy cores that passes 30 s.
  jest.setTimeout(120_000);
  let e2e: E2e;
  let bff: TestBff;
  let page: Page;
  beforeAll(async () => {
    // This hospital takes fees from the one-card too (ecard.payFees), so the choice is shown.
    e2e = await startE2e('e2e-fees', { orders: { pollSeconds: 1 }, ecard: { payFees: true } } as never);
    ({ bff, page } = e2e);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
  });

  const atOrder = (url: URL) => url.origin === new URL(bff.url).origin && url.hash.includes('/journeys/orders/pages/detail/index');
  async function payOnCashier(amount: string): Promise<string> {
    await page.waitForURL(atOrder, { timeout: 20_000 });
    await page.locator('#order-pay').waitFor({ timeout: 20_000 });
    expect(await textOf(page, 'order-amount')).toBe(amount);
    await page.locator('#order-pay').click();
    const cashierOrigin = new URL(bff.sims.payment!.baseUrl).origin;
    await page.waitForURL((url) => url.origin === cashierOrigin && url.pathname.startsWith('/cashier/'), { timeout: 20_000 });
    expect(await textOf(page, 'sim-cashier-amount')).toBe(amount);
    await page.locator('#sim-cashier-pay').click();
    await page.waitForURL(atOrder, { timeout: 20_000 });
    return new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('tradeNo') ?? '';
  }

  it('pays two of three prescriptions of today’s visit and shows the pharmacy window', async () => {
    const { token } = await bindZhang(bff, USER);
    const patientId = (await bff.request('GET', '/api/patients', { token })).body.patients[0].id as string;
    const fees = (await bff.request('GET', `/api/outpatient/fees?patientId=${patientId}`, { token })).body;
    const vi = fees.unpaid.findIndex((v: { clinicNo: string }) => v.clinicNo === rxSeed.zhang.todayClinicNo);
    expect(vi).toBeGreaterThanOrEqual(0);

    await demoLogin(page, bff.url, USER);
    // Visit list → that visit's unpaid list (item lines) → choose → total → the order confirms it → cashier.
    await page.locator('#tile-outpatient-pay').click();
    await page.locator(`#fees-visit-${vi}`).waitFor({ timeout: 20_000 });
    expect(await page.locator(`#fees-visit-${vi}`).innerText()).toContain(`合计 ¥${(fees.unpaid[vi].totalFen / 100).toFixed(2)}`);
    expect(await page.locator(`#fees-visit-${vi}`).getAttribute('role')).toBe('link');
    await settle(page);
    await tallShot(page, 'fees-visits', 1200);
    await page.locator(`#fees-visit-${vi}`).click();
    await page.waitForURL((url) => url.hash.includes('/journeys/outpatient/pages/unpaid/index'), { timeout: 20_000 });
    await page.locator('#fees-rx-0-1').waitFor({ timeout: 20_000 });
    expect(await page.locator('#fees-unpaid-0').innerText()).toContain('阿司匹林肠溶片');
    expect(await page.locator('#fees-unpaid-1').count()).toBe(0);
    // Online payment is the default; the card's balance is shown beside its option.
    expect(await page.locator('#fees-pay-platform').getAttribute('aria-checked')).toBe('true');
    expect(await textOf(page, 'fees-pay-ecard')).toContain(`¥${(seed.outpatient.balanceFen / 100).toFixed(2)}`);
    await page.locator('#fees-rx-0-1').click();
    // The keyboard chooses too.
    await page.locator('#fees-rx-0-2').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#fees-rx-0-1').getAttribute('aria-checked')).toBe('true');
    expect(await page.locator('#fees-rx-0-2').getAttribute('aria-checked')).toBe('true');
    const two = rxSeed.zhang.todayFen[1] + rxSeed.zhang.todayFen[2];
    const amount = `¥${(two / 100).toFixed(2)}`;
    expect(await textOf(page, 'fees-total')).toContain(amount);
    await settle(page);
    await tallShot(page, 'fees-list', 1900);
    await page.locator('#fees-submit').click();

    const tradeNo = await payOnCashier(amount);
    await until('缴费成功', async () => ((await textOf(page, 'order-status-label')) === '缴费成功' ? true : undefined), 45_000);
    await page.locator('#order-window-no').waitFor({ timeout: 15_000 });
    expect(await textOf(page, 'order-window-no')).toBe(rxSeed.places.pharmacyWindow);
    expect(await textOf(page, 'order-where-next')).toContain('取药');
    await tallShot(page, 'fees-paid', 1900);
    expect(bff.sims.payment!.ledger.charge(tradeNo)!.amountFen).toBe(two);
    expect(bff.sims.his!.ledger.bookedCount(tradeNo)).toBe(1);
    const left = (await bff.request('GET', `/api/outpatient/fees?patientId=${patientId}`, { token })).body.unpaid[vi].prescriptions;
    expect(left.map((p: { amountFen: number }) => p.amountFen)).toEqual([rxSeed.zhang.todayFen[0]]);
  });

  it('pays the last prescription from the one-card: a balance too small is explained and nothing is taken; with enough, paid at once with the window shown', async () => {
    const token = await bff.login(USER);
    const patientId = (await bff.request('GET', '/api/patients', { token })).body.patients[0].id as string;
    const his = bff.sims.his!;
    const card = his.state.patients.get(seed.outpatient.patientCard)!;
    const fee = rxSeed.zhang.todayFen[0];
    expect(seed.outpatient.balanceFen).toBeLessThan(fee);
    const choose = async () => {
      await page.goto(`${bff.url}/#/journeys/outpatient/pages/unpaid/index?patientId=${patientId}&visitKey=${rxSeed.zhang.todayHisRegisterId}`);
      await page.locator('#fees-rx-0-0').waitFor({ timeout: 20_000 });
      await page.locator('#fees-rx-0-0').click();
      await page.locator('#fees-pay-ecard').click();
      expect(await page.locator('#fees-pay-ecard').getAttribute('aria-checked')).toBe('true');
      await page.locator('#fees-submit').click();
      // Taken at once: the total is confirmed before.
      await page.locator('.taro-modal__content').filter({ hasText: `合计 ¥${(fee / 100).toFixed(2)}` }).waitFor({ timeout: 10_000 });
      await page.locator('.taro-modal__foot').getByText('确认支付', { exact: true }).click();
    };
    await choose();
    // HIS's own words, and that nothing was taken.
    await page.locator('.taro-modal__content').filter({ hasText: '一卡通余额不足' }).filter({ hasText: '未扣款' }).waitFor({ timeout: 20_000 });
    await settle(page);
    await screenshot(page, 'fees-ecard-refused');
    await page.locator('.taro-modal__foot').getByText('知道了', { exact: true }).click();
    expect(yuanToFen(card.eCardBalance)).toBe(seed.outpatient.balanceFen);
    expect(his.state.outpatient.prescriptions.get(fees0(await bff.request('GET', `/api/outpatient/fees?patientId=${patientId}`, { token })))!.status).not.toBe('paid');

    card.eCardBalance = '1000.00';
    await choose();
    await page.waitForURL(atOrder, { timeout: 20_000 });
    await until('缴费成功', async () => ((await textOf(page, 'order-status-label')) === '缴费成功' ? true : undefined), 30_000);
    expect(await textOf(page, 'order-where-next')).toMatch(/检查|取药/);
    const tradeNo = new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('tradeNo') ?? '';
    expect(his.ledger.bookedCount(tradeNo)).toBe(1);
    expect(his.calls.find((c) => c.method === 'outpatientPay' && c.fields.tradeNo === tradeNo)!.fields.payType).toBe('eCardPay');
    expect(bff.sims.payment!.ledger.charge(tradeNo)).toBeUndefined();
    expect(yuanToFen(card.eCardBalance)).toBe(100_000 - fee);
    await tallShot(page, 'fees-ecard-paid', 1900);
  });

  it('a fee notice’s link, old or new, opens the patient’s unpaid list', async () => {
    const token = await bff.login(USER);
    const patientId = (await bff.request('GET', '/api/patients', { token })).body.patients[0].id as string;
    for (const at of ['list', 'unpaid']) {
      await page.goto(`${bff.url}/#/journeys/outpatient/pages/${at}/index?patientId=${patientId}`);
      await page.waitForURL((url) => url.hash.includes('/journeys/outpatient/pages/unpaid/index'), { timeout: 20_000 });
      // The patient's whole unpaid list (every visit), not one visit's: yesterday's visit is on it.
      const shown = page.locator('.fee-visit:visible').filter({ hasText: rxSeed.zhang.yesterdayClinicNo });
      await shown.waitFor({ timeout: 20_000 });
      expect(await shown.getAttribute('role')).toBe('group');
    }
  });

  it('tops up the one-card and shows the new balance read from HIS', async () => {
    await page.goto(`${bff.url}/#/pages/home/index`);
    await page.locator('#tile-ecard').click();
    await page.locator('#ecard-balance').waitFor({ timeout: 20_000 });
    const before = yuanToFen(bff.sims.his!.state.patients.get(seed.outpatient.patientCard)!.eCardBalance);
    expect(await textOf(page, 'ecard-balance')).toBe(`¥${(before / 100).toFixed(2)}`);
    await page.locator('#ecard-amount-5000').click();
    await settle(page);
    await screenshot(page, 'ecard-amount');
    await page.locator('#ecard-submit').click();
    const tradeNo = await payOnCashier('¥50.00');
    await until('充值成功', async () => ((await textOf(page, 'order-status-label')) === '充值成功' ? true : undefined), 45_000);
    await page.locator('#order-ecard-balance').waitFor({ timeout: 15_000 });
    expect(await textOf(page, 'order-ecard-balance')).toBe(`¥${((before + 5000) / 100).toFixed(2)}`);
    await tallShot(page, 'ecard-recharged', 1900);
    expect(bff.sims.his!.ledger.bookedCount(tradeNo)).toBe(1);
  });
});
