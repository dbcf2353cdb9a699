/**
 * A stand-in for the Alipay gateway's `alipay.open.app.mini.templatemessage.send`, following the
 * public documentation:
 *
 *   POST /gateway.do   (application/x-www-form-urlencoded; common params may also be in the query)
 *   → {"alipay_open_app_mini_templatemessage_send_response": {"code": "10000", "msg": "Success"}, "sign"}
 *
 * Gateway checks, answered in `error_response` as the gateway does, before anything is sent:
 * method, app_id, sign / sign_type RSA2, charset utf-8, version 1.0, timestamp within ±15 min
 * (our choice of window) and the RSA2 signature against the app's public key (40002
 * isv.invalid-signature). Business checks, answered in the method's node with code 40004:
 * biz_content / data not JSON or a template keyword missing (INVALID_PARAMETER), unknown
 * user_template_id (USER_TEMPLATE_ILLEGAL), to_user_id not an Alipay user id (USER_NOT_EXIST), a
 * user who turned the app's messages off (`blockUser`: USER_REFUSED). The sub_codes are our
 * approximation; the adapter depends only on the code. Replies are signed as the gateway signs
 * them — SHA256withRSA over the exact JSON text of the node as it appears in the body — with a
 * simulated platform key (by default the process-wide one, which the sim-mode channel checks;
 * public half: `platformPublicKeyPem`). Faults 'bad-sign' / 'no-sign' spoil the next reply's sign.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type Koa from 'koa';
import { Router } from '@koa/router';
import { FaultSwitch, applyTransportFault, routerApp, type SimApp } from '../shared/sim-kit';
import {
  GATEWAY_BUSY,
  gatewayReplier,
  readGatewayParams,
  setReplySignFault,
  type AlipayGatewayFaultKind,
  type GatewayError,
  checkGatewayRequest,
} from '../alipay/sim-gateway';
import { ALIPAY_SIM_APP_ID, alipaySimAppKeys, alipaySimPlatformKeys, type PemKeyPair } from '../alipay/sim-keys';
import { ALIPAY_TEMPLATE_METHOD, ALIPAY_TEMPLATE_RESPONSE_KEY } from './alipay-template.channel';
import { DEMO_ALIPAY_TEMPLATES } from '@hosp/config';

export interface AlipayTemplateSimOptions {
  appId?: string;
  /** The app's RSA2 public key (SPKI PEM). Default: the process-wide sim keypair. */
  appPublicKeyPem?: string;
  /** user_template_id → the keywords its data must fill. Default: the demo templates. */
  templates?: Record<string, string[]>;
  now?: () => number;
  timestampWindowMs?: number;
  /** The keypair that signs replies. Default: the process-wide sim platform keypair. */
  platformKeys?: PemKeyPair;
}

export interface SentAlipayMessage {
  toUserId: string;
  userTemplateId: string;
  page: string | undefined;
  formId: string | undefined;
  data: Record<string, string>;
}

export interface AlipayTemplateSimulator extends SimApp {
  /**
   * 'error' = 20000 isp.unknow-error (service busy); 'bad-sign' / 'no-sign' = the normal reply
   * (the message is sent) with a corrupted / no `sign`; transport: 'malformed', 'http500', 'hang'.
   */
  faults: FaultSwitch<AlipayGatewayFaultKind>;
  readonly sent: SentAlipayMessage[];
  /** Requests refused at the gateway for a bad signature. */
  readonly badSignatures: number;
  addTemplate(templateId: string, keywords: string[]): void;
  /** The user turned this app's messages off: sends to them are 40004. */
  blockUser(userId: string): void;
  platformPublicKeyPem: string;
}

export function demoAlipayTemplateKeys(): Record<string, string[]> {
  return Object.fromEntries(Object.values(DEMO_ALIPAY_TEMPLATES).map((t) => [t.templateId, Object.values(t.fields)]));
}

