import { fenToYuan } from '@hosp/shared';
import { beijingDate } from '../../bff/src/domain/time';
import { runReconciliation } from '../../bff/src/workflows/finance/reconciliation.workflow';
import { startRefund } from '../../bff/src/workflows/orders/refund';
import { startTestBff, type TestBff } from '../support/bff';
import { bookOne, FAST_ORDERS, waitForState, type Booked } from '../support/booking-flow';

/**
 * A day with one difference of every category, made through the real BFF and the HIS and platform
 * simulators (HIS's own rows seeded through the simulator's `ledger.seedRow`): each is found and
 * categorised, the safe ones heal by themselves (a stuck posting ends posted, a stuck refund
 * settles), and a re-run of the same day gives the same report.
 */
const ADMIN = 'reconciliation-admin-token-0123456789';

/** Reads `read()` until it equals `want` (as JSON), or fails with the last value seen. */
async function until<T>(read: () => Promise<T>, want: T, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (JSON.stringify(last) === JSON.stringify(want)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(last).toEqual(want);
}

describe('daily reconciliation of HIS, the platform and our books', () => {
  let bff: TestBff;
  const his = () => bff.sims.his!;
  const pay = () => bff.sims.payment!;
  const admin = (method: string, path: string) => bff.request(method, path, { headers: { authorization: `Bearer ${ADMIN}` } });

  beforeAll(async () => {
    bff = await startTestBff({
      name: 'reconciliation',
      config: {
        ...FAST_ORDERS,
        // A failed round of posting and an unclear refund wait an hour: stuck, as the reconciliation finds them.
        orders: { ...FAST_ORDERS.orders, roundBackoffSeconds: 3600, refundRetrySeconds: 3600 },
        reconciliation: { healCheckSeconds: 0.1, healGiveUpMinutes: 2, platformPerSecond: 50 },
        admin: { token: ADMIN },
      } as never,
    });
  });
  afterAll(() => bff.close());

  async function posted(): Promise<Booked> {
    const o = await bookOne(bff);
    await pay().pay(o.tradeNo);
    await waitForState(bff, o.tradeNo, ['posted']);
    return o;
  }

  it('finds, categorises and heals a seeded day; the same day run again gives the same report', async () => {
    const today = beijingDate(new Date());
    // Agreeing everywhere: a posted booking, and one HIS declined that we refunded.
    const fine = await posted();
    const declined = await bookOne(bff);
    his().faults.inject('subscriptionPay', { kind: 'error-refund' });
    await pay().pay(declined.tradeNo);
    await waitForState(bff, declined.tradeNo, ['refunded']);

    // Paid here but not in HIS: three notices failed, the next round is an hour away.
    const stuck = await bookOne(bff);
    his().faults.inject('subscriptionPay', { kind: 'http500', times: 3 });
    await pay().pay(stuck.tradeNo);
    await until(async () => (await bff.deps.orders.get(stuck.tradeNo))?.postAttempts, 3);
    await new Promise((r) => setTimeout(r, 300));
    expect((await bff.deps.orders.get(stuck.tradeNo))!.state).toBe('posting');
    his().faults.clear();

    // In HIS but not paid here: HIS booked a booking whose charge was never paid.
    const unpaid = await bookOne(bff);
    his().ledger.seedRow({ date: today, transactionType: '1', tradeNo: unpaid.tradeNo, amount: fenToYuan(unpaid.amountFen), channel: '0', hisPayId: 'HPSEED1' });

    // Amounts differ: HIS booked another amount than we charged.
    const differs = await posted();
    his().state.ledger.get(differs.tradeNo)!.amount = fenToYuan(differs.amountFen + 100);

    // Refunded here but not in HIS: a person refunded a posted booking; HIS was never told.
    const ours = await posted();
    await bff.deps.store.db.transaction().execute((tx) => startRefund(bff.deps, tx, ours.tradeNo, { actor: 'operator', cause: 'operator', reason: 'operator: goodwill', from: ['posted'] }, new Date()));
    await waitForState(bff, ours.tradeNo, ['refunded']);

    // Refunded in HIS but not here (safe): the patient cancelled, HIS refunded, our platform refund is stuck.
    const cancelled = await posted();
    pay().faults.next('respCode:040038', 1000, 'hop.trade.refund');
    const c = await bff.request('POST', `/api/orders/${cancelled.tradeNo}/cancel`, { token: cancelled.token });
    expect(c.status).toBe(200);
    await until(async () => (await bff.deps.refunds.forOrder(cancelled.tradeNo))[0]?.attempts, 1);
    pay().faults.clear();

    // Refunded in HIS only, and a trade we never issued.
    const hisRefund = await posted();
    his().ledger.seedRow({ date: today, transactionType: '1', tradeNo: hisRefund.tradeNo, amount: fenToYuan(hisRefund.amountFen), channel: '1', hisRefundId: 'TKSEED1' });
    his().ledger.seedRow({ date: today, transactionType: '2', tradeNo: 'EH9000000000000000001', amount: '88.00', channel: '0', hisPayId: 'HPSEED2' });

    const first = await admin('POST', `/admin/reconciliation/${today}/run`);
    expect(first.status).toBe(200);
    expect(first.body.summary).toMatchObject({ trades: 9, matched: 2, items: 7, types: [1, 2, 3, 4] });
    const report = await admin('GET', `/admin/reconciliation/${today}`);
    const verdicts = Object.fromEntries(report.body.items.map((i: { tradeNo: string; category: string; action: string; status: string }) => [i.tradeNo, [i.category, i.action]]));
    expect(verdicts).toEqual({
      [stuck.tradeNo]: ['paid_not_in_his', 'repost'],
      [unpaid.tradeNo]: ['his_not_paid_here', 'his_reverse'],
      [differs.tradeNo]: ['amount_mismatch', 'review_amount'],
      [ours.tradeNo]: ['refunded_not_in_his', 'notify_his_refund'],
      [cancelled.tradeNo]: ['refunded_in_his_not_here', 'retry_refund'],
      [hisRefund.tradeNo]: ['refunded_in_his_not_here', 'start_refund'],
      EH9000000000000000001: ['unknown_to_us', 'investigate'],
    });
    const byTrade = new Map(report.body.items.map((i: { tradeNo: string }) => [i.tradeNo, i]));
    expect(byTrade.get(differs.tradeNo)).toMatchObject({ hisFen: differs.amountFen + 100, ourFen: differs.amountFen, categoryName: '金额不一致', safe: false });
    expect(byTrade.get(cancelled.tradeNo)).toMatchObject({ hisRefundFen: cancelled.amountFen, ourState: 'refunding' });

    // The safe ones heal by themselves, through the posting and refund jobs; their outcome is on the report.
    await waitForState(bff, stuck.tradeNo, ['posted'], 15_000);
    await waitForState(bff, cancelled.tradeNo, ['refunded'], 15_000);
    expect(his().ledger.bookedCount(stuck.tradeNo)).toBe(1);
    expect(pay().ledger.refundsOf(cancelled.tradeNo)).toHaveLength(1);
    expect(pay().ledger.refundedFen(cancelled.tradeNo)).toBe(cancelled.amountFen);
    await until(async () => (await admin('GET', `/admin/reconciliation/${today}?status=healed`)).body.items.map((i: { tradeNo: string }) => i.tradeNo).sort(), [stuck.tradeNo, cancelled.tradeNo].sort());
    const waiting = await admin('GET', `/admin/reconciliation/${today}?status=open`);
    expect(waiting.body.items).toHaveLength(5);
    const oneType = await admin('GET', `/admin/reconciliation/${today}?transactionType=2&category=unknown_to_us`);
    expect(oneType.body.items.map((i: { tradeNo: string }) => i.tradeNo)).toEqual(['EH9000000000000000001']);
    // Nothing else moved: the others still wait for a person, untouched.
    expect((await bff.deps.orders.get(fine.tradeNo))!.state).toBe('posted');
    expect((await bff.deps.orders.get(unpaid.tradeNo))!.state).toBe('paying');

    // Re-run: the healed trades now agree; everything else is reported exactly as before.
    const content = (items: Array<Record<string, unknown>>) => items.map(({ status: _s, outcome: _o, outcomeAt: _a, seq: _q, ...rest }) => rest);
    await runReconciliation(bff.deps, today);
    const second = (await bff.deps.reconciliation.items(today)).map((i) => ({ ...i }));
    expect(second.map((i) => i.tradeNo).sort()).toEqual([unpaid.tradeNo, differs.tradeNo, ours.tradeNo, hisRefund.tradeNo, 'EH9000000000000000001'].sort());
    const before = report.body.items.filter((i: { tradeNo: string }) => i.tradeNo !== stuck.tradeNo && i.tradeNo !== cancelled.tradeNo);
    expect(content(second as never)).toEqual(content(before).map(({ transactionTypeName: _n, categoryName: _c, actionWords: _w, safe: _f, ...rest }) => rest));
    await runReconciliation(bff.deps, today);
    expect(await bff.deps.reconciliation.items(today)).toEqual(second);
    const runs = await bff.deps.reconciliation.runs(today);
    expect(runs.map((r) => [r.status, r.isCurrent])).toEqual([['done', false], ['done', false], ['done', true]]);

    // CSV: the BOM bytes, a header and one line per item.
    const res = await fetch(`${bff.url}/admin/reconciliation/${today}/csv`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^\uFEFF对账日期,交易类型,商户订单号/);
    expect(lines.some((l) => l.includes('EH9000000000000000001') && l.includes('88.00') && l.includes('我方无此订单'))).toBe(true);
  }, 120_000);

  it('refuses without the operator token, and a date that is not one', async () => {
    const today = beijingDate(new Date());
    expect((await bff.request('GET', `/admin/reconciliation/${today}`)).status).toBe(401);
    expect((await bff.request('POST', `/admin/reconciliation/${today}/run`, { headers: { authorization: 'Bearer wrong-token-wrong-token-wrong-token!' } })).status).toBe(401);
    expect((await admin('GET', '/admin/reconciliation/2024-13-45x')).status).toBe(400);
    expect((await admin('GET', `/admin/reconciliation/${today}?category=nonsense`)).status).toBe(400);
  });

  it('a day HIS cannot serve fails, is recorded, and keeps the last report', async () => {
    const day = '2024-10-13';
    await runReconciliation(bff.deps, day);
    const before = await bff.deps.reconciliation.items(day);
    for (let i = 0; i < 5; i++) his().faults.inject('GetChecLedgerDetail', { kind: 'error', message: '对账数据未生成' });
    const r = await admin('POST', `/admin/reconciliation/${day}/run`);
    expect(r.body.error.code).toBe('HIS_UNAVAILABLE');
    expect(await bff.deps.reconciliation.items(day)).toEqual(before);
    const runs = await bff.deps.reconciliation.runs(day);
    expect(runs.map((x) => [x.status, x.isCurrent])).toEqual([['done', true], ['failed', false]]);
    his().faults.clear();
  });
});
