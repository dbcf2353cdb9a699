import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PayerAccount, PaymentNotice } from '../../../domain/payments/ports';
import { NOTIFY_ACK, PaymentPlatformAdapter, parsePaymentNotice } from '../payment.adapter';
import { withSign } from '../payment-sign';
import { createPaymentSimulator } from './payment-sim';
import { REQUIRED_FIELDS } from './sim-required';
import { requiredFieldsFromDocument } from './document-tables';

const APP = { appId: 'hosp-app', appSecret: 'sim-secret-0123' };
const PAYER: PayerAccount = { cardKind: 'hospital_card', cardNo: 'C1', hisPatientId: 'H1', account: 'outpatient', realName: '张三', idNumber: null };

/** A small /pay/notify receiver: acknowledges after `failFirst` refusals, records parsed notices. */
function receiver() {
  const notices: PaymentNotice[] = [];
  const state = { failFirst: 0, hits: 0, rejected: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.hits += 1;
      try {
        notices.push(parsePaymentNotice(Buffer.concat(chunks), APP.appSecret, { appId: APP.appId }));
      } catch {
        state.rejected += 1;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(state.hits <= state.failFirst ? { respCode: '999999', respMsg: 'busy' } : NOTIFY_ACK));
    });
  });
  return {
    notices,
    state,
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/pay/notify`;
    },
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

describe('payment simulator: cashier and notices', () => {
  const sim = createPaymentSimulator({ ...APP, notifyRetryDelaysMs: [20, 20, 20] });
  const rx = receiver();
  let running: { baseUrl: string; close(): Promise<void> };
  let pay: PaymentPlatformAdapter;
  let seq = 0;

  beforeAll(async () => {
    running = await sim.listen();
    sim.setNotifyUrl(await rx.listen());
    pay = new PaymentPlatformAdapter({ serverAddr: running.baseUrl, ...APP, operator: { operatorId: 'APP', operatorName: '掌上医院', termNo: 'APP' }, timeoutMs: 500 });
  });
  afterAll(async () => {
    await running.close();
    await rx.close();
  });
  beforeEach(() => {
    rx.notices.length = 0;
    Object.assign(rx.state, { failFirst: 0, hits: 0, rejected: 0 });
    sim.faults.clear();
  });

  async function h5Charge(amountFen: number, subject = '门诊缴费 <检验>') {
    seq += 1;
    const outChargeNo = `EH${seq}${Date.now()}`;
    const created = await pay.createCharge({
      outChargeNo, amountFen, client: 'h5', channel: 'ONE_QR', subject, payer: PAYER,
      returnUrl: 'https://app.example/pay/done?o=1', expiresAt: new Date(Date.now() + 60_000),
    });
    if (created.outcome !== 'created' || created.payParams.kind !== 'h5') throw new Error('expected an h5 charge');
    return { outChargeNo, cashierUrl: created.payParams.cashierUrl };
  }

  it('renders the cashier page; its POST pays, notifies and redirects to returnUrl', async () => {
    const { outChargeNo, cashierUrl } = await h5Charge(2345);
    const page = await fetch(cashierUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('¥23.45');
    expect(html).toContain('门诊缴费 &#60;检验&#62;');
    expect(html).toMatch(/<button id="sim-cashier-pay"[^>]*>确认支付<\/button>/);
    expect(html).toContain('取消');

    const res = await fetch(`${cashierUrl}/pay`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://app.example/pay/done?o=1');
    await sim.notifier.idle();
    const charge = sim.ledger.charge(outChargeNo);
    expect(charge?.state).toBe('paid');
    expect(rx.notices).toEqual([
      { outChargeNo, chargeNo: charge?.chargeNo, traceNo: charge?.traceNo, amountFen: 2345, tradeMode: 'ONE_QR', paidAt: charge?.paidAt, success: true },
    ]);
    expect(await (await fetch(cashierUrl)).text()).toContain('已支付');
  });

  it('cancel goes back without paying; unknown charges are 404', async () => {
    const { outChargeNo, cashierUrl } = await h5Charge(100);
    const res = await fetch(`${cashierUrl}/cancel`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(sim.ledger.charge(outChargeNo)?.state).toBe('pending');
    expect((await fetch(`${running.baseUrl}/cashier/nope`)).status).toBe(404);
    await pay.closeCharge({ outChargeNo, payer: PAYER });
    expect((await fetch(`${cashierUrl}/pay`, { method: 'POST', redirect: 'manual' })).status).toBe(409);
  });

  it('retries a notice until acknowledged, then stops', async () => {
    rx.state.failFirst = 2;
    const { outChargeNo } = await h5Charge(100);
    await sim.pay(outChargeNo);
    await sim.notifier.idle();
    expect(rx.state.hits).toBe(3);
    expect(rx.notices).toHaveLength(3); // the same notice each time: at least once
    expect(new Set(rx.notices.map((n) => n.traceNo)).size).toBe(1);
  });

  it('notice faults: drop, duplicate, delay', async () => {
    sim.faults.next('notify:drop');
    await sim.pay((await h5Charge(100)).outChargeNo);
    await sim.notifier.idle();
    expect(rx.state.hits).toBe(0);

    sim.faults.next('notify:duplicate:3');
    await sim.pay((await h5Charge(100)).outChargeNo);
    await sim.notifier.idle();
    expect(rx.notices).toHaveLength(3);

    sim.faults.next('notify:delay:150');
    const started = Date.now();
    await sim.pay((await h5Charge(100)).outChargeNo);
    await sim.notifier.idle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(rx.notices).toHaveLength(4);
  });

  it('paying twice does not notify twice', async () => {
    const { outChargeNo } = await h5Charge(100);
    await sim.pay(outChargeNo);
    await sim.pay(outChargeNo);
    await sim.notifier.idle();
    expect(rx.state.hits).toBe(1);
  });

  it('answers 000002 to a wrong signature and 010004 to a foreign appId', async () => {
    const post = async (body: unknown) => (await (await fetch(running.baseUrl, { method: 'POST', body: JSON.stringify(body) })).json()) as { respCode: string };
    const param = { operatorId: 'APP', termNo: 'T1', operatorName: '掌上医院', cardType: '03', cardNo: 'C1', accountType: '01', tradeType: 'hop.trade.recharge', outTradeNo: 'x' };
    const env = { transType: 'hop.trade.query', param, appId: APP.appId, timestamp: '20240101000000', nonce: 'n' };
    expect((await post(withSign(env, 'wrong'))).respCode).toBe('000002');
    expect((await post({ ...withSign(env, APP.appSecret), nonce: 'm' })).respCode).toBe('000002');
    expect((await post(withSign({ ...env, appId: 'other' }, APP.appSecret))).respCode).toBe('010004');
    expect((await post(withSign({ ...env, transType: 'hop.nope' }, APP.appSecret))).respCode).toBe('010002');
    expect((await post(withSign(env, APP.appSecret))).respCode).toBe('000000');
    const raw = await fetch(running.baseUrl, { method: 'POST', body: 'not json' });
    expect(((await raw.json()) as { respCode: string }).respCode).toBe('000004');
  });
});

describe('payment simulator: as strict as the document', () => {
  const sim = createPaymentSimulator(APP);
  let running: { baseUrl: string; close(): Promise<void> };
  beforeAll(async () => {
    running = await sim.listen();
  });
  afterAll(() => running.close());

  const call = async (transType: string, param: Record<string, unknown>) => {
    const env = withSign({ transType, param, appId: APP.appId, timestamp: '20240101000000', nonce: `n${Math.random()}` }, APP.appSecret);
    return (await (await fetch(running.baseUrl, { method: 'POST', body: JSON.stringify(env) })).json()) as { respCode: string; respMsg: string; param: Record<string, unknown> };
  };
  const account = { operatorId: 'APP', termNo: 'T1', operatorName: '掌上医院', cardType: '03', cardNo: 'C1', accountType: '01' };
  const full: Record<string, Record<string, string>> = {
    'hop.trade.recharge': { ...account, hisCustId: 'H1', userName: '张三', amount: '1.00', outChargeNo: 'EHSTRICT1' },
    'hop.trade.recharge.close': { ...account, outChargeNo: 'EHSTRICT1' },
    'hop.account.info': { ...account },
    'hop.trade.query': { ...account, tradeType: 'hop.trade.recharge', outTradeNo: 'EHSTRICT1' },
    'hop.trade.refund': {
      ...account, amount: '1.00', withdrawMode: '1', refundType: 'hisDecide', traceNo: 'TR1', outChargeNo: 'EHSTRICT1', outRefundNo: 'RFSTRICT1',
      hisCustId: 'H1', tradeChannel: 'ONE_QR', refundDeskMode: '1',
    },
  };
  const ownCode: Record<string, string> = { 'hop.trade.recharge.outChargeNo': '020004', 'hop.trade.recharge.close.outChargeNo': '020012', 'hop.trade.refund.outRefundNo': '020013' };
  const cases = Object.entries(REQUIRED_FIELDS).flatMap(([t, fields]) => fields.flatMap((f) => [[t, f, 'missing'], [t, f, 'blank']] as const));

  it.each(cases)('%s without %s (%s) is refused with the document\'s code, and nothing is booked', async (transType, field, how) => {
    const param: Record<string, unknown> = { ...full[transType] };
    if (how === 'missing') delete param[field];
    else param[field] = '  ';
    const before = { charges: sim.ledger.charges.size, refunds: sim.ledger.refunds.size };
    const reply = await call(transType, param);
    expect(reply.respCode).toBe(ownCode[`${transType}.${field}`] ?? '020001');
    expect(reply.respMsg).toContain(field);
    expect({ charges: sim.ledger.charges.size, refunds: sim.ledger.refunds.size }).toEqual(before);
  });

  it('refuses codes outside the document\'s lists (cardType, accountType) with 020000', async () => {
    expect((await call('hop.trade.query', { ...full['hop.trade.query'], cardType: '99' })).respCode).toBe('020000');
    expect((await call('hop.trade.query', { ...full['hop.trade.query'], accountType: '03' })).respCode).toBe('020000');
  });

  it('answers a query with exactly the document\'s reply fields: no amount, no chargeNo', async () => {
    expect((await call('hop.trade.recharge', full['hop.trade.recharge']!)).respCode).toBe('000000');
    await sim.pay('EHSTRICT1');
    const reply = await call('hop.trade.query', full['hop.trade.query']!);
    expect(reply.respCode).toBe('000000');
    const documented = ['result', 'tradeMode', 'resultDesc', 'origTraceNo', 'origTraceTime', 'traceNo', 'extra'];
    expect(Object.keys(reply.param).every((k) => documented.includes(k))).toBe(true);
    expect(reply.param).toMatchObject({ result: 'succ', extra: { paytype: 'ONE_QR' } });
    expect(reply.param).not.toHaveProperty('amount');
  });

  it('keeps the not-nullable table identical to the document\'s request tables', () => {
    const doc = requiredFieldsFromDocument();
    if (!doc) return; // the vendor documents live beside the repository (../shared); CI has them
    for (const [transType, fields] of Object.entries(REQUIRED_FIELDS)) expect([...fields].sort()).toEqual([...(doc[transType] ?? [])].sort());
  });
});
