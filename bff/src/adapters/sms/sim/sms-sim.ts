/**
 * A stand-in for Alibaba Cloud SMS (`SendSms`, see ../aliyun-sms.adapter.ts) for the demo and the
 * tests: it checks the request as the platform does (common parameters, signature, nonce, time
 * window, then the action's own parameters) and answers with the platform's codes. Messages land in
 * an inbox — the simulated phones — readable at `GET /inbox` (a page for the demo) and
 * `GET /inbox.json?phone=` (for tests). The platform's per-phone flow control for verification
 * codes (1 a minute, 5 an hour, 10 a day) is on unless `flowControl: false` (a named leniency for
 * tests that bind one seeded phone many times).
 */
import Router from '@koa/router';
import type Koa from 'koa';
import { readRawBody, routerApp, FaultSwitch, applyTransportFault } from '../../shared/sim-kit';
import { ALIYUN_SMS_VERSION } from '../aliyun-sms.adapter';
import { rpcSignature } from '../aliyun-sign';
import { renderInbox } from './sms-inbox-page';

export const SMS_SIM_CREDENTIALS = {
  accessKeyId: 'sim-sms-access-key',
  accessKeySecret: 'sim-sms-access-secret-0001',
  signName: '演示医院',
  templateCode: 'SMS_100000001',
} as const;

export interface SimSms {
  phone: string;
  signName: string;
  templateCode: string;
  text: string;
  /** The template's `code` variable. */
  code: string;
  bizId: string;
  at: string;
}

export interface SmsSimulatorOptions {
  flowControl?: boolean;
  now?: () => Date;
}

