import type { Page } from 'playwright-core';
import { hisSeed as seed } from '../../bff/src/adapters/his';
import type { TestBff } from '../support/bff';
import { fill, screenshot } from '../support/browser';
import { bindZhang, demoLogin, settle, startE2e, tallShot, until, type E2e } from './harness';

/** The browser logs in as this demo user through the UI; the API calls below use the same account. */
const USER = '预约演示用户';


async function textOf(page: Page, id: string): Promise<string> {
  return (await page.locator(`#${id}`).first().innerText()).trim();
}

describe('H5 demo in a browser: book a doctor, pay on the cashier, cancel and get refunded', () => {
  let e2e: E2e;
  let bff: TestBff;
  let page: Page;
  beforeAll(async () => {
    e2e = await startE2e('e2e-booking', { orders: { pollSeconds: 1 } } as never);
    ({ bff, page } = e2e);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('completes the journey', async () => {
    // The account and its patient 张三, through the API.
    const zhang = seed.outpatient;
    const { token } = await bindZhang(bff, USER);

    // Pick, from the API, 陈建国 (D011A)'s afternoon on a day that is not today, and its first free time point.
    const list = await bff.request('GET', '/api/catalogue/schedules?departmentCode=NK01', { token });
    expect(list.status).toBe(200);
    const today: string = list.body.today;
    const schedule = (list.body.schedules as { scheduleId: string; doctorCode: string | null; period: string | null; date: string; status: string; feeFen: number }[]).find(
      (s) => s.doctorCode === 'D011A' && s.period === '下午' && s.date > today && s.status === 'open',
    );
    if (!schedule) throw new Error('no open afternoon schedule of D011A after today');
    expect(schedule.feeFen).toBe(5000);
    const slots = await bff.request('GET', `/api/catalogue/slots?departmentCode=NK01&scheduleId=${schedule.scheduleId}`, { token });
    expect(slots.status).toBe(200);
    expect(slots.body.timeSlotsUsed).toBe(true);
    const slotIndex = (slots.body.slots as { available: boolean }[]).findIndex((s) => s.available);
    expect(slotIndex).toBeGreaterThanOrEqual(0);

    // The browser: log in as the same demo user.
    await demoLogin(page, bff.url, USER);

    // home → 预约挂号 → 心血管内科 → the day → 陈建国's afternoon → a time point.
    await page.locator('#tile-booking').click();
    await page.locator('#dept-NK01').click();
    await page.locator(`#date-${today}`).waitFor({ timeout: 15_000 });
    await page.locator(`#date-${schedule.date}`).click();
    const item = page.locator(`#schedule-${schedule.scheduleId}`);
    await item.waitFor();
    expect(await item.innerText()).toContain('¥50.00');
    await settle(page);
    await screenshot(page, 'booking-schedules');
    await item.click();
    await page.locator(`#slot-${slotIndex}`).click();

    // Confirm: the schedule's fee; the patient; 确认并支付.
    await page.locator('#confirm-patient-0').click();
    expect(await page.locator('#confirm-patient-0').innerText()).toContain(zhang.realName);
    expect(await textOf(page, 'confirm-fee')).toBe('¥50.00');
    await settle(page);
    await screenshot(page, 'booking-confirm');
    await page.locator('#confirm-submit').click();

    // The place is locked first: the order page shows HIS's exact amount (¥40.00, not the ¥50.00 fee,
    // said plainly) and the time left, and nothing is charged until the patient pays.
    const atOrder = (url: URL) => url.origin === new URL(bff.url).origin && url.hash.includes('/journeys/orders/pages/detail/index');
    await page.waitForURL(atOrder, { timeout: 20_000 });
    await page.locator('#order-pay').waitFor({ timeout: 20_000 });
    expect(await textOf(page, 'order-amount')).toBe('¥40.00');
    expect(await textOf(page, 'order-price-note')).toContain('¥50.00');
    expect(await textOf(page, 'order-countdown')).toMatch(/请在 \d+分\d+秒 内完成支付/);
    const lockedTradeNo = new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('tradeNo') ?? '';
    expect(bff.sims.payment!.ledger.charges.has(lockedTradeNo)).toBe(false);
    await settle(page);
    await screenshot(page, 'booking-locked');
    await page.locator('#order-pay').click();

    // The payment platform's cashier (another 127.0.0.1 port): HIS's lock amount, not the fee.
    const cashierOrigin = new URL(bff.sims.payment!.baseUrl).origin;
    const atCashier = (url: URL) => url.origin === cashierOrigin && url.pathname.startsWith('/cashier/');
    await page.waitForURL(atCashier, { timeout: 20_000 });
    const cashierPath = new URL(page.url()).pathname;

    // The browser's back button returns to the order; paying again reuses the same charge (the
    // platform's rule: one outChargeNo per order), and the confirm page's requestId would return the
    // same order, never a second slot.
    const chargesBefore = bff.sims.payment!.ledger.charges.size;
    await page.goBack();
    await page.locator('#order-pay').waitFor({ timeout: 20_000 });
    await page.locator('#order-pay').click();
    await page.waitForURL(atCashier, { timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe(cashierPath);
    expect(bff.sims.payment!.ledger.charges.size).toBe(chargesBefore);
    const orders = await bff.request('GET', '/api/orders', { token });
    expect(orders.status).toBe(200);
    expect(orders.body.orders).toHaveLength(1);

    expect(await textOf(page, 'sim-cashier-amount')).toBe('¥40.00');
    await page.locator('#sim-cashier-pay').click();

    // Back on the order: 已支付，正在与医院确认 turns into 预约成功 with a queue number.
    await page.waitForURL((url) => url.origin === new URL(bff.url).origin && url.hash.includes('/journeys/orders/pages/detail/index'), { timeout: 20_000 });
    const tradeNo = new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('tradeNo') ?? '';
    expect(tradeNo).toMatch(/^EH\d{18}$/);
    await page.locator('#order-status-label').waitFor({ timeout: 20_000 });
    await until('预约成功', async () => ((await textOf(page, 'order-status-label')) === '预约成功' ? true : undefined), 45_000).catch(async (e: Error) => {
      // Say where it stopped: the page's label and the BFF's view of the order.
      const seen = await textOf(page, 'order-status-label').catch(() => '(no label)');
      const order = await bff.request('GET', `/api/orders/${tradeNo}`, { token });
      throw new Error(`${e.message}; the page shows 「${seen}」; the BFF says ${JSON.stringify(order.body?.status ?? order.body)} timeline ${JSON.stringify(order.body?.timeline)}`);
    });
    await until('a queue number', async () => (/\d+/.test(await textOf(page, 'order-queue-no')) ? true : undefined), 15_000);
    expect(await textOf(page, 'order-amount')).toBe('¥40.00');
    expect(await textOf(page, 'order-department')).toBe('心血管内科');
    expect(await textOf(page, 'order-doctor')).toBe('陈建国');
    await tallShot(page, 'booking-success', 1900);

    // 取消预约 → 确定: HIS cancels, the refund is recorded and shown.
    await page.locator('#order-cancel').click();
    await page.locator('.taro-modal__foot').getByText('确定', { exact: true }).click();
    await until('退款中 / 已退款', async () => (['退款中', '已退款'].includes(await textOf(page, 'order-status-label')) ? true : undefined), 20_000);
    const refund = page.locator('#order-refund-0');
    await refund.waitFor({ timeout: 20_000 });
    expect(await refund.innerText()).toContain('¥40.00');
    expect(await refund.innerText()).toMatch(/退款单号\s*\S+/);
    await settle(page, 2_000); // the toast fades
    await tallShot(page, 'booking-refund', 1900);

    // One refund of 4000 fen at the platform; HIS booked the payment exactly once.
    const refunds = await until('the platform refund', () => {
      const r = bff.sims.payment!.ledger.refundsOf(tradeNo);
      return r.length > 0 ? r : undefined;
    });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(bff.sims.payment!.ledger.refundsOf(tradeNo)).toHaveLength(1);
    expect(refunds[0]!.amountFen).toBe(4000);
    // The number the patient sees is the one the platform refunded under.
    expect(await refund.innerText()).toContain(refunds[0]!.outRefundNo);
    expect(bff.sims.his!.ledger.bookedCount(tradeNo)).toBe(1);

    // 我的订单, in elder mode (the account's preference, applied on the next load).
    expect((await bff.request('PUT', '/api/me/preferences', { token, body: { elderMode: true } })).status).toBe(200);
    await page.goto(`${bff.url}/#/pages/home/index`);
    await page.reload();
    await page.locator('.page.elder').first().waitFor({ timeout: 15_000 });
    await page.locator('#tile-orders').click();
    const first = page.locator('#orders-item-0');
    await first.waitFor({ timeout: 15_000 });
    expect(await first.getAttribute('data-trade-no')).toBe(tradeNo);
    expect(await first.innerText()).toContain('¥40.00');
    expect(await first.innerText()).toMatch(/退款中|已退款/);
    await settle(page);
    await screenshot(page, 'orders-list-elder');
    await page.goto(`${bff.url}/#/journeys/booking/pages/schedules/index?departmentCode=NK01&departmentName=${encodeURIComponent('心血管内科')}`);
    await page.locator(`#date-${schedule.date}`).click();
    await page.locator(`#schedule-${schedule.scheduleId}`).waitFor();
    await settle(page);
    await screenshot(page, 'booking-schedules-elder');

    // A sold-out schedule (王磊, 普通外科, tomorrow morning) shows 约满 and does not open.
    const wk = await bff.request('GET', '/api/catalogue/schedules?departmentCode=WK01', { token });
    const full = (wk.body.schedules as { scheduleId: string; date: string; status: string }[]).find((s) => s.status === 'full');
    if (!full) throw new Error('no sold-out schedule in WK01');
    await page.goto(`${bff.url}/#/journeys/booking/pages/schedules/index?departmentCode=WK01&departmentName=${encodeURIComponent('普通外科')}`);
    await page.locator(`#date-${full.date}`).click();
    const fullItem = page.locator(`#schedule-${full.scheduleId}`);
    await fullItem.waitFor();
    expect(await fullItem.innerText()).toContain('约满');
    expect(await fullItem.getAttribute('class')).toContain('schedule--disabled');
    await fullItem.click({ force: true }); // disabled (aria-disabled): a tap must do nothing
    await settle(page);
    expect(page.url()).toContain('/journeys/booking/pages/schedules/index');
  }, 150_000);
});
