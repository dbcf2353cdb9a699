import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { idNumberCheckChar } from '@hosp/shared';
import { hisSeed as seed } from '../../bff/src/adapters/his';
import type { TestBff } from '../support/bff';
import { bookOne, waitForState } from '../support/booking-flow';
import { fill, screenshot } from '../support/browser';
import { demoLogin, settle, startE2e, tallShot, type E2e } from './harness';

const USER = '就诊当天用户';

/** The QR code as the browser drew it: every run's box and colour onto a canvas, read back as pixels. */
async function decodeQr(page: Page, selector: string): Promise<string | null> {
  const img = await page.locator(selector).evaluate((root) => {
    const box = root.getBoundingClientRect();
    const pad = 20;
    const w = Math.ceil(box.width) + 2 * pad;
    const h = Math.ceil(box.height) + 2 * pad;
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, w, h);
    for (const el of Array.from(root.querySelectorAll('.qr__dark, .qr__light'))) {
      const r = el.getBoundingClientRect();
      g.fillStyle = getComputedStyle(el).backgroundColor;
      g.fillRect(r.left - box.left + pad, r.top - box.top + pad, r.width, r.height);
    }
    return { w, h, data: Array.from(g.getImageData(0, 0, w, h).data) };
  });
  return jsQR(Uint8ClampedArray.from(img.data), img.w, img.h)?.data ?? null;
}