const REQUIRED_COMMON = ['AccessKeyId', 'Action', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Version', 'Signature'];
const REQUIRED_SEND = ['PhoneNumbers', 'SignName', 'TemplateCode'];
const TIME_WINDOW_MS = 15 * 60_000;
const FLOW = [
  { windowMs: 60_000, max: 1 },
  { windowMs: 3_600_000, max: 5 },
  { windowMs: 86_400_000, max: 10 },
];

export function createSmsSimulator(opts: SmsSimulatorOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const state = { messages: [] as SimSms[], nonces: new Map<string, number>(), seq: 0 };
  const faults = new FaultSwitch<'http500' | 'hang' | 'malformed' | 'error'>();
  const calls: { at: string; outcome: string }[] = [];
  const router = new Router();

  function answer(ctx: Koa.Context, status: number, Code: string, Message: string, extra: Record<string, string> = {}): void {
    calls.push({ at: now().toISOString(), outcome: Code });
    ctx.status = status;
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = JSON.stringify({ RequestId: requestId(), Code, Message, ...extra });
  }
  const requestId = () => `SIM-${String(++state.seq).padStart(8, '0')}`;

  async function sendSms(ctx: Koa.Context, method: 'GET' | 'POST'): Promise<void> {
    const raw = method === 'POST' ? await readRawBody(ctx, 64 * 1024) : ctx.querystring;
    if (raw === null) return answer(ctx, 400, 'InvalidParameter', 'request too large');
    const fault = faults.take();
    if (applyTransportFault(ctx, fault, '{"Code":"OK","Message":')) return;
    const p = Object.fromEntries(new URLSearchParams(raw));
    for (const name of REQUIRED_COMMON) if (!p[name]) return answer(ctx, 400, `Missing${name}`, `${name} is mandatory for this action.`);
    if (p.AccessKeyId !== SMS_SIM_CREDENTIALS.accessKeyId) return answer(ctx, 404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (p.SignatureMethod !== 'HMAC-SHA1' || p.SignatureVersion !== '1.0') return answer(ctx, 400, 'InvalidParameter', 'unsupported signature method or version');
    if (p.Signature !== rpcSignature(method, p, SMS_SIM_CREDENTIALS.accessKeySecret)) {
      return answer(ctx, 400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    }
    const at = Date.parse(p.Timestamp!);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(p.Timestamp!) || Number.isNaN(at)) return answer(ctx, 400, 'InvalidTimeStamp.Format', 'Specified time stamp does not match the specified format.');
    if (Math.abs(now().getTime() - at) > TIME_WINDOW_MS) return answer(ctx, 400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    pruneNonces();
    if (state.nonces.has(p.SignatureNonce!)) return answer(ctx, 400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    state.nonces.set(p.SignatureNonce!, now().getTime());
    if (p.Action !== 'SendSms' || p.Version !== ALIYUN_SMS_VERSION) return answer(ctx, 400, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    for (const name of REQUIRED_SEND) if (!p[name]) return answer(ctx, 400, `Missing${name}`, `${name} is mandatory for this action.`);
    if (fault === 'error') return answer(ctx, 200, 'isp.SYSTEM_ERROR', 'isp.SYSTEM_ERROR');
    const phone = p.PhoneNumbers!;
    if (!/^(\+?86|0086)?1[3-9]\d{9}$/.test(phone)) return answer(ctx, 200, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    if (p.SignName !== SMS_SIM_CREDENTIALS.signName) return answer(ctx, 200, 'isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    if (p.TemplateCode !== SMS_SIM_CREDENTIALS.templateCode) return answer(ctx, 200, 'isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    let vars: unknown;
    try {
      vars = JSON.parse(p.TemplateParam ?? '');
    } catch {
      return answer(ctx, 200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    const code = (vars as { code?: unknown } | null)?.code;
    if (typeof code !== 'string') return answer(ctx, 200, typeof code === 'number' ? 'isv.INVALID_JSON_PARAM' : 'isv.TEMPLATE_MISSING_PARAMETERS', '模板缺少变量 code');
    if (opts.flowControl !== false && overFlowLimit(phone)) return answer(ctx, 200, 'isv.BUSINESS_LIMIT_CONTROL', '触发号码天级流控');
    const bizId = `${Date.now()}${String(state.seq + 1).padStart(6, '0')}`;
    state.messages.push({
      phone,
      signName: p.SignName!,
      templateCode: p.TemplateCode!,
      code,
      text: `【${p.SignName}】验证码 ${code}，用于绑定或办理就诊卡，5 分钟内有效。如非本人操作，请忽略本短信。`,
      bizId,
      at: now().toISOString(),
    });
    if (state.messages.length > 1000) state.messages.splice(0, state.messages.length - 1000);
    answer(ctx, 200, 'OK', 'OK', { BizId: bizId });
  }

  function overFlowLimit(phone: string): boolean {
    const t = now().getTime();
    const sent = state.messages.filter((m) => m.phone === phone).map((m) => Date.parse(m.at));
    return FLOW.some((f) => sent.filter((s) => t - s < f.windowMs).length >= f.max);
  }

  function pruneNonces(): void {
    const cutoff = now().getTime() - 2 * TIME_WINDOW_MS;
    for (const [n, at] of state.nonces) if (at < cutoff) state.nonces.delete(n);
  }

  router.post('/', (ctx) => sendSms(ctx, 'POST'));
  router.get('/', (ctx) => sendSms(ctx, 'GET'));
  router.get('/inbox', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = renderInbox(state.messages.slice(-20).reverse());
  });
  router.get('/inbox.json', (ctx) => {
    const phone = typeof ctx.query.phone === 'string' ? ctx.query.phone : '';
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = JSON.stringify({ messages: state.messages.filter((m) => !phone || m.phone === phone) });
  });

  return {
    ...routerApp(router),
    state,
    faults,
    calls,
    /** Messages one phone received, oldest first. */
    inbox: (phone: string): SimSms[] => state.messages.filter((m) => m.phone === phone),
    /** The code of the latest message to a phone. */
    latestCode: (phone: string): string | undefined => state.messages.filter((m) => m.phone === phone).at(-1)?.code,
  };
}

export type SmsSimulator = ReturnType<typeof createSmsSimulator>;
