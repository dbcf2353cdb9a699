import type { ChargeRef, CreateChargeInput, PayClient, PayerAccount, RefundInput } from '../../domain/payments/ports';
import { DEFAULT_CHANNELS } from './payment.adapter';
import { codeOf } from '../shared/test-support';
import { PaymentPlatformAdapter } from './payment.adapter';
import { createPaymentSimulator } from './sim/payment-sim';

const APP = { appId: 'hosp-app', appSecret: 'sim-secret-0123' };
const OPERATOR = { operator: { operatorId: 'APP', operatorName: '掌上医院', termNo: 'T01' } };
const PAYER: PayerAccount = { cardKind: 'hospital_card', cardNo: 'C0001', hisPatientId: '6000234', account: 'outpatient', realName: '张三', idNumber: '350200199001011234' };
const ref = (outChargeNo: string, traceNo: string | null = null): ChargeRef => ({ outChargeNo, payer: PAYER, traceNo });

describe('PaymentPlatformAdapter against the simulator', () => {
  const sim = createPaymentSimulator(APP);
  let running: { baseUrl: string; close(): Promise<void> };
  let pay: PaymentPlatformAdapter;
  let seq = 0;

  beforeAll(async () => {
    running = await sim.listen();
    pay = new PaymentPlatformAdapter({ serverAddr: `${running.baseUrl}/oneapi`, ...APP, ...OPERATOR, timeoutMs: 1000 });
  });
  afterAll(() => running.close());
  afterEach(() => sim.faults.clear());

  function charge(client: PayClient = 'h5', amountFen = 1550): CreateChargeInput {
    seq += 1;
    return {
      outChargeNo: `EH${Date.now()}${seq}`,
      amountFen,
      client,
      channel: DEFAULT_CHANNELS[client],
      subject: '预约挂号 内科 张医生',
      payer: PAYER,
      payerOpenId: client === 'h5' ? undefined : 'open-1',
      returnUrl: 'https://app.example/orders/1',
      expiresAt: new Date(Date.now() + 15 * 60_000),
    };
  }

  const created = async (input: CreateChargeInput) => {
    const c = await pay.createCharge(input);
    if (c.outcome !== 'created') throw new Error(`not created: ${c.outcome}`);
    return c;
  };

  async function paidCharge(amountFen = 1550): Promise<{ out: string; traceNo: string }> {
    const input = charge('h5', amountFen);
    await created(input);
    const c = await sim.pay(input.outChargeNo);
    return { out: input.outChargeNo, traceNo: c.traceNo! };
  }

  const refund = (p: { out: string; traceNo: string }, outRefundNo: string, refundFen: number, chargedFen: number): RefundInput => ({
    outRefundNo, charge: { outChargeNo: p.out, payer: PAYER, traceNo: p.traceNo }, channel: 'ONE_QR', refundFen, chargedFen, flow: 'hisDecide', reason: '取消预约',
  });

  it('creates an H5 charge (ONE_QR) whose cashier link points at the simulator, in yuan with 2 decimals', async () => {
    const input = charge('h5', 1550);
    const first = await created(input);
    expect(first.chargeNo).toMatch(/^CH/);
    expect(first.payParams).toEqual({ kind: 'h5', cashierUrl: `${running.baseUrl}/cashier/${first.chargeNo}` });
    const c = sim.ledger.charge(input.outChargeNo);
    expect(c).toMatchObject({ amountFen: 1550, channel: 'ONE_QR', state: 'pending', returnUrl: input.returnUrl });
    // A retry with the same outChargeNo gets the same charge, not a second one.
    expect((await created(input)).chargeNo).toBe(first.chargeNo);
    expect(sim.ledger.charges.size).toBe(1);
  });

  it('creates WeChat and Alipay mini-program charges with pay-sheet parameters', async () => {
    const wx = await created(charge('weapp'));
    expect(wx.payParams).toMatchObject({ kind: 'weapp', signType: 'MD5', package: expect.stringMatching(/^prepay_id=/) });
    const ali = await created(charge('alipay'));
    expect(ali.payParams).toEqual({ kind: 'alipay', tradeNO: expect.stringMatching(/^2088/) });
    const channels = [...sim.ledger.charges.values()].map((c) => c.channel);
    expect(channels).toEqual(expect.arrayContaining(['WX_PUB', 'ALI_PUB']));
  });

  it('charges through the channel the order fixed, on the payer\'s card and HIS patient id', async () => {
    const input = { ...charge('h5'), channel: 'ALI_WAP' };
    await created(input);
    expect(sim.ledger.charge(input.outChargeNo)).toMatchObject({ channel: 'ALI_WAP', cardNo: 'C0001', hisCustId: '6000234', userName: '张三' });
  });

  it('create → pending → pay → paid, with the trace number and time; the query names no amount', async () => {
    const input = charge('h5', 1);
    await created(input);
    expect(await pay.queryCharge(ref(input.outChargeNo))).toEqual({ state: 'pending' });
    const at = new Date('2024-03-01T02:03:04Z');
    const paid = await sim.pay(input.outChargeNo, { at });
    expect(await pay.queryCharge(ref(input.outChargeNo))).toEqual({ state: 'paid', traceNo: paid.traceNo, paidAt: at, tradeMode: 'ONE_QR' });
    expect(await pay.queryCharge(ref('EH-never'))).toEqual({ state: 'not_found' });
  });

  it('a repeated recharge of a paid order answers "already paid" (033001) instead of charging again', async () => {
    const input = charge('h5', 300);
    await created(input);
    await sim.pay(input.outChargeNo);
    expect(await pay.createCharge(input)).toEqual({ outcome: 'already_paid' });
    expect(sim.ledger.charges.get(input.outChargeNo)?.state).toBe('paid');
  });

  it('closes unpaid charges, reports paid ones, and treats 035001 as closed', async () => {
    const input = charge();
    await created(input);
    expect(await pay.closeCharge(ref(input.outChargeNo))).toBe('closed');
    expect(await pay.closeCharge(ref(input.outChargeNo))).toBe('closed'); // 035001 已关闭成功
    expect(await pay.queryCharge(ref(input.outChargeNo))).toEqual({ state: 'closed' });
    expect(await codeOf(pay.createCharge(input))).toBe('CONFLICT');
    const paid = await paidCharge();
    expect(await pay.closeCharge(ref(paid.out))).toBe('already_paid');
    expect(await pay.closeCharge(ref('EH-never'))).toBe('not_found');
    sim.faults.next('hang', 1, 'hop.trade.recharge.close');
    expect(await pay.closeCharge(ref(paid.out))).toBe('unknown');
  });

  it('refunds once per outRefundNo', async () => {
    const p = await paidCharge(1000);
    const req = refund(p, 'RF-1', 400, 1000);
    const first = await pay.refund(req);
    expect(first).toMatchObject({ state: 'refunded', refundNo: expect.stringMatching(/^RF/) });
    expect(await pay.refund(req)).toMatchObject({ state: 'refunded' }); // 034002 已退款成功
    expect(sim.ledger.refundsOf(p.out)).toHaveLength(1);
    expect(sim.ledger.refundedFen(p.out)).toBe(400);
    expect(await pay.queryRefund('RF-1', PAYER)).toMatchObject({ state: 'refunded' });
    expect(await pay.queryRefund('RF-none', PAYER)).toEqual({ state: 'not_found' });
  });

  it.each(['respCode', 'respCodeAfter'] as const)('refund answering 040040 (%s) is pending, the retry settles with one refund', async (kind) => {
    const p = await paidCharge(1000);
    const req = refund(p, `RF-${kind}`, 1000, 1000);
    sim.faults.next(`${kind}:040040`, 1, 'hop.trade.refund');
    expect(await pay.refund(req)).toEqual({ state: 'pending', code: '040040', message: expect.any(String) });
    // The document: ask hop.trade.query (tradeType refund) what became of it.
    expect(await pay.queryRefund(req.outRefundNo, PAYER)).toMatchObject({ state: kind === 'respCode' ? 'not_found' : 'refunded' });
    expect(await pay.refund(req)).toMatchObject({ state: 'refunded' });
    expect(sim.ledger.refundsOf(p.out).map((r) => r.outRefundNo)).toEqual([req.outRefundNo]);
    expect(sim.ledger.refundedFen(p.out)).toBe(1000);
  });

  it.each(['999999', '040037', '040038', '040041', '044003', 'UNKNOWN'])('refund answering %s is pending', async (code) => {
    const p = await paidCharge(100);
    sim.faults.next(`respCode:${code}`, 1, 'hop.trade.refund');
    expect(await pay.refund(refund(p, `RF-${code}`, 100, 100))).toMatchObject({ state: 'pending', code });
  });

  it('refund timeouts and transport failures are pending', async () => {
    const p = await paidCharge(100);
    const req = refund(p, 'RF-hang', 100, 100);
    sim.faults.next('hang', 1, 'hop.trade.refund');
    expect(await pay.refund(req)).toMatchObject({ state: 'pending', code: 'TIMEOUT' });
    sim.faults.next('http500', 1, 'hop.trade.refund');
    expect(await pay.refund(req)).toMatchObject({ state: 'pending', code: 'HTTP-STATUS' });
    sim.faults.next('http500', 1, 'hop.trade.query');
    expect(await pay.queryRefund('RF-hang', PAYER)).toMatchObject({ state: 'unknown' });
    expect(sim.ledger.refundsOf(p.out)).toHaveLength(0);
  });

  it('over-refund is rejected with 034001 and the ledger is unchanged', async () => {
    const p = await paidCharge(1000);
    await pay.refund(refund(p, 'RF-a', 700, 1000));
    const r = await pay.refund(refund(p, 'RF-b', 400, 1000));
    expect(r).toMatchObject({ state: 'rejected', code: '034001' });
    expect(sim.ledger.refundedFen(p.out)).toBe(700);
    expect(sim.ledger.refunds.has('RF-b')).toBe(false);
    expect(await pay.refund(refund(p, 'RF-c', 1001, 1000))).toMatchObject({
      state: 'rejected', code: 'INVALID_AMOUNT',
    });
  });

  it('refund of an unpaid charge is rejected; 034005 and other codes are rejected', async () => {
    const input = charge();
    await created(input);
    expect(await pay.refund(refund({ out: input.outChargeNo, traceNo: 'TR-none' }, 'RF-u', 1, 1550))).toMatchObject({ state: 'rejected' });
    const p = await paidCharge(100);
    sim.faults.next('respCode:034005', 1, 'hop.trade.refund');
    expect(await pay.refund(refund(p, 'RF-l', 100, 100))).toMatchObject({ state: 'rejected', code: '034005' });
    // The refund desk shows only the charge's own channel: another channel finds no such trade.
    expect(await pay.refund({ ...refund(p, 'RF-ch', 100, 100), channel: 'WX_PUB' })).toMatchObject({ state: 'rejected', code: '034006' });
    expect(sim.ledger.refundsOf(p.out)).toHaveLength(0);
  });

  it.each([['respCode:999999'], ['hang'], ['malformed'], ['http500']] as const)('query with %s is unknown, never a throw', async (fault) => {
    const input = charge();
    await created(input);
    sim.faults.next(fault, 1, 'hop.trade.query');
    const status = await pay.queryCharge(ref(input.outChargeNo));
    expect(status.state).toBe('unknown');
    expect(await pay.queryCharge(ref(input.outChargeNo))).toEqual({ state: 'pending' });
  });

  it('createCharge on a hang, 500 or unreachable platform is UPSTREAM_UNAVAILABLE', async () => {
    sim.faults.next('hang', 1, 'hop.trade.recharge');
    expect(await codeOf(pay.createCharge(charge()))).toBe('UPSTREAM_UNAVAILABLE');
    sim.faults.next('http500', 1, 'hop.trade.recharge');
    expect(await codeOf(pay.createCharge(charge()))).toBe('UPSTREAM_UNAVAILABLE');
    const dead = new PaymentPlatformAdapter({ serverAddr: 'http://127.0.0.1:9/', ...APP, ...OPERATOR, timeoutMs: 1000 });
    expect(await codeOf(dead.createCharge(charge()))).toBe('UPSTREAM_UNAVAILABLE');
    expect(await dead.queryCharge(ref('x'))).toMatchObject({ state: 'unknown' });
  });

  it('createCharge: 030001 is CONFLICT, 999999 and refusals UPSTREAM_UNAVAILABLE', async () => {
    const input = charge('h5', 100);
    await created(input);
    expect(await codeOf(pay.createCharge({ ...input, amountFen: 200 }))).toBe('CONFLICT'); // 030001
    sim.faults.next('respCode:999999', 1, 'hop.trade.recharge');
    expect(await codeOf(pay.createCharge(charge()))).toBe('UPSTREAM_UNAVAILABLE');
    // WX_PUB without an openId: 020009.
    expect(await codeOf(pay.createCharge({ ...charge('weapp'), payerOpenId: undefined }))).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('a wrong app secret is refused by the platform (000002) and its replies fail verification', async () => {
    const wrong = new PaymentPlatformAdapter({ serverAddr: running.baseUrl, appId: APP.appId, appSecret: 'wrong', ...OPERATOR, timeoutMs: 500 });
    // The sim answers 000002 signed with its own secret, which the client cannot verify: bad-sign.
    expect(await wrong.queryCharge(ref('x'))).toEqual({ state: 'unknown', reason: 'bad-sign' });
    expect(await codeOf(wrong.createCharge(charge()))).toBe('UPSTREAM_UNAVAILABLE');
  });
});
