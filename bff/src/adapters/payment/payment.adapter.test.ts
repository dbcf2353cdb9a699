import type { CreateChargeInput, PayClient } from '../../domain/payments/ports';
import { codeOf } from '../shared/test-support';
import { PaymentPlatformAdapter } from './payment.adapter';
import { createPaymentSimulator } from './sim/payment-sim';

const APP = { appId: 'hosp-app', appSecret: 'sim-secret-0123' };

describe('PaymentPlatformAdapter against the simulator', () => {
  const sim = createPaymentSimulator(APP);
  let running: { baseUrl: string; close(): Promise<void> };
  let pay: PaymentPlatformAdapter;
  let seq = 0;

  beforeAll(async () => {
    running = await sim.listen();
    pay = new PaymentPlatformAdapter({ serverAddr: `${running.baseUrl}/oneapi`, ...APP, timeoutMs: 200 });
  });
  afterAll(() => running.close());
  afterEach(() => sim.faults.clear());

  function charge(client: PayClient = 'h5', amountFen = 1550): CreateChargeInput {
    seq += 1;
    return {
      outChargeNo: `EH${Date.now()}${seq}`,
      amountFen,
      client,
      subject: '预约挂号 内科 张医生',
      patient: { realName: '张三', patientCard: 'C0001', idNumber: '350200199001011234' },
      payerOpenId: client === 'h5' ? undefined : 'open-1',
      returnUrl: 'https://app.example/orders/1',
      expiresAt: new Date(Date.now() + 15 * 60_000),
    };
  }

  async function paidCharge(amountFen = 1550): Promise<string> {
    const input = charge('h5', amountFen);
    await pay.createCharge(input);
    await sim.pay(input.outChargeNo);
    return input.outChargeNo;
  }

  it('creates an H5 charge (ONE_QR) whose cashier link points at the simulator, in yuan with 2 decimals', async () => {
    const input = charge('h5', 1550);
    const created = await pay.createCharge(input);
    expect(created.chargeNo).toMatch(/^CH/);
    expect(created.payParams).toEqual({ kind: 'h5', cashierUrl: `${running.baseUrl}/cashier/${created.chargeNo}` });
    const c = sim.ledger.charge(input.outChargeNo);
    expect(c).toMatchObject({ amountFen: 1550, channel: 'ONE_QR', state: 'pending', returnUrl: input.returnUrl });
    // A retry with the same outChargeNo gets the same charge, not a second one.
    expect((await pay.createCharge(input)).chargeNo).toBe(created.chargeNo);
    expect(sim.ledger.charges.size).toBe(1);
  });

  it('creates WeChat and Alipay mini-program charges with pay-sheet parameters', async () => {
    const wx = await pay.createCharge(charge('weapp'));
    expect(wx.payParams).toMatchObject({ kind: 'weapp', signType: 'MD5', package: expect.stringMatching(/^prepay_id=/) });
    const ali = await pay.createCharge(charge('alipay'));
    expect(ali.payParams).toEqual({ kind: 'alipay', tradeNO: expect.stringMatching(/^2088/) });
    const channels = [...sim.ledger.charges.values()].map((c) => c.channel);
    expect(channels).toEqual(expect.arrayContaining(['WX_PUB', 'ALI_PUB']));
  });

  it('uses channelFor when configured', async () => {
    const custom = new PaymentPlatformAdapter({ serverAddr: running.baseUrl, ...APP, timeoutMs: 500, channelFor: () => 'ALI_WAP' });
    const input = charge('h5');
    await custom.createCharge(input);
    expect(sim.ledger.charge(input.outChargeNo)?.channel).toBe('ALI_WAP');
  });

  it('create → pending → pay → paid with fen amount and paidAt', async () => {
    const input = charge('h5', 1);
    const created = await pay.createCharge(input);
    expect(await pay.queryCharge(input.outChargeNo)).toEqual({ state: 'pending' });
    const at = new Date('2024-03-01T02:03:04Z');
    const paid = await sim.pay(input.outChargeNo, { at });
    expect(await pay.queryCharge(input.outChargeNo)).toEqual({
      state: 'paid', chargeNo: created.chargeNo, traceNo: paid.traceNo, amountFen: 1, paidAt: at, tradeMode: 'ONE_QR',
    });
    expect(await pay.queryCharge('EH-never')).toEqual({ state: 'not_found' });
  });

  it('closes unpaid charges, reports paid ones, and treats 035001 as closed', async () => {
    const input = charge();
    await pay.createCharge(input);
    expect(await pay.closeCharge(input.outChargeNo)).toBe('closed');
    expect(await pay.closeCharge(input.outChargeNo)).toBe('closed'); // 035001 已关闭成功
    expect(await pay.queryCharge(input.outChargeNo)).toEqual({ state: 'closed' });
    expect(await codeOf(pay.createCharge(input))).toBe('CONFLICT');
    const paid = await paidCharge();
    expect(await pay.closeCharge(paid)).toBe('already_paid');
    expect(await pay.closeCharge('EH-never')).toBe('not_found');
    sim.faults.next('hang', 1, 'hop.trade.recharge.close');
    expect(await pay.closeCharge(paid)).toBe('unknown');
  });

  it('refunds once per outRefundNo', async () => {
    const out = await paidCharge(1000);
    const req = { outRefundNo: 'RF-1', outChargeNo: out, refundFen: 400, chargedFen: 1000, reason: '取消预约' };
    const first = await pay.refund(req);
    expect(first).toMatchObject({ state: 'refunded', refundNo: expect.stringMatching(/^RF/) });
    expect(await pay.refund(req)).toMatchObject({ state: 'refunded' }); // 034002 已退款成功
    expect(sim.ledger.refundsOf(out)).toHaveLength(1);
    expect(sim.ledger.refundedFen(out)).toBe(400);
  });

  it.each(['respCode', 'respCodeAfter'] as const)('refund answering 040040 (%s) is pending, the retry settles with one refund', async (kind) => {
    const out = await paidCharge(1000);
    const req = { outRefundNo: `RF-${kind}`, outChargeNo: out, refundFen: 1000, chargedFen: 1000, reason: '退号' };
    sim.faults.next(`${kind}:040040`, 1, 'hop.trade.refund');
    expect(await pay.refund(req)).toEqual({ state: 'pending', code: '040040', message: expect.any(String) });
    expect(await pay.refund(req)).toMatchObject({ state: 'refunded' });
    expect(sim.ledger.refundsOf(out).map((r) => r.outRefundNo)).toEqual([req.outRefundNo]);
    expect(sim.ledger.refundedFen(out)).toBe(1000);
  });

  it.each(['999999', '040037', '040038', '040041', '044003', 'UNKNOWN'])('refund answering %s is pending', async (code) => {
    const out = await paidCharge(100);
    sim.faults.next(`respCode:${code}`, 1, 'hop.trade.refund');
    expect(await pay.refund({ outRefundNo: `RF-${code}`, outChargeNo: out, refundFen: 100, chargedFen: 100, reason: 'x' })).toMatchObject({ state: 'pending', code });
  });

  it('refund timeouts and transport failures are pending', async () => {
    const out = await paidCharge(100);
    const req = { outRefundNo: 'RF-hang', outChargeNo: out, refundFen: 100, chargedFen: 100, reason: 'x' };
    sim.faults.next('hang', 1, 'hop.trade.refund');
    expect(await pay.refund(req)).toMatchObject({ state: 'pending', code: 'TIMEOUT' });
    sim.faults.next('http500', 1, 'hop.trade.query');
    expect(await pay.refund(req)).toMatchObject({ state: 'pending', code: 'QUERY_FAILED' });
    expect(sim.ledger.refundsOf(out)).toHaveLength(0);
  });

  it('over-refund is rejected with 034001 and the ledger is unchanged', async () => {
    const out = await paidCharge(1000);
    await pay.refund({ outRefundNo: 'RF-a', outChargeNo: out, refundFen: 700, chargedFen: 1000, reason: 'x' });
    const r = await pay.refund({ outRefundNo: 'RF-b', outChargeNo: out, refundFen: 400, chargedFen: 1000, reason: 'x' });
    expect(r).toMatchObject({ state: 'rejected', code: '034001' });
    expect(sim.ledger.refundedFen(out)).toBe(700);
    expect(sim.ledger.refunds.has('RF-b')).toBe(false);
    expect(await pay.refund({ outRefundNo: 'RF-c', outChargeNo: out, refundFen: 1001, chargedFen: 1000, reason: 'x' })).toMatchObject({
      state: 'rejected', code: 'INVALID_AMOUNT',
    });
  });

  it('refund of an unpaid charge is rejected; 034005 and other codes are rejected', async () => {
    const input = charge();
    await pay.createCharge(input);
    expect(await pay.refund({ outRefundNo: 'RF-u', outChargeNo: input.outChargeNo, refundFen: 1, chargedFen: 1550, reason: 'x' })).toMatchObject({ state: 'rejected' });
    const out = await paidCharge(100);
    sim.faults.next('respCode:034005', 1, 'hop.trade.refund');
    expect(await pay.refund({ outRefundNo: 'RF-l', outChargeNo: out, refundFen: 100, chargedFen: 100, reason: 'x' })).toMatchObject({ state: 'rejected', code: '034005' });
    expect(sim.ledger.refundsOf(out)).toHaveLength(0);
  });

  it.each([['respCode:999999'], ['hang'], ['malformed'], ['http500']] as const)('query with %s is unknown, never a throw', async (fault) => {
    const input = charge();
    await pay.createCharge(input);
    sim.faults.next(fault, 1, 'hop.trade.query');
    const status = await pay.queryCharge(input.outChargeNo);
    expect(status.state).toBe('unknown');
    expect(await pay.queryCharge(input.outChargeNo)).toEqual({ state: 'pending' });
  });

  it('createCharge on a hang, 500 or unreachable platform is UPSTREAM_UNAVAILABLE', async () => {
    sim.faults.next('hang', 1, 'hop.trade.recharge');
    expect(await codeOf(pay.createCharge(charge()))).toBe('UPSTREAM_UNAVAILABLE');
    sim.faults.next('http500', 1, 'hop.trade.recharge');
    expect(await codeOf(pay.createCharge(charge()))).toBe('UPSTREAM_UNAVAILABLE');
    const dead = new PaymentPlatformAdapter({ serverAddr: 'http://127.0.0.1:9/', ...APP, timeoutMs: 200 });
    expect(await codeOf(dead.createCharge(charge()))).toBe('UPSTREAM_UNAVAILABLE');
    expect(await dead.queryCharge('x')).toMatchObject({ state: 'unknown' });
  });

  it('createCharge: 033001 / 030001 are CONFLICT, 999999 and refusals UPSTREAM_UNAVAILABLE', async () => {
    sim.faults.next('respCode:033001', 1, 'hop.trade.recharge');
    expect(await codeOf(pay.createCharge(charge()))).toBe('CONFLICT');
    const input = charge('h5', 100);
    await pay.createCharge(input);
    expect(await codeOf(pay.createCharge({ ...input, amountFen: 200 }))).toBe('CONFLICT'); // 030001
    sim.faults.next('respCode:999999', 1, 'hop.trade.recharge');
    expect(await codeOf(pay.createCharge(charge()))).toBe('UPSTREAM_UNAVAILABLE');
    // WX_PUB without an openId: 020009.
    expect(await codeOf(pay.createCharge({ ...charge('weapp'), payerOpenId: undefined }))).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('a wrong app secret is refused by the platform (000002) and its replies fail verification', async () => {
    const wrong = new PaymentPlatformAdapter({ serverAddr: running.baseUrl, appId: APP.appId, appSecret: 'wrong', timeoutMs: 500 });
    // The sim answers 000002 signed with its own secret, which the client cannot verify: bad-sign.
    expect(await wrong.queryCharge('x')).toEqual({ state: 'unknown', reason: 'bad-sign' });
    expect(await codeOf(wrong.createCharge(charge()))).toBe('UPSTREAM_UNAVAILABLE');
  });
});
