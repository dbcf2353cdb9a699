import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PaymentNotice } from '../../../domain/payments/ports';
import { NOTIFY_ACK, PaymentPlatformAdapter, parsePaymentNotice } from '../payment.adapter';
import { withSign } from '../payment-sign';
import { createPaymentSimulator } from './payment-sim';

const APP = { appId: 'hosp-app', appSecret: 'sim-secret-0123' };

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
    pay = new PaymentPlatformAdapter({ serverAddr: running.baseUrl, ...APP, timeoutMs: 500 });
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
      outChargeNo, amountFen, client: 'h5', subject, patient: { realName: '张三', patientCard: 'C1', idNumber: '' },
      returnUrl: 'https://app.example/pay/done?o=1', expiresAt: new Date(Date.now() + 60_000),
    });
    if (created.payParams.kind !== 'h5') throw new Error('expected h5');
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
    await pay.closeCharge(outChargeNo);
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
    const env = { transType: 'hop.trade.query', param: { outTradeNo: 'x' }, appId: APP.appId, timestamp: '20240101000000', nonce: 'n' };
    expect((await post(withSign(env, 'wrong'))).respCode).toBe('000002');
    expect((await post({ ...withSign(env, APP.appSecret), nonce: 'm' })).respCode).toBe('000002');
    expect((await post(withSign({ ...env, appId: 'other' }, APP.appSecret))).respCode).toBe('010004');
    expect((await post(withSign({ ...env, transType: 'hop.nope' }, APP.appSecret))).respCode).toBe('010002');
    expect((await post(withSign(env, APP.appSecret))).respCode).toBe('000000');
    const raw = await fetch(running.baseUrl, { method: 'POST', body: 'not json' });
    expect(((await raw.json()) as { respCode: string }).respCode).toBe('000004');
  });
});
