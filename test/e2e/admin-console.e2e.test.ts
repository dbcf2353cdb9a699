import { readFileSync } from 'node:fs';
import { DEMO_OPERATOR } from '@hosp/config';
import type { Browser, Page } from 'playwright-core';
import { startTestBff, type TestBff } from '../support/bff';
import { launchBrowser, screenshot } from '../support/browser';
import { bookOne, FAST_ORDERS, waitForState } from '../support/booking-flow';
import { axeViolations } from './a11y-support';
import { until } from './harness';
import { beijingDate } from '../../bff/src/domain/time';
import { runReconciliation } from '../../bff/src/workflows/finance/reconciliation.workflow';

/**
 * The operator console in a real browser, under the BFF's CSP: the demo operator logs in, finds
 * an order that a HIS fault left in attention with its reason, refunds it with a note, sees the
 * timeline and the audit trail say so; filters the day's reconciliation and exports it as CSV; axe
 * finds no violation on any console page.
 */
describe('operator console in the browser', () => {
  let bff: TestBff;
  let browser: Browser;
  let page: Page;
  const blocked: string[] = [];
  let tradeNo = '';

  beforeAll(async () => {
    bff = await startTestBff({ name: 'e2e-console', config: { ...FAST_ORDERS, orders: { ...FAST_ORDERS.orders, postingWindowHours: 0.00005 } } as never });
    // HIS refuses the posting and cannot say whether it has the order: the window ends, a person decides.
    const o = await bookOne(bff);
    tradeNo = o.tradeNo;
    bff.sims.his!.faults.inject('subscriptionPay', { kind: 'http500', times: 1000 });
    bff.sims.his!.faults.inject('queryOrderStatus', { kind: 'http500', times: 1000 });
    await bff.sims.payment!.pay(tradeNo);
    await waitForState(bff, tradeNo, ['attention'], 20_000);
    bff.sims.his!.faults.clear();
    // A push no patient matches, with an ID number the console must never show.
    await bff.sims.his!.push(`${bff.url}/his/pushHisData`, 'notifyOutpatientFee', { real_name: '无名', id_card: '110101199001011237', patient_card: '424242', total_amount: '1.00' } as never);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) blocked.push(msg.text());
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await bff?.close();
  });

  async function noViolations(name: string): Promise<void> {
    const found = await axeViolations(page);
    if (found.length > 0) await screenshot(page, `console-${name}`);
    expect(found.map((v) => `${name}: ${v.impact} ${v.id}: ${v.help} — ${v.nodes.join(' | ')}`)).toEqual([]);
  }

  it('logs in, resolves an attention order with a note, and sees the timeline and the audit row', async () => {
    await page.goto(`${bff.url}/admin`);
    await page.waitForURL(/\/admin\/login\?next=/);
    await noViolations('login');
    // A wrong password first: the error is announced and tied to the fields.
    await page.locator('#login-username').fill(DEMO_OPERATOR.username);
    await page.locator('#login-password').fill('wrong-password');
    await page.locator('#login-submit').click();
    await page.locator('#login-error').waitFor();
    expect(await page.locator('#login-password').getAttribute('aria-describedby')).toBe('login-error');
    await noViolations('login-error');
    await page.locator('#login-password').fill(DEMO_OPERATOR.password);
    await page.locator('#login-submit').click();
    await page.waitForURL((u) => u.pathname === '/admin');

    // The order waits with its reason.
    const row = page.locator('tr', { has: page.locator(`a:text-is("${tradeNo}")`) });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/待人工处理[\s\S]*could not confirm/);
    await noViolations('waiting');
    await screenshot(page, 'console-waiting');
    // The skip link is the first stop of the keyboard and leads to the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await row.locator('a').click();
    await page.waitForURL((u) => u.pathname === `/admin/order/${tradeNo}`);
    expect(await page.locator('#order-reason').textContent()).toMatch(/could not confirm/);
    await noViolations('order');
    // A note too short: refused on the form, the message tied to the field.
    await page.locator('#action-refund').check();
    await page.locator('#note').fill('短');
    await page.locator('#resolve-submit').click();
    await page.locator('#note-error').waitFor();
    expect(await page.locator('#note').getAttribute('aria-describedby')).toBe('note-error');
    await noViolations('order-error');
    expect((await bff.deps.orders.get(tradeNo))!.state).toBe('attention');

    await page.locator('#action-refund').check();
    await page.locator('#note').fill('与HIS核对未入账，退款给患者');
    await page.locator('#resolve-submit').click();
    await page.waitForURL((u) => u.searchParams.get('done') === 'refund');
    expect(await page.locator('[role=status]').textContent()).toContain('已提交退款');
    const timeline = page.locator('table', { has: page.locator('caption:text-is("时间线")') });
    expect(await timeline.textContent()).toMatch(/退款中[\s\S]*操作员[\s\S]*operator demo: 与HIS核对未入账，退款给患者/);
    await waitForState(bff, tradeNo, ['refunded'], 20_000);
    await until('the refund on the page', async () => {
      await page.reload();
      return /已退款/.test((await page.locator('#order-state').textContent()) ?? '') ? true : undefined;
    });
    const refunds = page.locator('table', { has: page.locator('caption:text-is("退款")') });
    expect(await refunds.textContent()).toMatch(/已退款/);
    await noViolations('order-resolved');
    await screenshot(page, 'console-order-resolved');

    await page.locator('nav a:text-is("操作记录")').click();
    await page.waitForURL((u) => u.pathname === '/admin/audit');
    const audit = page.locator('tbody tr', { hasText: '处理订单' }).first();
    expect(await audit.textContent()).toContain(tradeNo);
    expect(await audit.textContent()).toContain('refund: 与HIS核对未入账，退款给患者');
    expect(await audit.textContent()).toContain('demo');
    expect(await page.locator('tbody tr', { hasText: '登录' }).filter({ hasText: '被拒绝' }).count()).toBeGreaterThan(0);
    await noViolations('audit');
  }, 120_000);

  it('filters the day’s reconciliation and exports it as CSV, audited', async () => {
    // The morning job's run for a day on which HIS lists a trade we never issued.
    const day = beijingDate(bff.deps.now(), -1);
    bff.sims.his!.ledger.seedRow({ date: day, transactionType: '2', tradeNo: 'EH9000000000000000091', amount: '12.30', channel: '0', hisPayId: 'HP91' });
    await runReconciliation(bff.deps, day, 'job');
    await page.locator('nav a:text-is("每日对账")').click();
    await page.waitForURL((u) => u.pathname === '/admin/reconciliation');
    await page.locator('#rc-date').fill(day);
    await page.locator('#rc-category').selectOption('unknown_to_us');
    await page.locator('.filters button[type=submit]').click();
    await page.waitForURL((u) => u.searchParams.get('category') === 'unknown_to_us');
    const row = page.locator('tbody tr', { hasText: 'EH9000000000000000091' });
    expect(await row.textContent()).toMatch(/门诊缴费[\s\S]*我方无此订单[\s\S]*¥12\.30/);
    await noViolations('reconciliation-day');
    await screenshot(page, 'console-reconciliation');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#reconciliation-export').click()]);
    expect(download.suggestedFilename()).toBe(`reconciliation-${day}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(csv).toHaveLength(2);
    expect(csv[1]).toMatch(/EH9000000000000000091.*我方无此订单.*12\.30/);
    const exported = await bff.deps.store.db.selectFrom('operator_audit').selectAll().where('action', '=', 'export').where('target', '=', `reconciliation:${day}`).execute();
    expect(exported).toHaveLength(1);
  }, 90_000);

  it('every other console page: masked data, and no axe violation', async () => {
    // A refund HIS started (written as the refundApply service writes it), so its table has a row.
    const other = await bookOne(bff);
    await bff.deps.store.db.insertInto('refunds').values({ out_refund_no: `${other.tradeNo}H1`, trade_no: other.tradeNo, amount_fen: 100, reason: 'hospital', cause: 'hospital', state: 'refunded', refund_no: 'RF1', attempts: 1, last_code: null, created_at: new Date().toISOString(), settled_at: new Date().toISOString(), his_id: 'HIS-R-1', is_reverse: 1 }).execute();
    for (const [path, name] of [['/admin/messages', 'messages'], ['/admin/his-refunds', 'his-refunds'], ['/admin/reconciliation', 'reconciliation'], ['/admin/operators', 'operators'], ['/admin/audit?action=login', 'audit-filtered']] as const) {
      await page.goto(`${bff.url}${path}`);
      await page.locator('main h1').waitFor();
      await noViolations(name);
    }
    await page.goto(`${bff.url}/admin/messages`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('110101********1237');
    expect(text).not.toContain('110101199001011237');
    expect(text).not.toContain('无名');
    await page.goto(`${bff.url}/admin/his-refunds`);
    expect(await page.locator('tbody tr', { hasText: 'HIS-R-1' }).textContent()).toMatch(/¥1\.00[\s\S]*已退款[\s\S]*是/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#his-refunds-export').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toMatch(/"HIS-R-1","[^"]+","[^"]+H1","1\.00","已退款","是"/);

    await page.locator('.who button').click();
    await page.waitForURL(/\/admin\/login$/);
    await page.goto(`${bff.url}/admin/audit`);
    await page.waitForURL(/\/admin\/login\?next=/);
    expect(blocked).toEqual([]);
  }, 90_000);
});
