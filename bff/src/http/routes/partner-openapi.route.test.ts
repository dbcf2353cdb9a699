import { Writable } from 'node:stream';
import { maskName, maskPhone } from '@hosp/shared';
import { hisSeed as seed } from '../../adapters/his';
import { documentShapeProblems } from '../../adapters/partner/test-support';
import { beijingDateTime } from '../../domain/time';
import { createLogger } from '../../logger';
import type { OrderKind } from '../../domain/orders/order-state';
import { startTestBff, type TestBff } from '../../../../test/support/bff';
import { callRefundDetail, REFUND_DETAIL_PATH, type PartnerCredentials } from '../../../../test/support/partner-call';
import { seedDepositRefund, seedOrderRefund, type SeedPatient } from '../../../../test/support/refund-seed';

const ALL_KINDS: OrderKind[] = ['subscription', 'register', 'hisSrc', 'prepaySrc', 'eCardPay', 'deposit'];
const zhang = seed.outpatient;

const ACME = { accessToken: 'acme-token-0123456789abcdef', secret: 'acme-secret-0123456789' };
const OTHER = { accessToken: 'other-token-0123456789abcdef', secret: 'other-secret-0123456789' };
const IDLE = { accessToken: 'idle-token-0123456789abcdef', secret: 'idle-secret-0123456789' };
const FINANCE = { accessToken: 'finance-token-0123456789abc', secret: 'finance-secret-0123456789' };

const partner = (id: string, who: PartnerCredentials, extra: Record<string, unknown> = {}) => ({ id, name: `${id} 公司`, companyId: `company-${id}`, ...who, ...extra });
const PARTNERS = [
  partner('acme', ACME, { entitlement: { orderKinds: ALL_KINDS, patientCards: [zhang.patientCard] }, costAttribution: { id: 'dept-7', category: 1, name: '行政部' } }),
  partner('other', OTHER, { entitlement: { orderKinds: ALL_KINDS, patientCards: ['0000000001'] } }),
  partner('idle', IDLE),
  partner('finance', FINANCE, { entitlement: { orderKinds: ['hisSrc'], patientCards: 'all', employeeIds: ['fin-1'] } }),
];

