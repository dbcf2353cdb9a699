import fc from 'fast-check';
import type { LedgerRow, TransactionType } from './ledger';
import { ACTIONS, CATEGORIES, reconcile, tradesToAsk, type OurTrade, type PlatformView, type ReconcileInput } from './reconcile';

const receipt = (tradeNo: string, amountFen: number, transactionType: TransactionType = 1): LedgerRow => ({ transactionType, hisPayId: `HP${tradeNo}`, tradeNo, hisRefundId: null, direction: 'receipt', amountFen });
const hisRefund = (tradeNo: string, amountFen: number, hisRefundId: string, transactionType: TransactionType = 1): LedgerRow => ({ transactionType, hisPayId: null, tradeNo, hisRefundId, direction: 'refund', amountFen });
const trade = (tradeNo: string, amountFen: number, over: Partial<OurTrade> = {}): OurTrade => ({ tradeNo, transactionType: 1, state: 'posted', amountFen, paidInDay: true, paid: true, hisBooked: true, refunds: [], ...over });
const view = (charge: PlatformView['charge']): PlatformView => ({ charge, refunds: {} });
const run = (his: LedgerRow[], ours: OurTrade[], platform: Record<string, PlatformView> = {}) => reconcile({ his, ours, platform: new Map(Object.entries(platform)) });
const only = (his: LedgerRow[], ours: OurTrade[], platform: Record<string, PlatformView> = {}) => {
  const r = run(his, ours, platform);
  expect(r.items).toHaveLength(1);
  return r.items[0]!;
};

describe('reconcile: one verdict per trade', () => {
  it('agreeing receipts, agreeing refunds and a declined-then-refunded payment are matched', () => {
    const r = run(
      [receipt('A', 500), receipt('B', 1200), hisRefund('B', 1200, 'TK1')],
      [trade('A', 500), trade('B', 1200, { state: 'refunded', refunds: [{ outRefundNo: 'B-R1', hisId: null, amountFen: 1200, state: 'refunded' }] }),
        trade('C', 800, { state: 'refunded', hisBooked: false, refunds: [{ outRefundNo: 'C-R1', hisId: null, amountFen: 800, state: 'refunded' }] })],
    );
    expect(r).toEqual({ items: [], matched: 3, trades: 3 });
  });

  it('paid here but not in HIS: a stuck posting is re-posted (safe); a posted one goes to a person', () => {
    expect(only([], [trade('A', 500, { state: 'posting' })])).toMatchObject({ category: 'paid_not_in_his', action: 'repost', ourFen: 500, hisFen: 0 });
    expect(only([], [trade('A', 500, { state: 'attention' })])).toMatchObject({ action: 'repost' });
    expect(only([], [trade('A', 500)])).toMatchObject({ category: 'paid_not_in_his', action: 'review_posting' });
    expect(only([], [trade('A', 500, { state: 'posting' })], { A: view('unpaid') })).toMatchObject({ action: 'review_platform', platform: 'unpaid' });
    expect(only([], [trade('A', 500, { state: 'refunding', hisBooked: false, refunds: [{ outRefundNo: 'A-R1', hisId: null, amountFen: 500, state: 'pending' }] })])).toMatchObject({ action: 'retry_refund', outRefundNo: 'A-R1' });
    expect(ACTIONS.repost.safe && ACTIONS.retry_refund.safe && !ACTIONS.review_posting.safe).toBe(true);
  });

  it('in HIS but not paid here: the platform decides between confirming and asking HIS to reverse', () => {
    const unpaid = trade('A', 500, { state: 'closed', paid: false, paidInDay: false, hisBooked: false });
    expect(only([receipt('A', 500)], [unpaid], { A: view('paid') })).toMatchObject({ category: 'his_not_paid_here', action: 'confirm_payment', hisFen: 500, ourFen: 0 });
    expect(only([receipt('A', 500)], [unpaid], { A: view('unpaid') })).toMatchObject({ action: 'his_reverse' });
    expect(only([receipt('A', 500)], [trade('A', 500, { paidInDay: false })])).toMatchObject({ category: 'his_not_paid_here', action: 'review_date' });
  });

  it('amounts differ, and a trade HIS lists twice', () => {
    expect(only([receipt('A', 600)], [trade('A', 500)])).toMatchObject({ category: 'amount_mismatch', action: 'review_amount', hisFen: 600, ourFen: 500 });
    expect(only([receipt('A', 500), receipt('A', 500)], [trade('A', 500)])).toMatchObject({ category: 'amount_mismatch', hisFen: 1000 });
  });

  it('refunded here but not in HIS; a pending refund of ours is retried', () => {
    const refunded = { outRefundNo: 'A-R1', hisId: null, amountFen: 500, state: 'refunded' as const };
    expect(only([receipt('A', 500)], [trade('A', 500, { state: 'refunded', refunds: [refunded] })])).toMatchObject({ category: 'refunded_not_in_his', action: 'notify_his_refund', outRefundNo: 'A-R1', ourRefundFen: 500 });
    expect(only([receipt('A', 500)], [trade('A', 500, { state: 'refunding', refunds: [{ ...refunded, state: 'pending' }] })])).toMatchObject({ category: 'refunded_not_in_his', action: 'retry_refund' });
  });

  it('refunded in HIS but not here: none of ours → a person; ours pending → retried; matched by HIS key before amount', () => {
    expect(only([receipt('A', 500), hisRefund('A', 500, 'TK1')], [trade('A', 500)])).toMatchObject({ category: 'refunded_in_his_not_here', action: 'start_refund', hisRefundId: 'TK1', hisRefundFen: 500 });
    const pending = { outRefundNo: 'A-R1', hisId: 'TK1', amountFen: 500, state: 'pending' as const };
    expect(only([receipt('A', 500), hisRefund('A', 500, 'TK1')], [trade('A', 500, { state: 'refunding', refunds: [pending] })])).toMatchObject({ action: 'retry_refund', outRefundNo: 'A-R1' });
    // Two partial refunds of 200 by HIS's keys, listed in the other order: both match.
    const two = [{ outRefundNo: 'R2', hisId: 'K2', amountFen: 200, state: 'refunded' as const }, { outRefundNo: 'R1', hisId: 'K1', amountFen: 200, state: 'refunded' as const }];
    expect(run([receipt('A', 500), hisRefund('A', 200, 'K1'), hisRefund('A', 200, 'K2')], [trade('A', 500, { refunds: two })]).items).toEqual([]);
  });

  it('unknown to us', () => {
    expect(only([receipt('Z', 500, 4)], [])).toMatchObject({ category: 'unknown_to_us', action: 'investigate', transactionType: 4, ourState: null });
    expect(only([hisRefund('Z', 500, 'TK9')], [])).toMatchObject({ category: 'unknown_to_us', hisRefundFen: 500 });
  });

  it('asks the platform only about disagreements and unsettled trades', () => {
    const ours = [trade('A', 500), trade('B', 500, { state: 'posting' }), trade('C', 500), trade('D', 500)];
    expect(tradesToAsk({ his: [receipt('A', 500), receipt('B', 500), receipt('C', 700)], ours })).toEqual(['B', 'C', 'D']);
  });

  it('orders items by transaction type, category, tradeNo', () => {
    const r = run([receipt('Z2', 1, 2), receipt('Z1', 1, 2), receipt('M', 9, 1)], [trade('M', 1), trade('P', 1, { transactionType: 2, state: 'posting' })]);
    expect(r.items.map((i) => [i.transactionType, i.category, i.tradeNo])).toEqual([
      [1, 'amount_mismatch', 'M'],
      [2, 'paid_not_in_his', 'P'],
      [2, 'unknown_to_us', 'Z1'],
      [2, 'unknown_to_us', 'Z2'],
    ]);
  });
});

