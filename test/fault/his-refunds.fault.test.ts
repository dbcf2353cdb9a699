import { fenToYuan } from '@hosp/shared';
import { hisSeed as seed } from '../../bff/src/adapters/his';
import { hisSign } from '../../bff/src/adapters/his/his-sign';
import { decodeXml, encodeXml, isXmlObject, type XmlValue } from '../../bff/src/adapters/his/xml-codec';
import { startTestBff, type TestBff } from '../support/bff';
import { DIALECTS } from '../support/stores';
import { bookOne, FAST_ORDERS, waitForState } from '../support/booking-flow';

/**
 * HIS calling us as the platform (§14 refundApply, §15.1 queryRefundStatus, §13.3 checkAccount)
 * against the real BFF and the payment simulator: every answer checked, every refusal checked to
 * have left no refund row and no platform call behind.
 */
const KEY = 'demo-his-sign-key-change-me';
const HOSPITAL = 'demoyyadmin';
type Fields = Record<string, string>;
type Method = 'refundApply' | 'queryRefundStatus' | 'checkAccount';

function flatten(v: XmlValue | undefined): unknown {
  if (v === undefined || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(flatten);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, flatten(x)]));
}

describe.each(DIALECTS)('HIS-started refunds, their status and the day account (%s)', (dialect) => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({
      dialect,
      name: `his-refunds-${dialect}`,
      config: { ...FAST_ORDERS, orders: { ...FAST_ORDERS.orders, hisRefundWaitMs: 1_500 }, payment: { mode: 'sim', timeoutMs: 2_500 } } as never,
    });
  });
  afterAll(() => bff.close());
  afterEach(() => bff.sims.payment!.faults.clear());
  const pay = () => bff.sims.payment!;

  /** A signed §17 request as HIS sends it (realName unsigned); `sign` overrides the signature. */
  async function call(method: Method, fields: Fields, opts: { sign?: string; json?: boolean; raw?: string } = {}): Promise<{ status: number; reply: Record<string, any>; text: string }> {
    const sign = opts.sign ?? hisSign(fields, KEY);
    const body = opts.raw ?? (opts.json ? JSON.stringify({ ...fields, sign }) : encodeXml('request', { ...fields, sign }));
    const r = await bff.request('POST', `/his/${method}`, { body, headers: { 'content-type': opts.json ? 'application/json' : 'application/xml' } });
    const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    if (typeof r.body !== 'string') return { status: r.status, reply: r.body, text };
    const { value } = decodeXml(text, { maxBytes: 10_000_000 });
    return { status: r.status, reply: isXmlObject(value) ? (flatten(value) as Record<string, any>) : {}, text };
  }

  const refundCalls = (tradeNo?: string) => pay().received.filter((c) => c.transType === 'hop.trade.refund' && (!tradeNo || String(c.param.outRefundNo ?? '').startsWith(`RF${tradeNo.slice(2)}`))).length;
  const refundRows = (tradeNo: string) => bff.deps.refunds.forOrder(tradeNo);

  async function postedOrder(): Promise<{ token: string; tradeNo: string; amountFen: number }> {
    const o = await bookOne(bff);
    await pay().pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['posted']);
    return o;
  }

  const apply = (tradeNo: string, amountFen: number, hisId: string, extra: Fields = {}) =>
    call('refundApply', { tradeNo, refundAmount: fenToYuan(amountFen), hisId, realName: seed.outpatient.realName, patientCard: seed.outpatient.patientCard, hospitalId: HOSPITAL, is_reverse: '0', cashier_id: '窗口01', ...extra });

  /** Nothing of a refused call is left: no refund row, no platform refund, the order as it was. */
  async function nothingLeft(tradeNo: string, before: { rows: number; calls: number; state: string }): Promise<void> {
    expect((await refundRows(tradeNo)).length).toBe(before.rows);
    expect(refundCalls(tradeNo)).toBe(before.calls);
    expect((await bff.deps.orders.get(tradeNo))!.state).toBe(before.state);
    expect(pay().ledger.refundsOf(tradeNo)).toHaveLength(before.calls);
  }
  const snapshot = async (tradeNo: string) => ({ rows: (await refundRows(tradeNo)).length, calls: refundCalls(tradeNo), state: (await bff.deps.orders.get(tradeNo))!.state });

  it('valid: refunds once, answers SUCCESS with our refund number, the patient sees the hospital as origin and is told', async () => {
    const o = await postedOrder();
    const r = await apply(o.tradeNo, o.amountFen, 'HIS-VALID-1');
    expect(r.status).toBe(200);
    expect(r.reply).toMatchObject({ result: 'SUCCESS' });
    const [row] = await refundRows(o.tradeNo);
    expect(r.reply.message).toBe(row!.outRefundNo);
    expect(row).toMatchObject({ hisId: 'HIS-VALID-1', isReverse: false, cause: 'hospital', state: 'refunded', amountFen: o.amountFen });
    expect(pay().ledger.refundsOf(o.tradeNo).map((x) => x.amountFen)).toEqual([o.amountFen]);
    // HIS started it: the platform is told not to call HIS's refund again.
    expect(pay().received.find((c) => c.transType === 'hop.trade.refund' && c.param.outRefundNo === row!.outRefundNo)!.param.refundType).toBe('hisDecide');
    await waitForState(bff, o.tradeNo, ['refunded']);
    const detail = await bff.request('GET', `/api/orders/${o.tradeNo}`, { token: o.token });
    expect(detail.body.refunds).toEqual([expect.objectContaining({ refundNo: row!.outRefundNo, origin: 'hospital', state: 'refunded' })]);
    const notices = (await bff.request('GET', '/api/notices', { token: o.token })).body.notices as { kind: string; body: string }[];
    expect(notices.filter((n) => n.kind === 'order_refunded')).toHaveLength(1);
    // HIS repeats it: the same answer, no second refund.
    const again = await apply(o.tradeNo, o.amountFen, 'HIS-VALID-1');
    expect(again.reply).toEqual({ result: 'SUCCESS', message: row!.outRefundNo });
    expect(refundCalls(o.tradeNo)).toBe(1);
  });

  it('answers in JSON when HIS sends JSON', async () => {
    const o = await postedOrder();
    const fields = { tradeNo: o.tradeNo, refundAmount: fenToYuan(o.amountFen), hisId: 'HIS-JSON-1', realName: '张三', patientCard: seed.outpatient.patientCard, hospitalId: HOSPITAL };
    const r = await call('refundApply', fields, { json: true });
    expect(r.reply).toMatchObject({ result: 'SUCCESS', message: expect.stringMatching(/^RF/) });
  });

  it('bad sign: refused, nothing left behind', async () => {
    const o = await postedOrder();
    const before = await snapshot(o.tradeNo);
    const fields = { tradeNo: o.tradeNo, refundAmount: fenToYuan(o.amountFen), hisId: 'HIS-BADSIGN', realName: '张三', patientCard: seed.outpatient.patientCard, hospitalId: HOSPITAL };
    const r = await call('refundApply', fields, { sign: hisSign({ ...fields, refundAmount: '0.01' }, KEY) });
    expect(r.status).toBe(401);
    expect(r.reply).toMatchObject({ result: 'ERROR', message: 'invalid sign' });
    await nothingLeft(o.tradeNo, before);
    expect(await bff.deps.refunds.byHisId('HIS-BADSIGN')).toBeUndefined();
  });

  it('realName is not signed: a name spelled differently by HIS still passes', async () => {
    const o = await postedOrder();
    const fields = { tradeNo: o.tradeNo, refundAmount: '0.01', hisId: 'HIS-NAME-1', realName: '张三', patientCard: seed.outpatient.patientCard, hospitalId: HOSPITAL };
    const r = await call('refundApply', { ...fields, realName: 'ZHANG SAN' }, { sign: hisSign(fields, KEY) });
    expect(r.reply.result).toBe('SUCCESS');
  });

  it('another hospitalId: refused, nothing left behind', async () => {
    const o = await postedOrder();
    const before = await snapshot(o.tradeNo);
    const r = await apply(o.tradeNo, o.amountFen, 'HIS-OTHERHOSP', { hospitalId: 'someotherhospital' });
    expect(r.reply).toEqual({ result: 'ERROR', message: 'unknown hospitalId' });
    await nothingLeft(o.tradeNo, before);
  });

  it('malformed fields (three decimals, missing hisId): refused, nothing left behind', async () => {
    const o = await postedOrder();
    const before = await snapshot(o.tradeNo);
    const r = await apply(o.tradeNo, 0, 'HIS-MALFORMED', { refundAmount: '1.005' });
    expect(r.status).toBe(400);
    expect(r.reply).toMatchObject({ result: 'ERROR', message: expect.stringContaining('refundAmount') });
    const noId = await apply(o.tradeNo, o.amountFen, '');
    expect(noId.reply).toMatchObject({ result: 'ERROR', message: expect.stringContaining('hisId') });
    await nothingLeft(o.tradeNo, before);
  });

  it('over-refund and unknown trade: ERROR with the reason, nothing left behind', async () => {
    const o = await postedOrder();
    const before = await snapshot(o.tradeNo);
    const r = await apply(o.tradeNo, o.amountFen + 1, 'HIS-OVER-1');
    expect(r.reply).toEqual({ result: 'ERROR', message: `refundAmount exceeds the refundable ${fenToYuan(o.amountFen)}` });
    await nothingLeft(o.tradeNo, before);
    const unknown = await apply('EH209901010000000001', 100, 'HIS-UNKNOWN-TRADE');
    expect(unknown.reply).toEqual({ result: 'ERROR', message: 'unknown tradeNo' });
    expect(await bff.deps.refunds.byHisId('HIS-UNKNOWN-TRADE')).toBeUndefined();
  });

  it('two hisIds: partial refunds; the order stays posted until the remainder, which may not be exceeded', async () => {
    const o = await postedOrder();
    expect(o.amountFen).toBeGreaterThan(100);
    const first = await apply(o.tradeNo, 100, 'HIS-PART-A');
    expect(first.reply.result).toBe('SUCCESS');
    expect((await bff.deps.orders.get(o.tradeNo))!.state).toBe('posted');
    const view = await bff.request('GET', `/api/orders/${o.tradeNo}`, { token: o.token });
    expect(view.body.status.state).toBe('posted');
    expect(view.body.status.detail).toContain('医院已为您办理部分退款');
    expect(view.body.refunds).toEqual([expect.objectContaining({ amountFen: 100, origin: 'hospital', state: 'refunded' })]);

    const before = await snapshot(o.tradeNo);
    const tooMuch = await apply(o.tradeNo, o.amountFen - 100 + 1, 'HIS-PART-B');
    expect(tooMuch.reply).toEqual({ result: 'ERROR', message: `refundAmount exceeds the refundable ${fenToYuan(o.amountFen - 100)}` });
    await nothingLeft(o.tradeNo, before);

    const rest = await apply(o.tradeNo, o.amountFen - 100, 'HIS-PART-C');
    expect(rest.reply.result).toBe('SUCCESS');
    expect(rest.reply.message).not.toBe(first.reply.message);
    await waitForState(bff, o.tradeNo, ['refunded']);
    expect(pay().ledger.refundsOf(o.tradeNo).map((x) => x.amountFen).sort((a, b) => a - b)).toEqual([100, o.amountFen - 100].sort((a, b) => a - b));
    const notices = (await bff.request('GET', '/api/notices', { token: o.token })).body.notices as { kind: string }[];
    expect(notices.filter((n) => n.kind === 'order_refunded')).toHaveLength(2);
  });

  it('the same hisId 10 times at once: one refund row, one platform refund, the same answer for all; a different amount under it is an ERROR', async () => {
    const o = await postedOrder();
    const replies = await Promise.all(Array.from({ length: 10 }, () => apply(o.tradeNo, 100, 'HIS-RACE-1')));
    const rows = await refundRows(o.tradeNo);
    expect(rows).toHaveLength(1);
    expect(replies.map((r) => r.reply)).toEqual(Array(10).fill({ result: 'SUCCESS', message: rows[0]!.outRefundNo }));
    expect(refundCalls(o.tradeNo)).toBe(1);
    expect(pay().ledger.refundsOf(o.tradeNo)).toHaveLength(1);
    const before = await snapshot(o.tradeNo);
    const changed = await apply(o.tradeNo, 200, 'HIS-RACE-1');
    expect(changed.reply).toEqual({ result: 'ERROR', message: 'hisId already used for another refund' });
    await nothingLeft(o.tradeNo, before);
  });

  it('different hisIds at once for one order: never more than was paid', async () => {
    const o = await postedOrder();
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => apply(o.tradeNo, Math.ceil(o.amountFen / 2), `HIS-SPLIT-${i}`)));
    expect(replies.filter((r) => r.reply.result === 'SUCCESS')).toHaveLength(2 * Math.ceil(o.amountFen / 2) <= o.amountFen ? 2 : 1);
    const total = (await refundRows(o.tradeNo)).reduce((sum, r) => sum + r.amountFen, 0);
    expect(total).toBeLessThanOrEqual(o.amountFen);
    expect(pay().ledger.refundedFen(o.tradeNo)).toBe(total);
  });

  it('platform unclear: UNKNOWN first, SUCCESS on HIS repeating, one refund on the platform', async () => {
    const o = await postedOrder();
    pay().faults.next('respCodeAfter:999999', 1, 'hop.trade.refund');
    pay().faults.next('hang', 1, 'hop.trade.query');
    const first = await apply(o.tradeNo, o.amountFen, 'HIS-UNKNOWN-1');
    expect(first.reply).toMatchObject({ result: 'UNKNOWN' });
    let last = first;
    for (let i = 0; i < 60 && last.reply.result === 'UNKNOWN'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      last = await apply(o.tradeNo, o.amountFen, 'HIS-UNKNOWN-1');
    }
    const [row] = await refundRows(o.tradeNo);
    expect(last.reply).toEqual({ result: 'SUCCESS', message: row!.outRefundNo });
    expect(await refundRows(o.tradeNo)).toHaveLength(1);
    expect(pay().ledger.refundsOf(o.tradeNo)).toHaveLength(1);
    expect(refundCalls(o.tradeNo)).toBe(1);
  });

  describe('queryRefundStatus', () => {
    const query = (hisId: string, extra: Fields = {}) => call('queryRefundStatus', { hisId, hospitalId: HOSPITAL, ...extra });

    it('1 applied while the platform has not answered, 4 in progress once it answered unclearly, then 2 refunded', async () => {
      const o = await postedOrder();
      pay().faults.next('hang', 1, 'hop.trade.refund');
      pay().faults.next('hang', 1, 'hop.trade.query');
      const first = await apply(o.tradeNo, 100, 'HIS-STATES-1');
      expect(first.reply.result).toBe('UNKNOWN');
      const applied = await query('HIS-STATES-1');
      const [row] = await refundRows(o.tradeNo);
      expect(applied.reply).toEqual({ result: 'SUCCESS', message: '', refundNo: row!.outRefundNo, tradeNo: o.tradeNo, refundAmount: '1.00', refundStatus: '1' });
      const seen = new Set<string>();
      for (let i = 0; i < 120 && !seen.has('2'); i++) {
        seen.add((await query('HIS-STATES-1')).reply.refundStatus);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect([...seen]).toEqual(expect.arrayContaining(['4', '2']));
      expect(pay().ledger.refundsOf(o.tradeNo)).toHaveLength(1);
    });

    it('3 failed when the platform refuses; refundApply repeats answer ERROR', async () => {
      const o = await postedOrder();
      pay().faults.next('respCode:034001', 1, 'hop.trade.refund');
      const r = await apply(o.tradeNo, 100, 'HIS-FAIL-1');
      expect(r.reply).toMatchObject({ result: 'ERROR', message: expect.stringContaining('refused by the payment platform') });
      expect((await query('HIS-FAIL-1')).reply).toMatchObject({ result: 'SUCCESS', refundStatus: '3', refundAmount: '1.00', tradeNo: o.tradeNo });
      expect((await apply(o.tradeNo, 100, 'HIS-FAIL-1')).reply.result).toBe('ERROR');
      expect(pay().ledger.refundsOf(o.tradeNo)).toHaveLength(0);
    });

    it('unknown hisId, bad sign, other hospital: ERROR', async () => {
      expect((await query('HIS-NEVER-SEEN')).reply).toEqual({ result: 'ERROR', message: 'unknown hisId' });
      expect((await call('queryRefundStatus', { hisId: 'HIS-VALID-1', hospitalId: HOSPITAL }, { sign: 'BAD' })).status).toBe(401);
      expect((await query('HIS-VALID-1', { hospitalId: 'elsewhere' })).reply).toEqual({ result: 'ERROR', message: 'unknown hospitalId' });
    });
  });

  describe('checkAccount', () => {
    const DAY = '2026-03-15';
    /** Beijing wall time on DAY (or another date) as the ISO instant the store keeps. */
    const at = (time: string, date = DAY) => new Date(`${date}T${time}+08:00`).toISOString();
    let n = 0;

    /** An order written straight into the store, paid at `paidAt` through `client` / `tradeMode`. */
    async function seedOrder(owner: { accountId: string; patientId: string }, kind: string, amountFen: number, paidAt: string, client: 'weapp' | 'alipay' | 'h5', tradeMode: string | null): Promise<string> {
      n += 1;
      const tradeNo = `EH20260315CA${String(n).padStart(6, '0')}`;
      const deps = bff.deps;
      await deps.store.db.transaction().execute(async (tx) => {
        await deps.orders.insert(tx, {
          tradeNo, kind: kind as never, accountId: owner.accountId, patientId: owner.patientId, clientRequestId: `ca-${n}`, amountFen, subject: `对账 ${kind}`, payClient: client,
          details: {}, expiresAt: at('23:59:59'), payer: { cardKind: 'hospital_card', cardNo: seed.outpatient.patientCard, hisPatientId: 'H1', account: 'outpatient', realName: '张三', idNumber: null }, payChannel: 'ONE_QR',
        }, new Date(paidAt), 'system', 'seeded');
        await deps.orders.patch(tx, tradeNo, { paidAt, tradeMode }, new Date(paidAt));
        await tx.updateTable('orders').set({ state: 'posted' }).where('trade_no', '=', tradeNo).execute();
      });
      return tradeNo;
    }

    async function seedRefund(tradeNo: string, amountFen: number, settledAt: string | null, opts: { state?: 'refunded' | 'rejected'; reverse?: boolean } = {}): Promise<void> {
      const deps = bff.deps;
      await deps.store.db.transaction().execute(async (tx) => {
        const seq = (await deps.refunds.forOrder(tradeNo, tx)).length + 1;
        const outRefundNo = `RF${tradeNo.slice(2)}${String(seq).padStart(2, '0')}`;
        await deps.refunds.create(tx, { outRefundNo, tradeNo, amountFen, reason: 'seeded', cause: 'hospital', his: { hisId: `CA-${outRefundNo}`, isReverse: opts.reverse ?? false, cashier: null } }, 1_000_000, new Date(settledAt ?? at('12:00:00')));
        if (settledAt) await deps.refunds.settle(tx, outRefundNo, opts.state ?? 'refunded', null, new Date(settledAt));
      });
    }

    it('lists exactly the day\'s receipts and settled refunds by kind and channel, with the net total', async () => {
      const o = await postedOrder();
      const owner = (await bff.deps.orders.get(o.tradeNo))!;
      const reg = await seedOrder(owner, 'register', 1200, at('00:00:00'), 'weapp', 'WX_PUB');
      const sub = await seedOrder(owner, 'subscription', 3500, at('09:45:18'), 'alipay', 'ALI_PUB');
      const fee = await seedOrder(owner, 'hisSrc', 46078, at('08:35:50'), 'h5', null);
      const pre = await seedOrder(owner, 'prepaySrc', 100000, at('15:11:01'), 'weapp', 'WX_PUB');
      const card = await seedOrder(owner, 'eCardPay', 5000, at('23:59:59'), 'h5', 'ALI_QR');
      await seedOrder(owner, 'deposit', 2000, at('10:00:00'), 'weapp', 'WX_PUB'); // its own HIS
      const yesterday = await seedOrder(owner, 'hisSrc', 800, at('23:59:59', '2026-03-14'), 'weapp', 'WX_PUB');
      await seedOrder(owner, 'register', 900, at('00:00:00', '2026-03-16'), 'weapp', 'WX_PUB');
      await seedRefund(yesterday, 300, at('10:30:00')); // settled today: listed
      await seedRefund(fee, 78, at('11:00:00')); // partial, today
      await seedRefund(sub, 3500, at('12:00:00'), { reverse: true }); // reversal: left out
      await seedRefund(pre, 1000, at('13:00:00'), { state: 'rejected' }); // refused: no money moved
      await seedRefund(pre, 500, null); // pending: not settled
      await seedRefund(reg, 100, at('00:00:01', '2026-03-16')); // settles tomorrow

      const r = await call('checkAccount', { checkDate: DAY, hospitalId: HOSPITAL });
      expect(r.status).toBe(200);
      expect(r.text.startsWith('<?xml version="1.0" encoding="utf-8"?><response><result>SUCCESS</result>')).toBe(true);
      const line = (transactionType: string, cash: string, tradeNo: string, orderType: string, orderTime: string, payType: string) => ({ transactionType, cash, tradeNo, orderType, orderTime, payType });
      const expected = [
        line('1', '12.00', reg, '1', `${DAY} 00:00:00`, 'wechatMP'),
        line('2', '460.78', fee, '1', `${DAY} 08:35:50`, 'wechatNo'),
        line('1', '35.00', sub, '1', `${DAY} 09:45:18`, 'alipayMP'),
        line('2', '3.00', yesterday, '2', `${DAY} 10:30:00`, 'wechatMP'),
        line('2', '0.78', fee, '2', `${DAY} 11:00:00`, 'wechatNo'),
        line('3', '1000.00', pre, '1', `${DAY} 15:11:01`, 'wechatMP'),
        line('4', '50.00', card, '1', `${DAY} 23:59:59`, 'alipayService'),
      ];
      const data = r.reply.detail.data as unknown[];
      expect(data).toEqual(expected);
      // Net: receipts 12 + 460.78 + 35 + 1000 + 50 = 1557.78, refunds 3 + 0.78 = 3.78.
      expect(r.reply).toMatchObject({ result: 'SUCCESS', message: '获取对账单成功', totalCash: '1554.00', totalCount: '7' });

      const json = await call('checkAccount', { checkDate: DAY, hospitalId: HOSPITAL }, { json: true });
      expect(json.reply).toEqual({ result: 'SUCCESS', message: '获取对账单成功', totalCash: '1554.00', totalCount: '7', detail: expected });
    });

    it('a day without trades: SUCCESS with zero totals', async () => {
      const r = await call('checkAccount', { checkDate: '2020-01-01', hospitalId: HOSPITAL });
      expect(r.reply).toMatchObject({ result: 'SUCCESS', totalCash: '0.00', totalCount: '0' });
    });

    it('malformed request, impossible date, bad sign, other hospital: ERROR', async () => {
      const garbage = await call('checkAccount', {}, { raw: '<request><checkDate>2026-03-15</checkDate><hospitalId>' });
      expect(garbage.status).toBe(400);
      expect(garbage.reply).toEqual({ result: 'ERROR', message: 'malformed request' });
      const impossible = await call('checkAccount', { checkDate: '2026-02-30', hospitalId: HOSPITAL });
      expect(impossible.reply).toEqual({ result: 'ERROR', message: 'invalid checkDate (yyyy-MM-dd)' });
      const missing = await call('checkAccount', { hospitalId: HOSPITAL });
      expect(missing.reply).toMatchObject({ result: 'ERROR', message: expect.stringContaining('checkDate') });
      const badSign = await call('checkAccount', { checkDate: DAY, hospitalId: HOSPITAL }, { sign: hisSign({ checkDate: '2026-03-16', hospitalId: HOSPITAL }, KEY) });
      expect(badSign.status).toBe(401);
      expect(badSign.reply).toEqual({ result: 'ERROR', message: 'invalid sign' });
      expect(badSign.text).not.toContain('tradeNo');
      const other = await call('checkAccount', { checkDate: DAY, hospitalId: 'elsewhere' });
      expect(other.reply).toEqual({ result: 'ERROR', message: 'unknown hospitalId' });
    });
  });
});