describe('H5 on the day: voucher, electronic card, search and doctor profile, report badge, child card', () => {
  let e2e: E2e;
  let bff: TestBff;
  let page: Page;
  beforeAll(async () => {
    e2e = await startE2e('e2e-on-the-day', { orders: { unpaidMinutes: 15, postingWindowHours: 24, postingGiveUp: 'refund', attemptGapSeconds: 0.02, roundBackoffSeconds: 0.05, pollSeconds: 0.2, refundRetrySeconds: 0.05 }, jobs: { enabled: true, pollMs: 20, leaseMs: 5_000, batch: 20 } } as never);
    ({ bff, page } = e2e);
  }, 60_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows the voucher with place, time, number and what to bring; 取消预约 is secondary', async () => {
    const booked = await bookOne(bff, { user: USER, departmentCode: 'NK01', doctorCode: 'D011A' });
    await bff.sims.payment!.pay(booked.tradeNo);
    await waitForState(bff, booked.tradeNo, ['posted']);
    const api = (await bff.request('GET', `/api/orders/${booked.tradeNo}`, { token: booked.token })).body;
    await demoLogin(page, bff.url, USER);
    await page.locator('#tile-booking').waitFor({ timeout: 20_000 });
    await page.goto(`${bff.url}/#/journeys/orders/pages/detail/index?tradeNo=${booked.tradeNo}`);
    const voucher = page.locator('#order-voucher:visible');
    await voucher.waitFor({ timeout: 15_000 });
    expect(await page.locator('#voucher-place:visible').innerText()).toBe('门诊楼二楼A区（心血管内科）');
    expect(await page.locator('#voucher-date:visible').innerText()).toBe(`${api.voucher.date} ${api.voucher.weekday}`);
    expect(await page.locator('#voucher-time:visible').innerText()).toBe(api.voucher.time);
    expect(await page.locator('#order-queue-no:visible').innerText()).toBe(api.voucher.number);
    expect(await page.locator('#voucher-arrive:visible').innerText()).toMatch(/^请于 \d{2}:\d{2} 前到达门诊楼二楼A区签到$/);
    expect(await page.locator('#voucher-bring:visible').innerText()).toContain('身份证');
    expect(await page.locator('#voucher-queue:visible').count()).toBe(1);
    // 取消预约: still there, drawn as a link rather than a button, after everything else.
    const cancel = page.locator('#order-cancel:visible');
    expect(await cancel.getAttribute('class')).toContain('btn--link');
    await tallShot(page, 'on-the-day-voucher');
  }, 90_000);

  it('the electronic card: masked in lists, in full with a QR code that encodes the card number on its own page', async () => {
    const zhang = seed.outpatient;
    await page.goto(`${bff.url}/#/journeys/patients/pages/list/index`);
    await page.locator('.patient-card-no:visible').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.patient-card-no:visible').first().innerText()).not.toContain(zhang.patientCard);
    await page.locator('#patient-item-0:visible').click();
    await page.locator('#detail-show-card:visible').click();
    const qr = page.locator('#ecard-qr:visible');
    await qr.waitFor({ timeout: 15_000 });
    expect(await page.locator('#ecard-no:visible').innerText()).toBe(zhang.patientCard);
    expect(await qr.getAttribute('role')).toBe('img');
    expect(await qr.getAttribute('aria-label')).toContain(zhang.patientCard);
    expect(await decodeQr(page, '#ecard-qr:visible')).toBe(zhang.patientCard);
    await settle(page);
    await screenshot(page, 'on-the-day-ecard');
  }, 60_000);

  it('search finds a doctor by disease; the profile shows title, specialty, introduction and photo with alt text', async () => {
    await page.goto(`${bff.url}/#/journeys/booking/pages/departments/index`);
    await page.locator('#dept-search:visible').click();
    await fill(page, 'search-input', '高血压');
    const hit = page.locator('#search-doctor-D011A:visible');
    await hit.waitFor({ timeout: 15_000 });
    expect(await page.locator('#search-dept-NK01:visible').count()).toBe(1);
    await settle(page);
    await screenshot(page, 'on-the-day-search');
    await hit.click();
    await page.locator('#doctor-profile:visible').waitFor({ timeout: 15_000 });
    expect(await page.locator('#doctor-title:visible').innerText()).toBe('主任医师 · 教授');
    expect(await page.locator('#doctor-specialty:visible').innerText()).toBe('冠心病介入治疗、高血压');
    expect((await page.locator('#doctor-summary:visible').innerText()).length).toBeGreaterThan(0);
    expect(await page.locator('#doctor-photo:visible img').getAttribute('alt')).toBe('陈建国医生照片');
    expect(await page.locator('[id^="doctor-schedule-"]:visible').count()).toBeGreaterThan(0);
    await tallShot(page, 'on-the-day-doctor');
  }, 60_000);

  it('the report list marks reports with abnormal items', async () => {
    await page.goto(`${bff.url}/#/journeys/reports/pages/list/index`);
    const liver = page.locator('#report-item-ZS-LIS-02:visible');
    await liver.waitFor({ timeout: 15_000 });
    expect(await liver.innerText()).toContain('有异常项');
    expect(await page.locator('#report-item-ZS-LIS-03:visible').innerText()).not.toContain('有异常项'); // not finished
  }, 60_000);

  it('a new child\'s card: sex and birth date from the ID number, and a guardian asked for', async () => {
    const year = new Date().getUTCFullYear();
    const first17 = `330106${year - 6}0915123`;
    const childId = first17 + idNumberCheckChar(first17);
    await page.goto(`${bff.url}/#/journeys/patients/pages/create/index`);
    await page.locator('#create-realName:visible').waitFor({ timeout: 15_000 });
    await fill(page, 'create-realName', '林小禾');
    await fill(page, 'create-idNumber', childId);
    const facts = page.locator('#create-id-facts:visible');
    await facts.waitFor({ timeout: 5_000 });
    expect(await facts.innerText()).toContain(`性别 男 · 出生日期 ${year - 6}-09-15`);
    expect(await page.locator('#create-guardian:visible').count()).toBe(1);
    expect(await page.locator('#create-phone-label:visible').innerText()).toBe('监护人手机号');
    await fill(page, 'create-phone', '13900003333');
    await page.locator('#create-relation-child:visible').click();
    await page.locator('#create-submit:visible').click();
    expect(await page.locator('#create-guardianName-error:visible').innerText()).toBe('请填写监护人姓名');
    expect(bff.sims.his!.calls.some((c) => c.method === 'addPatientCard')).toBe(false);
    await fill(page, 'create-guardianName', '林晓');
    const g17 = '33010619850402062';
    await fill(page, 'create-guardianIdNumber', g17 + idNumberCheckChar(g17));
    await settle(page, 300);
    await screenshot(page, 'on-the-day-child-card');
    await page.locator('#create-submit:visible').click();
    // The guardian's phone proves itself with the code sent to it (the account accepted the documents already).
    await page.locator('#create-code-sent:visible').waitFor({ timeout: 15_000 });
    await fill(page, 'create-code', bff.sims.sms!.latestCode('13900003333')!);
    await page.locator('#create-submit:visible').click();
    // Created, the form goes back to where the patient came from.
    await page.waitForURL((u) => !u.hash.includes('/pages/create/index'), { timeout: 15_000 });
    const token = await bff.login(USER);
    const patients = (await bff.request('GET', '/api/patients', { token })).body.patients as Array<{ id: string; realName: string }>;
    const child = patients.find((p) => p.realName === '林小禾')!;
    const detail = (await bff.request('GET', `/api/patients/${child.id}`, { token })).body;
    expect(detail.guardian.realName).toBe('林晓');
    expect(detail.person).toMatchObject({ sex: 'male', birthDate: `${year - 6}-09-15` });
  }, 60_000);
});
