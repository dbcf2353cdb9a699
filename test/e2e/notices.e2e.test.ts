import type { Page } from 'playwright-core';
import { hisReportSeed as reportSeed, hisSeed as seed } from '../../bff/src/adapters/his';
import type { TestBff } from '../support/bff';
import { fill, screenshot } from '../support/browser';
import { bindZhang, demoLogin, settle, startE2e, tallShot, until, type E2e } from './harness';

/** The browser logs in as this demo user through the UI; the API calls below use the same account. */
const USER = '消息演示用户';
/** 张三's liver panel: items high, low, abnormal, normal and one without a comparable range. */
const REPORT_ID = 'ZS-LIS-02';


describe('H5 demo in a browser: a report-ready notice from HIS, the message centre and the report', () => {
  let e2e: E2e;
  let bff: TestBff;
  let page: Page;
  beforeAll(async () => {
    e2e = await startE2e('e2e-notices');
    ({ bff, page } = e2e);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows the unread badge, opens the notice on the flagged report and clears the badge', async () => {
    // The account and its patient 张三, through the API.
    const zhang = seed.outpatient;
    const { token, patientId } = await bindZhang(bff, USER);

    // The browser: log in as the same demo user; nothing unread yet.
    await demoLogin(page, bff.url, USER);
    await page.locator('#tile-notices').waitFor({ timeout: 15_000 });
    expect(await page.locator('#tile-notices .tile__badge').count()).toBe(0); // live, not 「即将上线」
    expect(await page.locator('#tile-notices .badge').count()).toBe(0);

    // HIS finishes 张三's liver panel and pushes pushReportFinish (16.6) to the BFF.
    const fields = bff.sims.his!.reportReady(zhang.patientCard, { reportId: REPORT_ID });
    const reply = await bff.sims.his!.push(`${bff.url}/his/pushHisData`, 'pushReportFinish', fields);
    expect(reply.status).toBe(200);
    await until('the notice', async () => ((await bff.request('GET', '/api/notices/unread-count', { token })).body.unread === 1 ? true : undefined), 15_000);

    // Home (reloaded) shows 1 on 消息中心.
    await page.reload();
    const badge = page.locator('#tile-notices .badge');
    await badge.waitFor({ timeout: 15_000 });
    expect((await badge.innerText()).trim()).toBe('1');
    await settle(page);
    await screenshot(page, 'notices-home-badge');

    // The message centre: one unread notice about the report.
    await page.locator('#tile-notices').click();
    const item = page.locator('#notice-item-0');
    await item.waitFor({ timeout: 15_000 });
    expect(await item.getAttribute('class')).toContain('unread');
    expect(await item.innerText()).toContain('报告已出');
    expect(await page.locator('#notices-read-all').isVisible()).toBe(true);
    expect(await page.locator('#notices-subscribe').count()).toBe(0); // H5: the hospital app pushes its own
    await settle(page);
    await screenshot(page, 'notices-list');

    // Tap: marked read and on to the report, flagged.
    await item.click();
    await page.waitForURL((url) => url.hash.includes('/journeys/reports/pages/detail/index'), { timeout: 15_000 });
    const query = new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
    expect(query.get('reportId')).toBe(REPORT_ID);
    expect(query.get('patientId')).toBe(patientId);
    const explanation = page.locator('#report-explanation');
    await explanation.waitFor({ timeout: 15_000 });
    expect(await explanation.isVisible()).toBe(true);
    expect(await explanation.innerText()).toMatch(/6 项超出参考范围/);
    for (const flag of ['high', 'low', 'abnormal']) {
      expect(await page.locator(`.flag-${flag}:visible`).count()).toBeGreaterThan(0);
    }
    const rowOf = (name: string) => page.locator('[id^="lab-item-"]:visible', { hasText: name }).first();
    expect(await rowOf('丙氨酸氨基转移酶').getAttribute('class')).toContain('flag-high');
    expect(await rowOf('丙氨酸氨基转移酶').innerText()).toContain('U/L');
    expect(await rowOf('总蛋白').getAttribute('class')).toContain('flag-low');
    expect(await rowOf('乙肝e抗原').getAttribute('class')).toContain('flag-abnormal');
    // No colour for a value without a comparable range: it looks like a normal one.
    const colourOf = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).color);
    expect(await colourOf('.flag-not_comparable .lab__number')).toBe(await colourOf('.flag-normal .lab__number'));
    expect(await colourOf('.flag-high .lab__number')).not.toBe(await colourOf('.flag-normal .lab__number'));
    await settle(page);
    await tallShot(page, 'notices-report-detail', 1400);

    // Back: the notice is read, and home has no badge any more.
    await page.goBack();
    await until('the message centre again', async () => (new URL(page.url()).hash.includes('/pages/notices/index') ? true : undefined), 10_000);
    await until('the notice read', async () => ((await page.locator('#notice-item-0:visible').getAttribute('class'))?.includes('unread') ? undefined : true), 10_000);
    await page.goBack();
    await until('home again', async () => (new URL(page.url()).hash.includes('/pages/home/index') || new URL(page.url()).hash === '' ? true : undefined), 10_000);
    await page.locator('#tile-notices:visible').waitFor({ timeout: 10_000 });
    await until('the badge gone', async () => ((await page.locator('#tile-notices .badge').count()) === 0 ? true : undefined), 10_000);
    expect((await bff.request('GET', '/api/notices/unread-count', { token })).body.unread).toBe(0);
    await settle(page);
    await screenshot(page, 'notices-home-cleared');

    // A fee reminder links to 门诊缴费: 全部已读 clears it, tapping it opens this patient's unpaid list.
    const fee = await bff.sims.his!.push(`${bff.url}/his/pushHisData`, 'notifyOutpatientFee', {
      real_name: zhang.realName,
      id_card: zhang.idCard,
      patient_card: zhang.patientCard,
      clinic_no: 'MZ20250001',
      fee_type: '检查费',
      total_amount: '120.00',
    });
    expect(fee.status).toBe(200);
    await until('the fee notice', async () => ((await bff.request('GET', '/api/notices/unread-count', { token })).body.unread === 1 ? true : undefined), 15_000);
    await page.locator('#tile-notices').click();
    const feeItem = page.locator('[id^="notice-item-"]:visible', { hasText: '门诊缴费提醒' }).first();
    await feeItem.waitFor({ timeout: 15_000 });
    expect(await page.locator('.notice-item.unread:visible').count()).toBe(1);
    await page.locator('#notices-read-all').click();
    await until('all read', async () => ((await page.locator('.notice-item.unread:visible').count()) === 0 ? true : undefined), 10_000);
    expect((await bff.request('GET', '/api/notices/unread-count', { token })).body.unread).toBe(0);
    await feeItem.click();
    await page.locator('.fees-page:visible').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).hash).toMatch(/\/journeys\/outpatient\/pages\/unpaid\/index\?patientId=\w+/);
    await page.locator('#fees-patient-0[aria-checked="true"]').waitFor({ timeout: 15_000 });
    await settle(page, 400);
    await screenshot(page, 'notices-fee-list');
    await page.goBack();
    await until('the notices again', async () => (new URL(page.url()).hash.includes('/pages/notices/index') ? true : undefined), 10_000);
    await page.goBack();
    await page.locator('#tile-reports:visible').waitFor({ timeout: 10_000 });

    // 报告查询 is live: the list for 张三, with the report just read.
    await page.locator('#tile-reports').click();
    await page.locator(`#report-item-${REPORT_ID}`).waitFor({ timeout: 15_000 });
    expect(await page.locator('#reports-tab-lab').getAttribute('class')).toContain('active');
    expect(await page.locator(`#report-item-${REPORT_ID}`).innerText()).toContain('已出');
    expect(await page.locator('#reports-range').innerText()).toMatch(/\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/);
    await settle(page);
    await screenshot(page, 'reports-list');

    // 检查: the CT with findings, conclusion and its image.
    await page.locator('#reports-tab-exam').click();
    const ct = page.locator(`#report-item-${reportSeed.exam.withImage}`);
    await ct.waitFor({ timeout: 15_000 });
    await ct.click();
    await page.locator('#exam-findings:visible').waitFor({ timeout: 15_000 });
    expect((await page.locator('#exam-findings:visible').innerText()).trim().length).toBeGreaterThan(0);
    expect((await page.locator('#exam-conclusion:visible').innerText()).trim().length).toBeGreaterThan(0);
    expect(await page.locator('#exam-image:visible img').getAttribute('src')).toBe(reportSeed.imageUrl);
    await settle(page);
    await screenshot(page, 'reports-exam-detail');

    // 排队叫号 is live: no posted visit today for this account.
    await page.goto(`${bff.url}/#/journeys/queue/pages/mine/index`);
    const empty = page.locator('#state-empty:visible');
    await empty.waitFor({ timeout: 15_000 });
    expect(await empty.innerText()).toContain('今天没有需要排队的就诊');

    // The report again in elder mode (the account's preference, applied on the next load).
    expect((await bff.request('PUT', '/api/me/preferences', { token, body: { elderMode: true } })).status).toBe(200);
    await page.goto(`${bff.url}/#/journeys/reports/pages/detail/index?patientId=${patientId}&reportId=${REPORT_ID}`);
    await page.reload();
    await page.locator('.page.elder').first().waitFor({ timeout: 15_000 });
    await page.locator('#report-explanation').waitFor({ timeout: 15_000 });
    await tallShot(page, 'reports-detail-elder', 1900);
  }, 120_000);
});
