import type { Page } from 'playwright-core';
import type { TestBff } from '../support/bff';
import { bindChen } from '../support/inpatient-flow';
import { bookOne, waitForState } from '../support/booking-flow';
import { axeViolations, isSerious, oneCharPerLine, smallTargets, smallText, tabOrder } from './a11y-support';
import { demoLogin, settle, startE2e, type E2e } from './harness';

(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const appConfig = require('../../client/src/app.config').default as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> };
const ALL_PAGES = [...appConfig.pages, ...appConfig.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))].map((p) => `/${p}`);

const USER = '无障碍检查用户';

/**
 * Every page of the H5 build, with the data it needs, checked as a screen-reader and keyboard user
 * would meet it: axe-core finds no serious or critical WCAG 2.1 A/AA violation, no text is under
 * 14 px and no control under 44 px in normal mode (at 375 px wide, where CSS px are design px),
 * and elder mode never wraps a label one character per line.
 */
describe('H5 accessibility on every page', () => {
  let e2e: E2e;
  let bff: TestBff;
  let page: Page;
  const urls = new Map<string, string>();

  beforeAll(async () => {
    e2e = await startE2e('e2e-a11y', { orders: { unpaidMinutes: 15, postingWindowHours: 24, postingGiveUp: 'refund', attemptGapSeconds: 0.02, roundBackoffSeconds: 0.05, pollSeconds: 0.2, refundRetrySeconds: 0.05 }, jobs: { enabled: true, pollMs: 20, leaseMs: 5_000, batch: 20 } } as never);
    ({ bff, page } = e2e);
    await page.setViewportSize({ width: 375, height: 812 });
    const booked = await bookOne(bff, { user: USER, departmentCode: 'NK01', doctorCode: 'D011A' });
    await bff.sims.payment!.pay(booked.tradeNo);
    await waitForState(bff, booked.tradeNo, ['posted']);
    const token = booked.token;
    const patientId = (await bff.request('GET', '/api/patients', { token })).body.patients[0].id as string;
    const list = await bff.request('GET', '/api/catalogue/schedules?departmentCode=NK01', { token });
    const s = list.body.schedules.find((x: { status: string; doctorCode: string | null }) => x.status === 'open' && x.doctorCode === 'D011A');
    const q = `departmentCode=NK01&departmentName=${encodeURIComponent('心血管内科')}&scheduleId=${s.scheduleId}&date=${s.date}`;
    const set = (path: string, query = '') => urls.set(path, query ? `${path}?${query}` : path);
    for (const p of ALL_PAGES) set(p);
    set('/journeys/patients/pages/detail/index', `id=${patientId}`);
    set('/journeys/patients/pages/card/index', `id=${patientId}`);
    set('/journeys/booking/pages/schedules/index', `departmentCode=NK01&departmentName=${encodeURIComponent('心血管内科')}`);
    set('/journeys/booking/pages/slots/index', q);
    set('/journeys/booking/pages/confirm/index', q);
    set('/journeys/booking/pages/search/index', `q=${encodeURIComponent('内科')}`);
    set('/journeys/booking/pages/doctor/index', 'code=D011A');
    set('/journeys/orders/pages/detail/index', `tradeNo=${booked.tradeNo}`);
    set('/journeys/reports/pages/list/index', `patientId=${patientId}`);
    set('/journeys/legal/pages/document/index', 'kind=privacy-policy');
    set('/journeys/deposit/pages/account/index', `patientId=${patientId}`);
    set('/journeys/reports/pages/detail/index', `patientId=${patientId}&reportId=ZS-LIS-02`);
    // 陈晨 with her stay linked: the inpatient pages with their deposit, banner and bill.
    const chenId = (await bindChen(bff, token, 'parent')).patientId;
    set('/journeys/inpatient/pages/deposit/index', `patientId=${chenId}`);
    set('/journeys/inpatient/pages/daily-bill/index', `patientId=${chenId}`);
    set('/journeys/inpatient/pages/prepay/index', `patientId=${chenId}`);
    set('/journeys/inpatient/pages/result/index', `tradeNo=${booked.tradeNo}`);
  }, 90_000);
  afterAll(async () => {
    await e2e?.close();
  });

  async function open(path: string): Promise<void> {
    await page.goto(`${bff.url}/#${urls.get(path) ?? path}`);
    await page.locator('.page:visible').first().waitFor({ timeout: 15_000 });
    // Loaded: no spinner left on the page that shows.
    await page.waitForFunction(() => !Array.from(document.querySelectorAll('#state-loading')).some((e) => (e as HTMLElement).offsetParent !== null), undefined, { timeout: 15_000 });
    await settle(page, 600);
  }

  async function check(path: string): Promise<string[]> {
    const problems: string[] = [];
    for (const v of (await axeViolations(page)).filter(isSerious)) problems.push(`axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.join(' | ')}`);
    for (const t of await smallText(page, 14)) problems.push(`text under 14px: ${t}`);
    for (const t of await smallTargets(page, 44)) problems.push(`target under 44px: ${t}`);
    return problems.map((p) => `${path}: ${p}`);
  }

  it('covers every page the app declares', () => {
    expect(ALL_PAGES.length).toBeGreaterThanOrEqual(20);
    expect(ALL_PAGES.every((p) => urls.has(p))).toBe(true);
  });

  it('the login page (signed out) has no serious violation, small text or small target', async () => {
    await page.goto(`${bff.url}/`);
    await page.locator('#login-demo-name').waitFor({ timeout: 20_000 });
    await settle(page, 600);
    expect(await check('/pages/login/index')).toEqual([]);
  }, 60_000);

  it('every signed-in page: axe finds nothing serious, no text under 14 px, no target under 44 px', async () => {
    await demoLogin(page, bff.url, USER);
    await page.locator('#tile-booking').waitFor({ timeout: 20_000 });
    const problems: string[] = [];
    for (const path of ALL_PAGES.filter((p) => p !== '/pages/login/index')) {
      await open(path);
      problems.push(...(await check(path)));
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('keyboard: Tab reaches the controls in order and Enter presses them', async () => {
    await open('/pages/home/index');
    const order = await tabOrder(page);
    expect(order.slice(0, 3)).toEqual(['tile-patients', 'tile-booking', 'tile-outpatient-pay']);
    expect(order).toEqual(expect.arrayContaining(['tile-queue', 'tab-home', 'tab-me']));
    await page.locator('#tile-booking').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.hash.includes('/journeys/booking/pages/departments/index'), { timeout: 10_000 });

    await open('/journeys/patients/pages/create/index');
    const form = await tabOrder(page);
    expect(form.slice(0, 3)).toEqual(['create-realName', 'create-idNumber', 'create-phone']);
    expect(form).toEqual(expect.arrayContaining(['create-relation-self', 'create-submit']));
    // The phone field: a text field with a numeric keypad, named by its label.
    const phone = page.locator('#create-phone input');
    expect(await phone.getAttribute('type')).toBe('tel');
    expect(await phone.getAttribute('inputmode')).toBe('numeric');
    expect(await phone.evaluate((el) => document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent)).toBe('手机号');
    // Space picks a relation chip.
    await page.locator('#create-relation-child').focus();
    await page.keyboard.press(' ');
    expect(await page.locator('#create-relation-child').getAttribute('aria-checked')).toBe('true');
  }, 60_000);

  it('elder mode: no label is squeezed one character per line, and axe still finds nothing serious', async () => {
    const token = await bff.login(USER);
    await bff.request('PUT', '/api/me/preferences', { token, body: { elderMode: true } });
    await page.reload();
    const problems: string[] = [];
    for (const path of ALL_PAGES.filter((p) => p !== '/pages/login/index')) {
      await open(path);
      await page.locator('.page.elder:visible').first().waitFor({ timeout: 10_000 });
      for (const t of await oneCharPerLine(page)) problems.push(`${path}: one character per line: ${t}`);
      for (const v of (await axeViolations(page)).filter(isSerious)) problems.push(`${path}: axe ${v.id} — ${v.nodes.join(' | ')}`);
    }
    await bff.request('PUT', '/api/me/preferences', { token, body: { elderMode: false } });
    expect(problems).toEqual([]);
  }, 240_000);
});
