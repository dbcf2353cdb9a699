import { DIALECTS, freshStore } from '../../../test/support/stores';
import type { ReportItem } from '../domain/finance/reconcile';
import { dayBounds } from '../workflows/finance/reconciliation-book';
import type { Store } from './db';
import { reconciliationRepo, type ReconciliationRepo } from './reconciliation.repo';

const DAY = '2024-10-13';
const { from, to } = dayBounds(DAY);
const now = new Date('2024-10-14T00:00:00Z');

const item = (tradeNo: string, over: Partial<ReportItem> = {}): ReportItem => ({
  transactionType: 1, tradeNo, category: 'paid_not_in_his', action: 'repost', hisFen: 0, ourFen: 500, hisRefundFen: 0, ourRefundFen: 0,
  outRefundNo: null, hisRefundId: null, ourState: 'posting', platform: 'paid', note: 'n', ...over,
});

describe.each(DIALECTS)('reconciliation storage on %s', (dialect) => {
  let store: Store;
  let repo: ReconciliationRepo;
  beforeAll(async () => {
    store = await freshStore(dialect, 'recon');
    repo = reconciliationRepo(store.db);
    await store.db.insertInto('accounts').values({ id: 'acc', platform: 'h5', subject: 's', elder_mode: 0, created_at: now.toISOString() }).execute();
    const order = (tradeNo: string, paidAt: string | null, receipt: string | null) => ({
      trade_no: tradeNo, kind: 'hisSrc', account_id: 'acc', patient_id: 'p', client_request_id: tradeNo, state: 'posted', amount_fen: 500, subject: 's', pay_client: 'h5',
      details_enc: 'x', paid_at: paidAt, post_round: 1, post_attempts: 1, receipt, expires_at: 'x', created_at: 'x', updated_at: 'x',
    });
    await store.db.insertInto('orders').values([
      order('FIRST', '2024-10-12T16:00:00.000Z', '{"invoiceNo":"FP1"}'),
      order('LAST', '2024-10-13T15:59:59.999Z', null),
      order('NEXT', '2024-10-13T16:00:00.000Z', null),
      order('UNPAID', null, null),
    ]).execute();
    const refund = (no: string, tradeNo: string, createdAt: string, settledAt: string | null, isReverse = 0) => ({
      out_refund_no: no, trade_no: tradeNo, amount_fen: 100, reason: 'r', state: settledAt ? 'refunded' : 'pending', refund_no: null, attempts: 1, last_code: null, created_at: createdAt, settled_at: settledAt, is_reverse: isReverse,
    });
    await store.db.insertInto('refunds').values([
      refund('R-OPEN', 'LAST', '2024-10-13T01:00:00.000Z', null),
      refund('R-SETTLED-IN', 'FIRST', '2024-10-12T10:00:00.000Z', '2024-10-13T01:00:00.000Z'),
      refund('R-SETTLED-LATER', 'FIRST', '2024-10-13T10:00:00.000Z', '2024-10-14T01:00:00.000Z'),
      refund('R-REVERSAL', 'LAST', '2024-10-13T02:00:00.000Z', '2024-10-13T02:00:01.000Z', 1),
    ]).execute();
  });
  afterAll(() => store.close());

  it('reads the orders paid in the Beijing day, and any named order with its flags', async () => {
    const paid = await repo.ordersPaidBetween(from, to);
    expect(paid.map((o) => [o.tradeNo, o.paid, o.paidInDay, o.hasReceipt]).sort()).toEqual([['FIRST', true, true, true], ['LAST', true, true, false]]);
    const named = await repo.ordersByTradeNo(['NEXT', 'UNPAID', 'NOPE'], from, to);
    expect(named.map((o) => [o.tradeNo, o.paid, o.paidInDay]).sort()).toEqual([['NEXT', true, false], ['UNPAID', false, false]]);
  });

  it('reads refunds of the day: settled ones by when they settled, open ones by when they began, reversals left out', async () => {
    expect((await repo.refundsBetween(from, to)).map((r) => r.outRefundNo).sort()).toEqual(['R-OPEN', 'R-SETTLED-IN']);
  });

  it("a re-run replaces the day's items whole and keeps every run", async () => {
    await repo.startRun({ id: 'run1', checkDate: DAY, trigger: 'job' }, now);
    await store.db.transaction().execute((tx) => repo.replaceReport(tx, { id: 'run1', checkDate: DAY }, [item('A'), item('B')].map((i) => ({ ...i, status: 'open' as const })), { items: 2 }, now));
    await repo.startRun({ id: 'run2', checkDate: DAY, trigger: 'operator' }, now);
    // A failure half way leaves the first report as it was.
    await expect(store.db.transaction().execute(async (tx) => {
      await repo.replaceReport(tx, { id: 'run2', checkDate: DAY }, [{ ...item('C'), status: 'open' }], { items: 1 }, now);
      throw new Error('crash');
    })).rejects.toThrow('crash');
    expect((await repo.items(DAY)).map((i) => i.tradeNo)).toEqual(['A', 'B']);
    expect((await repo.currentRun(DAY))!.id).toBe('run1');
    await store.db.transaction().execute((tx) => repo.replaceReport(tx, { id: 'run2', checkDate: DAY }, [{ ...item('C', { transactionType: 2, category: 'unknown_to_us', action: 'investigate' }), status: 'open' }], { items: 1 }, now));
    expect((await repo.items(DAY)).map((i) => [i.tradeNo, i.category, i.seq])).toEqual([['C', 'unknown_to_us', 0]]);
    expect((await repo.runs(DAY)).map((r) => [r.id, r.status, r.isCurrent])).toEqual([['run1', 'done', false], ['run2', 'done', true]]);
    expect((await repo.currentRun(DAY))!.summary).toEqual({ items: 1 });
    expect(await repo.items(DAY, { transactionType: 1 })).toEqual([]);
    await repo.recordOutcome('run2', 'C', 'heal_failed', 'x', now);
    expect((await repo.items(DAY, { status: 'heal_failed' })).map((i) => [i.tradeNo, i.outcome])).toEqual([['C', 'x']]);
    // An outcome for a replaced run's item changes nothing.
    await repo.recordOutcome('run1', 'A', 'healed', 'late', now);
    expect(await repo.items(DAY, { status: 'healed' })).toEqual([]);
  });
});
