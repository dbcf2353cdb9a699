import { randomBytes } from 'node:crypto';
import Koa from 'koa';
import { Router } from '@koa/router';
import { fenToYuan } from '@hosp/shared';
import { listenLocal, readRawBody, type RunningSimulator } from '../../shared/sim-kit';
import { formatCompact as formatBeijingTime } from '../../../domain/time';
import { paramObject } from '../payment-client';
import { TRANS } from '../payment-codes';
import { verifyEnvelope, withSign } from '../payment-sign';
import { renderCashierPage, renderMessagePage } from './cashier-page';
import { SimFaults } from './sim-faults';
import { SimLedger, type SimCharge } from './sim-ledger';
import { SimNotifier } from './sim-notifier';
import { handleTrade, reply, type TradeReply } from './sim-trades';

/**
 * A stand-in for the payment platform (易联众 收银台 API) for development, the demo and tests:
 * `POST /` (or `/oneapi`) takes the signed JSON envelope; `GET /cashier/{chargeNo}` is the H5
 * cashier; paying sends a signed `hop.trade.notify` to the notify URL, retried until acknowledged.
 */

export interface PaymentSimulatorOptions {
  appId: string;
  appSecret: string;
  /** Where payment notices go unless the charge named its own (extra.notifyUrl). */
  notifyUrl?: string;
  /** Base of cashier links; defaults to the listening address, then the request's origin. */
  publicBaseUrl?: string;
  /** Waits between notice attempts; default 2 s, 10 s, 30 s, 2 min. */
  notifyRetryDelaysMs?: number[];
  now?: () => Date;
}

export interface PayOptions {
  tradeMode?: string;
  at?: Date;
}

export interface PaymentSimulator {
  app: Koa;
  ledger: SimLedger;
  faults: SimFaults;
  /** Every well-formed, signed request received (latest 1,000): what the caller sent, field by field. */
  received: { transType: string; param: Record<string, unknown> }[];
  notifier: SimNotifier;
  listen(): Promise<RunningSimulator>;
  /** Pays a pending charge as the patient would, then notifies (fire-and-forget). */
  pay(outChargeNo: string, opts?: PayOptions): Promise<SimCharge>;
  setNotifyUrl(url: string | undefined): void;
  /** Called when a charge is paid: the demo wiring posts deposit top-ups to the deposit HIS, as the platform does. */
  onPaid(listener: (c: SimCharge) => void): void;
}

