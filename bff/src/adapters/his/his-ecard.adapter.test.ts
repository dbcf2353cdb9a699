/** HisECardAdapter against the simulator over both transports: balance, recharge, posting faults. */
import { HisECardAdapter } from './his-ecard.adapter';
import type { HisClient } from './his-client';
import type { HisSimulator, SimListening } from './sim/his-simulator';
import { seed } from './sim/seed';
import { BOOKING_NOW, failure, listeningSimulator, replyingClient, simClient } from './test-support';

const KEY = 'ecard-test-sign-key';
const TIMEOUT_MS = 400;
const zhang = { realName: seed.outpatient.realName, patientCard: seed.outpatient.patientCard };
const PAYED_AT = new Date('2024-10-14T01:02:03Z');

describe.each(['http', 'soap'] as const)('HisECardAdapter against the simulator over %s', (transport) => {
  let sim: HisSimulator;
  let server: SimListening;
  let client: HisClient;
  let ecard: HisECardAdapter;
  /** Gives up after TIMEOUT_MS (the hang cases). */
  let quick: HisECardAdapter;
  let seq = 0;
  const tradeNo = () => `EH${transport === 'soap' ? 4 : 3}${String(++seq).padStart(17, '0')}`;
  const recharge = (amountFen: number, no = tradeNo()) => ({ tradeNo: no, holder: zhang, amountFen, payType: 'wechatMP', payedAt: PAYED_AT });

  beforeAll(async () => {
    ({ sim, server, client } = await listeningSimulator(transport, KEY, BOOKING_NOW));
    ecard = new HisECardAdapter(client);
    quick = new HisECardAdapter(simClient(transport, server, KEY, TIMEOUT_MS));
  });
  afterAll(() => server.close());
  afterEach(() => sim.faults.clear());

  it('reads the balance (remainAmt) in fen, the same figure queryPatientInfo holds', async () => {
    await expect(ecard.balance({ realName: seed.inpatient.realName, patientCard: seed.inpatient.patientCard })).resolves.toEqual({ state: 'active', balanceFen: -1250 });
    await expect(ecard.balance({ realName: seed.discharged.realName, patientCard: seed.discharged.patientCard })).resolves.toEqual({ state: 'active', balanceFen: 1500 });
  });

  it('explains a lost card, and a card HIS does not know or that is not the name given', async () => {
    await expect(ecard.balance({ realName: seed.lostCard.realName, patientCard: seed.lostCard.patientCard })).resolves.toEqual({
      state: 'unusable',
      reason: 'lost',
      message: '该卡已挂失，请到窗口办理',
    });
    await expect(ecard.balance({ realName: '李四', patientCard: zhang.patientCard })).resolves.toMatchObject({ state: 'unusable', reason: 'invalid' });
    await expect(ecard.balance({ realName: '张三', patientCard: '999999' })).resolves.toMatchObject({ state: 'unusable', reason: 'invalid' });
    await expect(ecard.balance({ realName: seed.longCard.realName, patientCard: seed.longCard.patientCard })).resolves.toEqual({
      state: 'unusable',
      reason: 'invalid',
      message: '该卡未开通一卡通账户',
    });
  });

  it('treats any other HIS error as HIS_REJECTED, not as a card problem', async () => {
    sim.faults.inject('checkECard', { kind: 'error', message: '系统维护中' });
    const err = await failure(ecard.balance(zhang));
    expect(err.code).toBe('HIS_REJECTED');
    expect(err.message).toBe('系统维护中');
  });

  it('recharges once under 10 duplicate notices (some at once), and the new balance reads back', async () => {
    const before = await ecard.balance(zhang);
    if (before.state !== 'active') throw new Error('张三 has a one-card account in the seed');
    const input = recharge(5000);
    sim.faults.inject('rechargeECard', { kind: 'slow-commit', delayMs: 100 });
    const firstFive = await Promise.all(Array.from({ length: 5 }, () => ecard.postRecharge(input)));
    const nextFive = [];
    for (let i = 0; i < 5; i++) nextFive.push(await ecard.postRecharge(input));
    const all = [...firstFive, ...nextFive];
    expect(all[0]).toEqual({ state: 'posted', invoiceNo: expect.stringMatching(/^YKT/), serialNo: expect.stringMatching(/^YKTLS/) });
    for (const r of all) expect(r).toEqual(all[0]);
    expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);
    expect(sim.ledger.postAttempts(input.tradeNo)).toBe(10);
    await expect(ecard.balance(zhang)).resolves.toEqual({ state: 'active', balanceFen: before.balanceFen + 5000 });
    await expect(ecard.queryOrderStatus(input.tradeNo)).resolves.toEqual({ state: 'posted', invoiceNo: all[0]!.state === 'posted' ? all[0]!.invoiceNo : '', hisPayId: expect.stringMatching(/^YKTLS/) });
  });

  it('HIS error ×2 then OK: failed twice (not refundable), booked once on the third', async () => {
    const input = recharge(1000);
    sim.faults.inject('rechargeECard', { kind: 'error', times: 2, message: '系统繁忙' });
    await expect(ecard.postRecharge(input)).resolves.toEqual({ state: 'failed', isRefund: false, message: '系统繁忙' });
    await expect(ecard.postRecharge(input)).resolves.toEqual({ state: 'failed', isRefund: false, message: '系统繁忙' });
    expect(sim.ledger.bookedCount(input.tradeNo)).toBe(0);
    expect((await ecard.postRecharge(input)).state).toBe('posted');
    expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);
  });

  it('commit-then-hang: HIS_UNAVAILABLE in time; queryOrderStatus(eCardPay) says posted; a later notice books nothing more', async () => {
    const input = recharge(2000);
    sim.faults.inject('rechargeECard', { kind: 'commit-then-hang' });
    const started = Date.now();
    expect((await failure(quick.postRecharge(input))).code).toBe('HIS_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 500);
    await expect(ecard.queryOrderStatus(input.tradeNo)).resolves.toMatchObject({ state: 'posted' });
    expect((await ecard.postRecharge(input)).state).toBe('posted');
    expect(sim.ledger.bookedCount(input.tradeNo)).toBe(1);
  });

  it('a lost card cannot be recharged: failed with HIS words, nothing booked, the same answer again', async () => {
    const input = { ...recharge(1000), holder: { realName: seed.lostCard.realName, patientCard: seed.lostCard.patientCard } };
    const r = await ecard.postRecharge(input);
    expect(r).toEqual({ state: 'failed', isRefund: false, message: '该卡已挂失，请到窗口办理' });
    await expect(ecard.postRecharge(input)).resolves.toEqual(r);
    expect(sim.ledger.bookedCount(input.tradeNo)).toBe(0);
    await expect(ecard.queryOrderStatus(input.tradeNo)).resolves.toEqual({ state: 'not_posted', message: '该卡已挂失，请到窗口办理' });
  });

  it('error with isRefund=1 (a HIS that sends it) is failed and refundable', async () => {
    const input = recharge(1000);
    sim.faults.inject('rechargeECard', { kind: 'error-refund', message: '账户已冻结' });
    await expect(ecard.postRecharge(input)).resolves.toEqual({ state: 'failed', isRefund: true, message: '账户已冻结' });
    expect(sim.ledger.bookedCount(input.tradeNo)).toBe(0);
  });

  it('queryOrderStatus: ERROR (an unknown tradeNo, or HIS failing) is not_posted with HIS words', async () => {
    await expect(ecard.queryOrderStatus('EH000000000000000404')).resolves.toEqual({ state: 'not_posted', message: '未查询到该订单的支付记录' });
    sim.faults.inject('queryOrderStatus', { kind: 'error', message: '查询失败' });
    await expect(ecard.queryOrderStatus('EH1')).resolves.toEqual({ state: 'not_posted', message: '查询失败' });
  });

  it('malformed replies become HIS_BAD_REPLY, a hang HIS_UNAVAILABLE', async () => {
    sim.faults.inject('checkECard', { kind: 'malformed' });
    expect((await failure(ecard.balance(zhang))).code).toBe('HIS_BAD_REPLY');
    sim.faults.inject('rechargeECard', { kind: 'malformed' });
    expect((await failure(ecard.postRecharge(recharge(100)))).code).toBe('HIS_BAD_REPLY');
    sim.faults.inject('checkECard', { kind: 'hang' });
    expect((await failure(quick.balance(zhang))).code).toBe('HIS_UNAVAILABLE');
  });

  describe('the realName switch', () => {
    it('a HIS of the other reading refuses the sign; nothing is booked', async () => {
      const other = await listeningSimulator(transport, KEY, BOOKING_NOW, 2000, { eCardSignsRealName: false });
      try {
        const input = recharge(100);
        await expect(new HisECardAdapter(other.client).postRecharge(input)).resolves.toEqual({ state: 'failed', isRefund: false, message: '签名验证失败' });
        expect(other.sim.ledger.bookedCount(input.tradeNo)).toBe(0);
        // Configured alike, the same request is booked.
        await expect(new HisECardAdapter(other.client, { signRealName: false }).postRecharge(input)).resolves.toMatchObject({ state: 'posted' });
        expect(other.sim.ledger.bookedCount(input.tradeNo)).toBe(1);
      } finally {
        await other.server.close();
      }
    });
  });
});

