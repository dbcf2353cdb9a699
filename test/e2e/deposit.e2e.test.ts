import type { Page } from 'playwright-core';
import { depositSeed } from '../../bff/src/adapters/his-deposit';
import type { TestBff } from '../support/bff';
import { fill, screenshot } from '../support/browser';
import { bindZhang, demoLogin, settle, startE2e, tallShot, until, type E2e } from './harness';

const USER = '预交金演示用户';

async function textOf(page: Page, id: string): Promise<string> {
  return (await page.locator(`#${id}`).first().innerText()).trim();
}

describe('H5 demo in a browser: top up the outpatient deposit, then refund part of it back the way it came', () => {
  let e2e: E2e;
  let bff: TestBff;
  let page: Page;
  beforeAll(async () => {
    e2e = await startE2e('e2e-deposit', { orders: { pollSeconds: 1 }, deposit: { stepRetrySeconds: 0.2 } } as never);
    ({ bff, page } = e2e);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('tops up 100.00, refunds 150.00 from two records, and shows each record\'s state', async () => {
    const { token, patientId } = await bindZhang(bff, USER);
    await demoLogin(page, bff.url, USER);

    // home → 门诊预交金: the platform's balance and HIS's records.
    await page.locator('#tile-card-recharge').click();
    await until('the balance', async () => ((await textOf(page, 'deposit-balance').catch(() => '')) === '¥320.00' ? true : undefined), 20_000);
    expect(await textOf(page, 'deposit-status')).toContain('正常');
    await settle(page);
    await tallShot(page, 'deposit-account', 1900);

    // Top up 100.00 on the platform's cashier.
    await fill(page, 'deposit-topup-amount', '100');
    await page.locator('#deposit-topup-submit').click();
    const cashierOrigin = new URL(bff.sims.payment!.baseUrl).origin;
    await page.waitForURL((url) => url.origin === cashierOrigin && url.pathname.startsWith('/cashier/'), { timeout: 20_000 });
    expect(await textOf(page, 'sim-cashier-amount')).toBe('¥100.00');
    await page.locator('#sim-cashier-pay').click();
    await page.waitForURL((url) => url.origin === new URL(bff.url).origin && url.hash.includes('/journeys/orders/pages/detail/index'), { timeout: 20_000 });
    const tradeNo = new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('tradeNo') ?? '';
    await until('HIS lists the top-up', async () => ((await bff.deps.orders.get(tradeNo))?.state === 'posted' ? true : undefined), 30_000);

    // Back to the account: the new balance read again; the top-up is the newest record.
    await page.goto(`${bff.url}/#/journeys/deposit/pages/account/index?patientId=${patientId}`);
    await until('the new balance', async () => ((await textOf(page, 'deposit-balance').catch(() => '')) === '¥420.00' ? true : undefined), 20_000);
    expect(await page.locator('#deposit-record-0').getAttribute('data-record-id')).toBe(tradeNo);

    // Refund 150.00: it comes from the top-up (100.00) and the next newest record (50.00 of 80.00).
    await fill(page, 'deposit-refund-amount', '150');
    await page.locator('#deposit-refund-preview').click();
    await page.locator('#deposit-refund-plan').waitFor({ timeout: 15_000 });
    expect(await textOf(page, 'deposit-plan-0')).toContain('¥100.00');
    expect(await textOf(page, 'deposit-plan-1')).toContain('¥50.00');
    await settle(page);
    await tallShot(page, 'deposit-refund-plan', 1900);
    await page.locator('#deposit-refund-submit').click();

    // Progress per record, until both are back.
    await until('退款完成', async () => ((await textOf(page, 'deposit-refund-state').catch(() => '')) === '退款完成' ? true : undefined), 45_000).catch(async (e: Error) => {
      const latest = await bff.request('GET', `/api/patients/${patientId}/deposit`, { token });
      throw new Error(`${e.message}; the BFF says ${JSON.stringify(latest.body?.refund)}`);
    });
    expect(await textOf(page, 'deposit-part-0-state')).toBe('已退回');
    expect(await textOf(page, 'deposit-part-1-state')).toBe('已退回');
    expect(await textOf(page, 'deposit-part-0')).toContain(tradeNo);
    expect(await textOf(page, 'deposit-part-1')).toContain('CZ2024000105');
    await settle(page);
    await screenshot(page, 'deposit-refund-progress');

    // Both books agree: two platform refunds, two HIS confirmations, nothing left frozen.
    const his = bff.sims.hisDeposit!.ledger;
    expect(his.totals()).toMatchObject({ confirmations: 2, rollbacks: 0, confirmedFen: 15000 });
    expect(his.openFreezes()).toEqual([]);
    expect(his.balanceFen(depositSeed.outpatient.cardNo)).toBe(27000);
    expect(bff.sims.payment!.ledger.account(depositSeed.outpatient.cardNo, '01')!.balanceFen).toBe(27000);

    // The account page in elder mode: the balance and the refund's record states.
    expect((await bff.request('PUT', '/api/me/preferences', { token, body: { elderMode: true } })).status).toBe(200);
    await page.goto(`${bff.url}/#/journeys/deposit/pages/account/index?patientId=${patientId}`);
    await page.reload();
    await page.locator('.page.elder').first().waitFor({ timeout: 15_000 });
    await until('the balance after the refund', async () => ((await textOf(page, 'deposit-balance').catch(() => '')) === '¥270.00' ? true : undefined), 20_000);
    expect(await textOf(page, 'deposit-latest-refund')).toContain('退款完成');
    await tallShot(page, 'deposit-account-elder', 2200);
  }, 180_000);
});