export function createPaymentSimulator(opts: PaymentSimulatorOptions): PaymentSimulator {
  const now = opts.now ?? (() => new Date());
  const ledger = new SimLedger();
  const faults = new SimFaults();
  const notifier = new SimNotifier({ retryDelaysMs: opts.notifyRetryDelaysMs ?? [2_000, 10_000, 30_000, 120_000], timeoutMs: 5_000 });
  let notifyUrl = opts.notifyUrl;
  const received: PaymentSimulator['received'] = [];
  const paidListeners: ((c: SimCharge) => void)[] = [];
  let listenBase: string | undefined;
  const app = new Koa();
  const router = new Router();

  function pay(charge: SimCharge, payOpts: PayOptions = {}): SimCharge {
    if (charge.state === 'closed') throw new Error(`charge ${charge.outChargeNo} is closed`);
    if (charge.state === 'paid') return charge; // paying twice is impossible; no second notice
    // Whole seconds: the platform's times have no milliseconds.
    const at = payOpts.at ?? now();
    charge.paidAt = new Date(Math.floor(at.getTime() / 1000) * 1000);
    charge.state = 'paid';
    charge.traceNo = ledger.mintNo('TR', charge.paidAt);
    charge.tradeMode = payOpts.tradeMode ?? charge.channel;
    ledger.credit(charge);
    for (const listener of paidListeners) listener(charge);
    sendNotice(charge);
    return charge;
  }

  function sendNotice(c: SimCharge): void {
    const url = c.notifyUrl ?? notifyUrl;
    const fault = faults.takeNotice();
    if (!url || !c.paidAt) return;
    const param = {
      outChargeNo: c.outChargeNo, traceNo: c.traceNo, chargeNo: c.chargeNo, amount: fenToYuan(c.amountFen),
      tradeMode: c.tradeMode, traceTime: formatBeijingTime(c.paidAt), result: 'succ',
    };
    const envelope = { transType: TRANS.notify, param, appId: opts.appId, timestamp: formatBeijingTime(now()), nonce: nonce() };
    notifier.send(url, JSON.stringify(withSign(envelope, opts.appSecret)), fault);
  }

  async function api(ctx: Koa.Context): Promise<void> {
    const raw = await readRawBody(ctx, 64 * 1024);
    const answer = (r: TradeReply) => {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(withSign({ respCode: r.respCode, respMsg: r.respMsg, param: r.param ?? {} }, opts.appSecret));
    };
    if (raw === null || raw.trim() === '') return answer(reply(raw === null ? '000004' : '000003'));
    let env: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return answer(reply('000004'));
      env = parsed as Record<string, unknown>;
    } catch {
      return answer(reply('000004'));
    }
    const transType = typeof env.transType === 'string' ? env.transType : '';
    if (!transType) return answer(reply('010001'));
    if (!env.appId) return answer(reply('010003'));
    if (env.appId !== opts.appId) return answer(reply('010004'));
    if (!verifyEnvelope(env, opts.appSecret)) return answer(reply('000002'));
    const param = paramObject(env.param);
    if (!param || Object.keys(param).length === 0) return answer(reply('010008'));
    received.push({ transType, param });
    if (received.length > 1000) received.shift();

    const fault = faults.takeReply(transType);
    if (fault === 'hang') {
      ctx.respond = false; // never answer; close() drops the socket
      return;
    }
    if (fault === 'http500') {
      ctx.status = 500;
      ctx.body = '<html><body>500 Internal Server Error</body></html>';
      return;
    }
    if (fault === 'malformed') {
      ctx.type = 'application/json';
      ctx.body = '{"respCode":"000000","param":{';
      return;
    }
    if (fault?.startsWith('respCode:')) return answer(reply(fault.slice('respCode:'.length)));
    const base = opts.publicBaseUrl ?? listenBase ?? ctx.origin;
    const result = handleTrade(transType, param, { ledger, now, cashierBase: base.replace(/\/+$/, '') }) ?? reply('010002');
    if (fault?.startsWith('respCodeAfter:')) return answer(reply(fault.slice('respCodeAfter:'.length)));
    answer(result);
  }

  router.post('/', api);
  router.post('/oneapi', api);

  router.get('/cashier/:chargeNo', (ctx) => {
    const charge = ledger.chargeByNo(ctx.params.chargeNo ?? '');
    ctx.type = 'text/html; charset=utf-8';
    if (!charge) {
      ctx.status = 404;
      ctx.body = renderMessagePage('订单不存在', '订单不存在或已失效');
      return;
    }
    ctx.body = renderCashierPage(charge);
  });

  router.post('/cashier/:chargeNo/pay', (ctx) => {
    const charge = ledger.chargeByNo(ctx.params.chargeNo ?? '');
    ctx.type = 'text/html; charset=utf-8';
    if (!charge || charge.state === 'closed') {
      ctx.status = charge ? 409 : 404;
      ctx.body = renderMessagePage('无法支付', charge ? '订单已关闭，无法支付' : '订单不存在或已失效');
      return;
    }
    pay(charge);
    backTo(ctx, charge);
  });

  router.post('/cashier/:chargeNo/cancel', (ctx) => {
    const charge = ledger.chargeByNo(ctx.params.chargeNo ?? '');
    if (!charge) {
      ctx.status = 404;
      return;
    }
    backTo(ctx, charge);
  });

  app.use(router.routes()).use(router.allowedMethods());

  return {
    app,
    ledger,
    faults,
    received,
    notifier,
    setNotifyUrl(url) {
      notifyUrl = url;
    },
    onPaid(listener) {
      paidListeners.push(listener);
    },
    async pay(outChargeNo, payOpts) {
      const charge = ledger.charge(outChargeNo);
      if (!charge) throw new Error(`no charge ${outChargeNo}`);
      return pay(charge, payOpts);
    },
    async listen() {
      const running = await listenLocal(app);
      listenBase ??= running.baseUrl;
      return {
        baseUrl: running.baseUrl,
        // Pending notice retries must not outlive the server.
        close: () => {
          notifier.stop();
          return running.close();
        },
      };
    },
  };
}

/** 303 to the order's returnUrl (http(s) only), else back to the cashier page. */
function backTo(ctx: Koa.Context, charge: SimCharge): void {
  const target = charge.returnUrl && /^https?:\/\//i.test(charge.returnUrl) ? charge.returnUrl : `/cashier/${encodeURIComponent(charge.chargeNo)}`;
  ctx.status = 303;
  ctx.set('Location', target);
  ctx.body = '';
}

function nonce(): string {
  return randomBytes(16).toString('hex');
}
