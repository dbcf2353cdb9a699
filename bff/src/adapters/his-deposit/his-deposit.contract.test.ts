import type { DepositRecord } from '../../domain/deposit/ports';
import { failure } from '../his/test-support';
import { depositSeed } from './sim/deposit-seed';
import { DEPOSIT_NOW, DEPOSIT_TIMEOUT_MS, depositSimOver, refundStep, settleStep, zhangHolder, type DepositSimOver } from './test-support';

/**
 * The deposit adapter against the deposit simulator, over both HIS transports: the three methods,
 * one <Order> and many, negative codes, and every unknown outcome settled by asking again — each
 * checked in the simulator's own books.
 */

const zhang = depositSeed.outpatient;
const daysAgo = (n: number) => new Date(DEPOSIT_NOW.getTime() - n * 86_400_000);

describe.each(['http', 'soap'] as const)('deposit adapter against the simulator over %s', (transport) => {
  let h: DepositSimOver;
  beforeEach(async () => {
    h = await depositSimOver(transport);
  });
  afterEach(() => h.close());

  const records = (from = daysAgo(60), to = DEPOSIT_NOW) => h.adapter.records({ holder: zhangHolder, from, to });
  const record = async (orderId: string): Promise<DepositRecord> => (await records()).find((r) => r.recordId === orderId)!;
  const wechat = () => record(zhang.records[0]!.orderId);

  it('lists many records (many <Order>) with their channels, refunds and what is still refundable', async () => {
    const list = await records();
    expect(list.map((r) => [r.recordId, r.channel, r.paidFen, r.refundedFen, r.refundableFen, r.state])).toEqual([
      ['CZ2024000101', 'wechat', 20000, 5000, 15000, 'paid'],
      ['CZ2024000102', 'alipay', 10000, 0, 10000, 'paid'],
      ['CZ2024000103', 'other', 5000, 0, 0, 'paid'],
      ['CZ2024000104', 'wechat', 3000, 3000, 0, 'refunded'],
      ['CZ2024000105', 'unionpay', 8000, 0, 8000, 'paid'],
    ]);
    expect(list.reduce((s, r) => s + r.refundableFen, 0)).toBe(zhang.refundableFen);
    expect(list[2]!.refundAllowed).toBe(false);
    expect(list[0]!.paidAt).toEqual(daysAgo(20));
  });

  it('lists one record (one <Order>) for a narrow range, and none for a range without top-ups', async () => {
    expect((await records(daysAgo(4), DEPOSIT_NOW)).map((r) => r.recordId)).toEqual(['CZ2024000105']);
    expect(await records(daysAgo(400), daysAgo(300))).toEqual([]);
  });

  it('refuses an account HIS does not hold with HIS’s own words', async () => {
    const err = await failure(h.adapter.records({ holder: { patientCard: '999999', hisPatientId: 'x' }, from: daysAgo(1), to: DEPOSIT_NOW }));
    expect([err.code, err.message]).toEqual(['HIS_REJECTED', '未找到该就诊卡的预交金账户']);
  });

  it('freezes once per TransNo: asked again, the same answer and the balance taken once', async () => {
    const step = refundStep(await wechat(), 1500, `RF-${transport}-1`);
    const first = await h.adapter.freezeRefund(step);
    expect(first).toMatchObject({ state: 'frozen', balanceFen: zhang.balanceFen - 1500 });
    expect(await h.adapter.freezeRefund(step)).toEqual(first);
    expect(h.sim.ledger.freeze(step.refundId)).toMatchObject({ status: 'frozen', priceFen: 1500, commits: { freeze: 1 } });
    expect(h.sim.ledger.balanceFen(zhang.cardNo)).toBe(zhang.balanceFen - 1500);
  });

  it('confirms: the record shows the refund under our refund id, once even when confirmed again', async () => {
    const step = refundStep(await wechat(), 15000, 'RF-C-1');
    const frozen = await h.adapter.freezeRefund(step);
    if (frozen.state !== 'frozen') throw new Error(`freeze ${frozen.state}`);
    const settle = settleStep(step, frozen.invoiceNo);
    expect(await h.adapter.confirmRefund(settle)).toMatchObject({ state: 'confirmed', balanceFen: zhang.balanceFen - 15000, hisRefundNo: frozen.hisRefundNo });
    expect(await h.adapter.confirmRefund(settle)).toMatchObject({ state: 'confirmed' });
    expect(h.sim.ledger.confirmations('RF-C-1')).toBe(1);
    expect(h.sim.ledger.openFreezes()).toHaveLength(0);
    expect(await wechat()).toMatchObject({ refundedFen: 20000, refundableFen: 0, state: 'refunded', lastRefundId: 'RF-C-1' });
  });

  it('rolls back: the balance comes back once, the record is untouched, and it can no longer be confirmed', async () => {
    const step = refundStep(await wechat(), 2000, 'RF-R-1');
    await h.adapter.freezeRefund(step);
    const settle = settleStep(step, null);
    expect(await h.adapter.rollBackRefund(settle)).toMatchObject({ state: 'rolled_back', balanceFen: zhang.balanceFen });
    expect(await h.adapter.rollBackRefund(settle)).toMatchObject({ state: 'rolled_back', balanceFen: zhang.balanceFen });
    expect(await h.adapter.confirmRefund(settle)).toEqual({ state: 'refused', hisCode: -9, message: '该笔退费已回滚，不能核销' });
    expect([h.sim.ledger.rollbacks('RF-R-1'), h.sim.ledger.confirmations('RF-R-1')]).toEqual([1, 0]);
    expect(h.sim.ledger.balanceFen(zhang.cardNo)).toBe(zhang.balanceFen);
    expect((await wechat()).refundedFen).toBe(5000);
  });

  it('refuses more than a record can refund, or than the balance holds, leaving nothing behind', async () => {
    const r = await wechat();
    expect(await h.adapter.freezeRefund(refundStep(r, 15001, 'RF-O-1'))).toEqual({ state: 'refused', hisCode: -5, message: '退费金额超过该笔充值可退金额' });
    h.sim.spend(zhang.cardNo, zhang.balanceFen - 100);
    expect(await h.adapter.freezeRefund(refundStep(r, 101, 'RF-O-2'))).toMatchObject({ state: 'refused', hisCode: -6 });
    expect([h.sim.ledger.freeze('RF-O-1'), h.sim.ledger.freeze('RF-O-2')]).toEqual([undefined, undefined]);
    expect(h.sim.ledger.balanceFen(zhang.cardNo)).toBe(100);
  });

  it('refuses to settle a refund HIS never froze', async () => {
    expect(await h.adapter.confirmRefund(settleStep(refundStep(await wechat(), 100, 'RF-N-1'), null))).toMatchObject({ state: 'refused', hisCode: -8 });
  });

  it('passes on a negative code HIS chose and its words as refused, nothing frozen', async () => {
    h.sim.faults.inject('OPDRechargeFreeze', { kind: 'error', code: -31, message: '账户已冻结' });
    expect(await h.adapter.freezeRefund(refundStep(await wechat(), 100, 'RF-E-1'))).toEqual({ state: 'refused', hisCode: -31, message: '账户已冻结' });
    expect(h.sim.ledger.freeze('RF-E-1')).toBeUndefined();
  });

  it('answers unknown when HIS does not answer in time, and frozen once when asked again', async () => {
    const step = refundStep(await wechat(), 700, 'RF-T-1');
    h.sim.faults.inject('OPDRechargeFreeze', { kind: 'hang' });
    const started = Date.now();
    const r = await h.impatient.freezeRefund(step);
    expect(r).toMatchObject({ state: 'unknown', reason: expect.stringMatching(/^HIS_UNAVAILABLE: /) });
    expect(Date.now() - started).toBeLessThan(DEPOSIT_TIMEOUT_MS + 1000);
    expect(await h.adapter.freezeRefund(step)).toMatchObject({ state: 'frozen' });
    expect(h.sim.ledger.freeze('RF-T-1')?.commits.freeze).toBe(1);
  });

  it.each(['malformed', 'http500'] as const)('answers unknown for a %s reply, nothing done', async (kind) => {
    const step = refundStep(await wechat(), 700, 'RF-M-1');
    h.sim.faults.inject('*', { kind });
    const r = await h.adapter.freezeRefund(step);
    expect(r.state).toBe('unknown');
    expect(h.sim.ledger.freeze('RF-M-1')).toBeUndefined();
    expect(h.sim.ledger.balanceFen(zhang.cardNo)).toBe(zhang.balanceFen);
  });

  it('confirms once when HIS commits the confirm and then never answers', async () => {
    const step = refundStep(await wechat(), 3000, 'RF-H-1');
    await h.adapter.freezeRefund(step);
    h.sim.faults.inject('OPDRechargeCancellationFee', { kind: 'commit-then-hang' });
    const settle = settleStep(step, h.sim.ledger.freeze('RF-H-1')!.invoiceNo);
    expect(await h.impatient.confirmRefund(settle)).toMatchObject({ state: 'unknown' });
    expect(h.sim.ledger.confirmations('RF-H-1')).toBe(1);
    expect(await h.adapter.confirmRefund(settle)).toMatchObject({ state: 'confirmed', balanceFen: zhang.balanceFen - 3000 });
    expect(h.sim.ledger.confirmations('RF-H-1')).toBe(1);
    expect(h.sim.ledger.refundedFen(zhang.cardNo, step.record.recordId)).toBe(5000 + 3000);
  });

  it('freezes once when HIS commits the freeze and then drops the connection', async () => {
    const step = refundStep(await wechat(), 400, 'RF-D-1');
    h.sim.faults.inject('OPDRechargeFreeze', { kind: 'commit-then-drop' });
    expect(await h.adapter.freezeRefund(step)).toMatchObject({ state: 'unknown' });
    expect(await h.adapter.freezeRefund(step)).toMatchObject({ state: 'frozen', balanceFen: zhang.balanceFen - 400 });
    expect(h.sim.ledger.totals()).toMatchObject({ freezes: 1, confirmations: 0, rollbacks: 0 });
  });

  it('refunds across three records, each within its own limit and the balance, none over-refunded', async () => {
    const refundable = (await records()).filter((r) => r.refundableFen > 0);
    expect(refundable.map((r) => r.refundableFen)).toEqual([15000, 10000, 8000]);
    let balance: number = zhang.balanceFen;
    const amounts: number[] = [];
    for (const [i, r] of refundable.entries()) {
      const amount = Math.min(r.refundableFen, balance);
      // 33000 refundable on the records but 32000 in the account: the third record is cut to the balance.
      if (amount < r.refundableFen) expect(await h.adapter.freezeRefund(refundStep(r, amount + 1, `RF-3-${i}-over`))).toMatchObject({ state: 'refused', hisCode: -6 });
      const step = refundStep(r, amount, `RF-3-${i}`);
      const frozen = await h.adapter.freezeRefund(step);
      if (frozen.state !== 'frozen') throw new Error(`freeze ${frozen.state}`);
      const confirmed = await h.adapter.confirmRefund(settleStep(step, frozen.invoiceNo));
      if (confirmed.state !== 'confirmed') throw new Error(`confirm ${confirmed.state}`);
      balance = confirmed.balanceFen;
      amounts.push(amount);
    }
    expect(amounts).toEqual([15000, 10000, 7000]);
    expect(balance).toBe(0);
    expect(h.sim.ledger.totals()).toEqual({ freezes: 3, confirmations: 3, rollbacks: 0, confirmedFen: zhang.balanceFen });
    expect(h.sim.ledger.openFreezes()).toEqual([]);
    expect(h.sim.ledger.overRefunded()).toEqual([]);
  });
});
