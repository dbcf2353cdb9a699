import type { PayerAccount } from '../../domain/payments/ports';
import { accountInfoOf } from './payment-account.map';
import { PaymentPlatformAdapter } from './payment.adapter';
import { createPaymentSimulator } from './sim/payment-sim';

const APP = { appId: 'hosp-app', appSecret: 'sim-secret-0123' };
const PAYER: PayerAccount = { cardKind: 'hospital_card', cardNo: 'C9', hisPatientId: 'H9', account: 'outpatient', realName: '张三', idNumber: null };

describe('hop.account.info', () => {
  const sim = createPaymentSimulator(APP);
  let running: { baseUrl: string; close(): Promise<void> };
  let pay: PaymentPlatformAdapter;
  beforeAll(async () => {
    running = await sim.listen();
    pay = new PaymentPlatformAdapter({ serverAddr: running.baseUrl, ...APP, operator: { operatorId: 'APP', operatorName: '掌上医院', termNo: 'APP' }, timeoutMs: 500 });
  });
  afterAll(() => running.close());
  afterEach(() => sim.faults.clear());

  it('asks with every not-nullable field and accountType 01; the simulator answers exactly the document\'s fields', async () => {
    sim.ledger.openAccount({ cardNo: 'C9', accountType: '01', hisCustId: 'H9', userName: '张三', userSex: '1', idNo: '', balanceFen: 12345 });
    expect(await pay.accountInfo(PAYER)).toEqual({ state: 'found', balanceFen: 12345, status: 'normal', accountNo: 'ZH01C9' });
    const sent = sim.received.at(-1)!;
    expect(sent).toMatchObject({ transType: 'hop.account.info', param: { operatorId: 'APP', termNo: 'APP', operatorName: '掌上医院', cardType: '03', cardNo: 'C9', accountType: '01' } });
  });

  it('keeps the account balance equal to paid top-ups minus their refunds; other payments do not stay in it', async () => {
    const payer = { ...PAYER, cardNo: 'C10' };
    const base = { amountFen: 5000, client: 'h5' as const, channel: 'ONE_QR', subject: '充值', payer, expiresAt: new Date(Date.now() + 60_000) };
    await pay.createCharge({ ...base, outChargeNo: 'EHTOPUP1', purpose: 'deposit_top_up' });
    await pay.createCharge({ ...base, outChargeNo: 'EHFEE1' });
    const top = await sim.pay('EHTOPUP1');
    await sim.pay('EHFEE1');
    expect(await pay.accountInfo(payer)).toMatchObject({ balanceFen: 5000 });
    const r = await pay.refund({ outRefundNo: 'RFTOPUP1', charge: { outChargeNo: 'EHTOPUP1', payer, traceNo: top.traceNo! }, channel: 'ONE_QR', refundFen: 2000, chargedFen: 5000, flow: 'prepareAndConfirm', reason: 't' });
    expect(r.state).toBe('refunded');
    expect(await pay.accountInfo(payer)).toMatchObject({ balanceFen: 3000 });
  });

  it('an unknown card is not_found (031003); a platform error or no answer is unknown, never a balance', async () => {
    expect(await pay.accountInfo({ ...PAYER, cardNo: 'NOPE' })).toEqual({ state: 'not_found' });
    sim.faults.next('respCode:999999', 1, 'hop.account.info');
    expect((await pay.accountInfo(PAYER)).state).toBe('unknown');
    sim.faults.next('malformed', 1, 'hop.account.info');
    expect((await pay.accountInfo(PAYER)).state).toBe('unknown');
  });

  it.each([['02', 'lost'], ['03', 'frozen'], ['04', 'cancelled']] as const)('status %s reads as %s', (status, state) => {
    expect(accountInfoOf({ respCode: '000000', respMsg: '', param: { balance: '1.00', status } } as never)).toMatchObject({ status: state, balanceFen: 100 });
  });

  it('a balance that is not money, or a status outside the list, is an unknown answer', () => {
    expect(accountInfoOf({ respCode: '000000', respMsg: '', param: { balance: 'abc', status: '01' } } as never).state).toBe('unknown');
    expect(accountInfoOf({ respCode: '000000', respMsg: '', param: { balance: '1.00', status: '09' } } as never).state).toBe('unknown');
  });
});