describe('HisECardAdapter on replies as other HIS write them', () => {
  it('reads remainAmt at the top or inside <data>, 120 / 120.0 / -3.5', async () => {
    const read = (xml: string) => new HisECardAdapter(replyingClient(xml)).balance(zhang);
    await expect(read('<response><result>SUCCESS</result><remainAmt>120</remainAmt></response>')).resolves.toEqual({ state: 'active', balanceFen: 12000 });
    await expect(read('<response><result>success</result><data><remainAmt>120.0</remainAmt></data></response>')).resolves.toEqual({ state: 'active', balanceFen: 12000 });
    await expect(read('<response><result>success</result><remainAmt>-3.5</remainAmt></response>')).resolves.toEqual({ state: 'active', balanceFen: -350 });
  });

  it('refuses a success without a readable remainAmt (HIS_BAD_REPLY), never a balance of 0', async () => {
    const read = (xml: string) => new HisECardAdapter(replyingClient(xml)).balance(zhang);
    expect((await failure(read('<response><result>success</result><message/></response>'))).code).toBe('HIS_BAD_REPLY');
    expect((await failure(read('<response><result>success</result><remainAmt>1,200.00</remainAmt></response>'))).code).toBe('HIS_BAD_REPLY');
    expect((await failure(read('<response><result>success</result><remainAmt>12.345</remainAmt></response>'))).code).toBe('HIS_BAD_REPLY');
  });
});