// ---- properties ---------------------------------------------------------------------------------

const tradeNoArb = fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `T${i}`));
const fenArb = fc.constantFrom(100, 200, 500);
const hisRowArb: fc.Arbitrary<LedgerRow> = fc.record({
  transactionType: fc.constantFrom<TransactionType>(1, 2, 3, 4),
  hisPayId: fc.constant(null),
  tradeNo: tradeNoArb,
  direction: fc.constantFrom<'receipt' | 'refund'>('receipt', 'refund'),
  amountFen: fenArb,
  hisRefundId: fc.constantFrom('K1', 'K2', 'K3'),
}).map((r) => ({ ...r, hisRefundId: r.direction === 'refund' ? r.hisRefundId : null }));
const ourArb = (tradeNo: string): fc.Arbitrary<OurTrade> =>
  fc.record({
    tradeNo: fc.constant(tradeNo),
    transactionType: fc.constantFrom<TransactionType>(1, 2, 3, 4),
    state: fc.constantFrom('created', 'paying', 'paid', 'posting', 'posted', 'closed', 'refunding', 'refunded', 'attention'),
    amountFen: fenArb,
    paidInDay: fc.boolean(),
    paid: fc.boolean(),
    hisBooked: fc.boolean(),
    refunds: fc.array(fc.record({ outRefundNo: fc.constantFrom('R1', 'R2', 'R3'), hisId: fc.constantFrom(null, 'K1', 'K2'), amountFen: fenArb, state: fc.constantFrom<'pending' | 'refunded' | 'rejected'>('pending', 'refunded', 'rejected') }), { maxLength: 3 }),
  });
const inputArb: fc.Arbitrary<ReconcileInput> = fc
  .tuple(fc.array(hisRowArb, { maxLength: 25 }), fc.uniqueArray(tradeNoArb, { maxLength: 12 }), fc.dictionary(tradeNoArb, fc.constantFrom<PlatformView['charge']>('paid', 'unpaid', 'unknown')))
  .chain(([his, ourNos, views]) =>
    fc.tuple(...ourNos.map(ourArb)).map((ours) => ({ his, ours, platform: new Map(Object.entries(views).map(([k, c]) => [k, view(c)])) })),
  );

describe('reconcile properties', () => {
  it('every trade lands in exactly one bucket: matched, or one item with one category', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = reconcile(input);
        const all = new Set([...input.his.map((h) => h.tradeNo), ...input.ours.map((o) => o.tradeNo)]);
        const itemTrades = r.items.map((i) => i.tradeNo);
        expect(new Set(itemTrades).size).toBe(itemTrades.length);
        for (const t of itemTrades) expect(all.has(t)).toBe(true);
        expect(r.trades).toBe(all.size);
        expect(r.matched + r.items.length).toBe(all.size);
        for (const i of r.items) expect(CATEGORIES).toContain(i.category);
        for (const i of r.items) expect(Object.keys(ACTIONS)).toContain(i.action);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic: the same rows in any order give the same report', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const shuffle = <T>(xs: readonly T[]) => xs.map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 })).sort((a, b) => a.k - b.k).map((p) => p.x);
        expect(reconcile({ his: shuffle(input.his), ours: shuffle(input.ours), platform: input.platform })).toEqual(reconcile(input));
        expect(reconcile({ ...input, his: [...input.his].reverse() })).toEqual(reconcile(input));
        expect(tradesToAsk({ his: shuffle(input.his), ours: shuffle(input.ours) })).toEqual(tradesToAsk(input));
      }),
      { numRuns: 1000 },
    );
  });
});