export function createAlipayTemplateSimulator(opts: AlipayTemplateSimOptions = {}): AlipayTemplateSimulator {
  const appId = opts.appId ?? ALIPAY_SIM_APP_ID;
  const appPublicKey: KeyObject = createPublicKey(opts.appPublicKeyPem ?? alipaySimAppKeys().publicKeyPem);
  const now = opts.now ?? Date.now;
  const window = opts.timestampWindowMs ?? 15 * 60_000;
  const templates = new Map(Object.entries(opts.templates ?? demoAlipayTemplateKeys()));
  const blocked = new Set<string>();
  const platformKeys = opts.platformKeys ?? alipaySimPlatformKeys();
  const platformPrivateKey = createPrivateKey(platformKeys.privateKeyPem);
  const faults = new FaultSwitch<AlipayGatewayFaultKind>();
  const sent: SentAlipayMessage[] = [];
  let badSignatures = 0;

  const reply = gatewayReplier(platformPrivateKey);
  const gatewayFail = (ctx: Koa.Context, e: GatewayError) => reply(ctx, 'error_response', e);
  const businessFail = (ctx: Koa.Context, subCode: string, subMsg: string) =>
    reply(ctx, ALIPAY_TEMPLATE_RESPONSE_KEY, { code: '40004', msg: 'Business Failed', sub_code: subCode, sub_msg: subMsg });

  const router = new Router();
  router.post('/gateway.do', async (ctx) => {
    const fault = faults.take();
    if (applyTransportFault(ctx, fault, `{"${ALIPAY_TEMPLATE_RESPONSE_KEY}":{"code":"100`)) return;
    setReplySignFault(ctx, fault);
    if (fault === 'error') return gatewayFail(ctx, GATEWAY_BUSY);
    const params = await readGatewayParams(ctx, 64 * 1024);
    if (params === null) return;

    const refused = checkGatewayRequest(params, { method: ALIPAY_TEMPLATE_METHOD, appId, appPublicKey, nowMs: now(), windowMs: window });
    if (refused) {
      if (refused.badSignature) badSignatures++;
      return gatewayFail(ctx, refused.error);
    }

    let biz: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(params.biz_content ?? '');
      if (!parsed || typeof parsed !== 'object') throw new Error('not an object');
      biz = parsed as Record<string, unknown>;
    } catch {
      return businessFail(ctx, 'INVALID_PARAMETER', 'biz_content 格式错误');
    }
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const userTemplateId = str(biz.user_template_id) ?? '';
    const keywords = templates.get(userTemplateId);
    if (!keywords) return businessFail(ctx, 'USER_TEMPLATE_ILLEGAL', '模板不存在或不可用');
    const toUserId = str(biz.to_user_id) ?? '';
    if (!/^2088\d{12}$/.test(toUserId)) return businessFail(ctx, 'USER_NOT_EXIST', '用户不存在');
    if (blocked.has(toUserId)) return businessFail(ctx, 'USER_REFUSED', '用户已关闭消息');

    let dataIn: Record<string, unknown>;
    try {
      const d: unknown = typeof biz.data === 'string' ? JSON.parse(biz.data) : biz.data;
      if (!d || typeof d !== 'object') throw new Error('not an object');
      dataIn = d as Record<string, unknown>;
    } catch {
      return businessFail(ctx, 'INVALID_PARAMETER', 'data 格式错误');
    }
    const data: Record<string, string> = {};
    for (const kw of keywords) {
      const node = dataIn[kw];
      const value = node && typeof node === 'object' ? (node as { value?: unknown }).value : undefined;
      if (typeof value !== 'string' || value.trim() === '') return businessFail(ctx, 'INVALID_PARAMETER', `${kw} 缺失`);
      data[kw] = value;
    }
    sent.push({ toUserId, userTemplateId, page: str(biz.page), formId: str(biz.form_id), data });
    reply(ctx, ALIPAY_TEMPLATE_RESPONSE_KEY, { code: '10000', msg: 'Success' });
  });

  return {
    ...routerApp(router),
    faults,
    sent,
    get badSignatures() {
      return badSignatures;
    },
    addTemplate(templateId, keywords) {
      templates.set(templateId, [...keywords]);
    },
    blockUser(userId) {
      blocked.add(userId);
    },
    platformPublicKeyPem: platformKeys.publicKeyPem,
  };
}