describe('partner refund detail open API', () => {
  let bff: TestBff;
  let p: SeedPatient;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    bff = await startTestBff({ name: 'partner-api', config: { partners: { list: PARTNERS, perMinute: 1000 } } as never, log: createLogger('info', sink) });
    const token = await bff.login('partner-api-user');
    const bound = await bff.bind(token, zhang);
    const row = await bff.deps.store.db.selectFrom('patients').select(['id', 'account_id']).where('id', '=', bound.body.id).executeTakeFirstOrThrow();
    p = { accountId: row.account_id, patientId: row.id, realName: zhang.realName, idNumber: zhang.idCard, patientCard: zhang.patientCard };
  });
  afterAll(() => bff.close());

  const call = (who: PartnerCredentials, id: string, opts?: Parameters<typeof callRefundDetail>[3]) => callRefundDetail(bff.url, who, id, opts);
  const auditOf = (refundOrderId: string) => bff.deps.store.db.selectFrom('partner_calls').selectAll().where('refund_order_id', '=', refundOrderId).orderBy('at').execute();

  it.each(ALL_KINDS)('a %s refund reads in exactly the document’s shape, with our numbers, yuan, Beijing times and the patient masked', async (kind) => {
    const r = await seedOrderRefund(bff.deps, kind, p, { orderFen: 12_345, refundFen: 10_007 });
    const res = await call(ACME, r.outRefundNo);
    expect(res.status).toBe(200);
    expect(documentShapeProblems(res.body)).toEqual([]);
    const { order_info: o, price_info: price, classify_info: c, consumer_infos: consumers, supplier_info: s, cost_info: cost } = res.body.data;
    expect(res.body).toMatchObject({ code: 0, msg: 'success' });
    expect(o).toMatchObject({ order_id: r.tradeNo, refund_order_id: r.outRefundNo, company_id: 'company-acme', company_name: 'acme 公司', status: 92, status_name: '已退款' });
    expect(o).toMatchObject({ user_name: maskName(zhang.realName), user_phone: maskPhone(zhang.phone), supplier_order_id: `HIS-${r.tradeNo.slice(-6)}` });
    expect(o).toMatchObject({ operator_order_time: beijingDateTime(r.at.created), third_pay_time: beijingDateTime(r.at.paid), order_pay_time: beijingDateTime(r.at.posted) });
    expect(o).toMatchObject({ create_time: beijingDateTime(r.at.refundStarted), start_time: beijingDateTime(r.at.refundStarted), end_time: beijingDateTime(r.at.settled!) });
    expect(price).toEqual({ total_price: 123.45, pay_price: 100.07, total_discount: 0, red_envelope: 0, company_total_pay: 0 });
    expect(c.order_type_classify).toBe(kind);
    expect(c.order_type_desc).toContain('医院为您办理了');
    expect(consumers).toEqual([{ consumer_name: '张*', consumer_phone: '138****8000', consumer_unit_name: '' }]);
    expect(s).toEqual({ supplier_id: bff.deps.config.his.hospitalId, supplier_name: bff.deps.config.patientService.hospitalName, supplier_order_id: o.supplier_order_id });
    expect(cost).toEqual([{ cost_attribution_id: 'dept-7', cost_attribution_category: 1, cost_attribution_name: '行政部', custom_ext: [] }]);
    const text = JSON.stringify(res.body);
    for (const secret of [zhang.realName, zhang.phone, zhang.idCard, ACME.secret, ACME.accessToken]) expect(text).not.toContain(secret);
    expect(await auditOf(r.outRefundNo)).toEqual([expect.objectContaining({ partner_id: 'acme', outcome: 'ok', reason: 'ok', employee_id: '59b74c1323445f2d54dd07922' })]);
  });

  it('a deposit-account refund record (DR…) reads as a deposit refund of its top-up, with HIS’s record as the supplier’s order', async () => {
    const topUp = await seedOrderRefund(bff.deps, 'deposit', p, { settle: null, refundFen: 1 });
    const d = await seedDepositRefund(bff.deps, p, topUp.tradeNo);
    const res = await call(ACME, d.refundId);
    expect(documentShapeProblems(res.body)).toEqual([]);
    expect(res.body.data.order_info).toMatchObject({ order_id: topUp.tradeNo, refund_order_id: d.refundId, supplier_order_id: 'HISREC1', status: 92, user_name: '张*' });
    expect(res.body.data.price_info).toMatchObject({ total_price: 100, pay_price: 50 });
    expect(res.body.data.classify_info).toMatchObject({ order_type_classify: 'deposit', order_type_classify_name: '门诊预交金' });
  });

  it('a refund still running, or refused by the platform, says so (91 / 93) with no end time', async () => {
    const running = await seedOrderRefund(bff.deps, 'hisSrc', p, { settle: null });
    const r1 = await call(ACME, running.outRefundNo);
    expect(r1.body.data.order_info).toMatchObject({ status: 91, status_name: '退款中', end_time: '' });
    const rejected = await seedOrderRefund(bff.deps, 'hisSrc', p, { settle: 'rejected' });
    expect((await call(ACME, rejected.outRefundNo)).body.data.order_info).toMatchObject({ status: 93, status_name: '退款失败' });
  });

  describe('refusals: code 1, a message, no data, and an audit row naming why', () => {
    let refund: Awaited<ReturnType<typeof seedOrderRefund>>;
    beforeAll(async () => {
      refund = await seedOrderRefund(bff.deps, 'register', p);
    });
    const refused = async (res: { status: number; body: any }, id: string, reason: string, partnerId: string | null) => {
      expect(res.body).toEqual({ code: 1, msg: expect.any(String), request_id: expect.any(String) });
      const rows = await bff.deps.store.db.selectFrom('partner_calls').selectAll().where('request_id', '=', res.body.request_id).execute();
      expect(rows).toEqual([expect.objectContaining({ partner_id: partnerId, refund_order_id: id, outcome: 'refused', reason })]);
      return res.body.msg as string;
    };

    it('a bad sign: tampered data, or another partner’s secret', async () => {
      const tampered = await call(ACME, refund.outRefundNo, { after: (f) => (f.employee_id = 'someone-else') });
      await refused(tampered, refund.outRefundNo, 'bad-sign', 'acme');
      const wrongKey = await call({ accessToken: ACME.accessToken, secret: OTHER.secret }, refund.outRefundNo);
      expect(await refused(wrongKey, refund.outRefundNo, 'bad-sign', 'acme')).toBe('invalid sign');
    });

    it('a timestamp more than 5 minutes off either way, or not 13 digits', async () => {
      await refused(await call(ACME, refund.outRefundNo, { timestamp: String(Date.now() - 6 * 60_000) }), refund.outRefundNo, 'stale-timestamp', 'acme');
      await refused(await call(ACME, refund.outRefundNo, { timestamp: String(Date.now() + 6 * 60_000) }), refund.outRefundNo, 'stale-timestamp', 'acme');
      await refused(await call(ACME, refund.outRefundNo, { timestamp: String(Math.floor(Date.now() / 1000)) }), refund.outRefundNo, 'malformed-timestamp', 'acme');
      // Within the window either way is fine.
      expect((await call(ACME, refund.outRefundNo, { timestamp: String(Date.now() - 4 * 60_000) })).body.code).toBe(0);
    });

    it('an unknown token', async () => {
      const res = await call({ accessToken: 'nobody-token-0123456789abcd', secret: ACME.secret }, refund.outRefundNo);
      expect(await refused(res, refund.outRefundNo, 'unknown-token', null)).toBe('invalid access_token');
    });

    it('another partner’s order reads exactly like an order that does not exist', async () => {
      const theirs = await call(OTHER, refund.outRefundNo);
      const missing = await call(OTHER, 'RF0000000000000000000');
      const a = await refused(theirs, refund.outRefundNo, 'not-entitled', 'other');
      const b = await refused(missing, 'RF0000000000000000000', 'not-found', 'other');
      expect(a).toBe(b);
      expect(theirs.status).toBe(missing.status);
    });

    it('a partner with no entitlement configured reads nothing, not even its own kinds', async () => {
      for (const kind of ['register', 'hisSrc', 'deposit'] as const) {
        const r = await seedOrderRefund(bff.deps, kind, p);
        await refused(await call(IDLE, r.outRefundNo), r.outRefundNo, 'not-entitled', 'idle');
      }
    });

    it('malformed data or a missing field', async () => {
      const notJson = await call(ACME, '', { data: '{"refund_order_id":' });
      await refused(notJson, null as never, 'malformed-data', 'acme');
      const noId = await call(ACME, '', { data: '{"order_id":"EH1"}' });
      await refused(noId, null as never, 'malformed-data', 'acme');
      const noEmployee = await call(ACME, refund.outRefundNo, { after: (f) => delete f.employee_id });
      await refused(noEmployee, refund.outRefundNo, 'missing-field', 'acme');
      const noSign = await call(ACME, refund.outRefundNo, { after: (f) => delete f.sign });
      await refused(noSign, refund.outRefundNo, 'missing-field', 'acme');
    });

    it('an operator the partner does not name, while its named operator reads all patients of its kinds', async () => {
      const fee = await seedOrderRefund(bff.deps, 'hisSrc', p);
      await refused(await call(FINANCE, fee.outRefundNo, { employeeId: 'fin-2' }), fee.outRefundNo, 'operator-not-allowed', 'finance');
      expect((await call(FINANCE, fee.outRefundNo, { employeeId: 'fin-1' })).body.code).toBe(0);
      await refused(await call(FINANCE, refund.outRefundNo, { employeeId: 'fin-1' }), refund.outRefundNo, 'not-entitled', 'finance');
    });

    it('anything but a form, or a body over the server limit, before the body is read', async () => {
      const json = await call(ACME, refund.outRefundNo, { contentType: 'application/json' });
      expect(json.status).toBe(415);
      await refused(json, null as never, 'content-type', null);
      const big = await fetch(`${bff.url}${REFUND_DETAIL_PATH}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `data=${'x'.repeat(bff.deps.config.server.bodyLimitBytes + 10)}` });
      expect(big.status).toBe(413);
      await refused({ status: 413, body: await big.json() }, null as never, 'too-large', null);
    });
  });

  it('logs each call without token, sign, secret or personal data', async () => {
    const r = await seedOrderRefund(bff.deps, 'eCardPay', p);
    await call(ACME, r.outRefundNo);
    await call(ACME, r.outRefundNo, { after: (f) => (f.sign = 'A'.repeat(32)) });
    const mine = lines.filter((l) => l.includes(r.outRefundNo));
    expect(mine.map((l) => JSON.parse(l).msg)).toEqual(expect.arrayContaining(['partner read a refund', 'partner call refused']));
    for (const l of mine) for (const s of [ACME.accessToken, ACME.secret, zhang.realName, zhang.phone, 'A'.repeat(32)]) expect(l).not.toContain(s);
    const rows = JSON.stringify(await auditOf(r.outRefundNo));
    for (const s of [zhang.realName, zhang.phone, zhang.patientCard, ACME.accessToken]) expect(rows).not.toContain(s);
  });
});

describe('partner rate limit', () => {
  it('refuses a partner past its signed calls per minute, with code 1, and keeps the other partners', async () => {
    const bff = await startTestBff({ name: 'partner-rate', config: { partners: { list: PARTNERS, perMinute: 3 } } as never });
    try {
      // The limit counts in fixed one-minute windows: start early in one, so all the calls share it.
      if (Date.now() % 60_000 > 45_000) await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 50));
      // Calls without the secret do not count against the partner: its token alone cannot lock it out.
      for (let i = 0; i < 5; i++) expect((await callRefundDetail(bff.url, { ...ACME, secret: 'not-the-secret-000' }, 'RF0000000000000000001')).body.msg).toBe('invalid sign');
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await callRefundDetail(bff.url, ACME, 'RF0000000000000000001')).body.code);
      const last = await callRefundDetail(bff.url, ACME, 'RF0000000000000000001');
      expect(last.status).toBe(429);
      expect(last.body).toEqual({ code: 1, msg: 'too many requests', request_id: expect.any(String) });
      expect(codes).toEqual([1, 1, 1, 1, 1]);
      const reasons = (await bff.deps.store.db.selectFrom('partner_calls').select('reason').where('partner_id', '=', 'acme').execute()).map((r) => r.reason);
      expect(reasons.filter((r) => r === 'not-found')).toHaveLength(3);
      expect(reasons.filter((r) => r === 'rate-limited')).toHaveLength(3);
      expect((await callRefundDetail(bff.url, OTHER, 'RF0000000000000000001')).body.msg).toBe('refund order not found');
    } finally {
      await bff.close();
    }
  }, 60_000);
});
