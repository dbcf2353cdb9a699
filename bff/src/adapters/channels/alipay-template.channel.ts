/**
 * Alipay mini-program template message: `alipay.open.app.mini.templatemessage.send` on the open-API
 * gateway, a form POST signed RSA2 with the app's private key exactly as the login adapter's
 * (alipay/alipay-sign.ts):
 *
 *   POST {gateway}  app_id, method, format=JSON, charset=utf-8, sign_type=RSA2,
 *                   timestamp=yyyy-MM-dd HH:mm:ss (Beijing), version=1.0, biz_content, sign
 *   biz_content = {"to_user_id", "user_template_id", "page", "data": "<JSON text of
 *                  {\"keyword1\": {\"value\": \"…\"}, …}>", "form_id"?}
 *   → {"alipay_open_app_mini_templatemessage_send_response": {"code": "10000", "msg": "Success"}, "sign"}
 *   → {"alipay_open_app_mini_templatemessage_send_response" | "error_response":
 *        {"code", "msg", "sub_code", "sub_msg"}, "sign"}
 *
 * code → outcome: 10000 sent (the API returns no message id: messageId null); 40004 (business
 * failure: unknown user, template not usable, no form_id / quota) rejected, reason
 * `alipay:<sub_code>`; 20000 (service busy) and everything else — 40001/40002 missing or invalid
 * arguments incl. a bad signature, 40006 no permission, 20001 auth — retry: those are our
 * configuration or the platform, not the recipient. Timeouts, HTTP errors, oversize or malformed
 * replies: retry.
 *
 * `data` is sent as JSON text inside biz_content, as Alipay's SDK samples do. The public API also
 * takes a `form_id` (a form submission or trade number of the user's, proving recent interaction);
 * our OutboundMessage has none, so it is optional here, supplied by `formIdOf` when the caller has
 * one. Values are cut to `maxValueChars` (default 20).
 *
 * Reply signature (as in the login adapter): the reply's `sign` is checked with the Alipay public
 * key over the exact text of its node before its code is believed; a missing or bad sign is
 * `retry` with reason `bad-reply-sign` — never `sent` nor `rejected` on an unproven reply. Sim mode
 * always checks; remote mode when `alipay.alipayPublicKeyPem` is configured, otherwise replies are
 * taken unverified and a warning says so once, when the channel is built.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { Config, NoticesConfig } from '@hosp/config';
import { z } from 'zod';
import type { NoticeChannel, OutboundMessage, SendResult } from '../../domain/notices/ports';
import { alipayPublicKeyOf, openGatewayReply } from '../alipay/alipay-reply';
import { gatewayAt, signedGatewayParams } from '../alipay/alipay-sign';
import { ALIPAY_SIM_APP_ID, alipaySimAppKeys, alipaySimPlatformKeys } from '../alipay/sim-keys';
import { simOrRemote } from '../shared/sim-or-remote';
import {
  callJson,
  checkMessageShape,
  noticeLimits,
  ok,
  rejected,
  requestLimits,
  retry,
  sendLogged,
  templateFor,
  templateValues,
  type ChannelOptions,
  type RequestLimits,
  type TemplateMap,
} from './channel-kit';

export const ALIPAY_TEMPLATE_METHOD = 'alipay.open.app.mini.templatemessage.send';
export const ALIPAY_TEMPLATE_RESPONSE_KEY = 'alipay_open_app_mini_templatemessage_send_response';

const ResultNode = z.object({
  code: z.union([z.string().max(32), z.number()]).transform(String),
  msg: z.string().max(512).optional(),
  sub_code: z.string().max(256).optional(),
});

export interface AlipayTemplateChannelOptions extends ChannelOptions {
  /** Full gateway URL, e.g. https://openapi.alipay.com/gateway.do */
  gateway: string;
  appId: string;
  /** PKCS#8 PEM of the app's RSA2 private key. */
  privateKeyPem: string;
  /**
   * The Alipay public key (SPKI PEM) that checks reply signatures. Absent: replies are not
   * verified (a warning is logged when the channel is built).
   */
  alipayPublicKeyPem?: string;
  /** Per notice kind: user_template_id and ourFieldLabel → keywordN. */
  templates: TemplateMap;
  /** Default 20. */
  maxValueChars?: number;
  /** Supplies the API's form_id for a message when the caller has one. */
  formIdOf?: (message: OutboundMessage) => string | undefined;
}

export class AlipayTemplateChannel implements NoticeChannel {
  readonly name = 'alipay' as const;
  private readonly privateKey: KeyObject;
  private readonly alipayPublicKey: KeyObject | undefined;
  private readonly limits: RequestLimits;
  private readonly now: () => number;
  private readonly maxValueChars: number;

  constructor(private readonly opts: AlipayTemplateChannelOptions) {
    // Parse once: a bad key is a startup error, not a failed send.
    try {
      this.privateKey = createPrivateKey(opts.privateKeyPem);
    } catch {
      throw new Error('alipay notices: privateKeyPem is not a usable private key');
    }
    this.alipayPublicKey = alipayPublicKeyOf(opts.alipayPublicKeyPem, 'alipay notices', opts.logger);
    this.limits = requestLimits(opts);
    this.now = opts.now ?? Date.now;
    this.maxValueChars = opts.maxValueChars ?? 20;
  }

  send(message: OutboundMessage): Promise<SendResult> {
    return sendLogged('alipay', String(message?.kind), this.opts.logger, () => this.deliver(message));
  }

  private async deliver(message: OutboundMessage): Promise<SendResult> {
    const bad = checkMessageShape(message);
    if (bad) return rejected(bad);
    const spec = templateFor(this.opts.templates, message.kind);
    if (!spec) return rejected('no-template');
    const values = templateValues(message, spec, () => this.maxValueChars);
    const data = Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value }]));
    const formId = this.opts.formIdOf?.(message);
    const bizContent = JSON.stringify({
      to_user_id: message.recipient,
      user_template_id: spec.templateId,
      page: message.link || undefined,
      data: JSON.stringify(data),
      ...(formId ? { form_id: formId } : {}),
    });
    const params = signedGatewayParams(this.opts.appId, ALIPAY_TEMPLATE_METHOD, this.now(), { biz_content: bizContent }, this.privateKey);

    const res = await callJson({
      platform: 'alipay',
      url: this.opts.gateway,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(params).toString(),
      ...this.limits,
    });
    if (!res.ok) return res.result;
    // Signature first: an unproven reply is neither a delivery nor a refusal.
    const reply = openGatewayReply(res.text, ALIPAY_TEMPLATE_RESPONSE_KEY, this.alipayPublicKey);
    if (!reply.ok) return retry(reply.reason);
    const result = ResultNode.safeParse(reply.node);
    if (!result.success) return retry('bad-reply-shape');
    const { code, sub_code: subCode } = result.data;
    if (code === '10000') return ok(null);
    const detail = subCode && /^[A-Za-z0-9_.-]{1,64}$/.test(subCode) ? `${code}:${subCode}` : code;
    if (code === '40004') return rejected(`alipay:${detail}`);
    return retry(`alipay:${detail}`);
  }
}

/**
 * Builds the channel from the `alipay` and proposed `notices` config blocks. In `sim` mode
 * `baseUrlOverride` is the simulator's base URL (posts go to `{baseUrl}/gateway.do`), the
 * process-wide sim app keypair signs and the sim platform key checks replies.
 */
export function createAlipayTemplateChannel(
  cfg: Config['alipay'],
  notices: NoticesConfig,
  baseUrlOverride?: string,
  opts: Omit<AlipayTemplateChannelOptions, 'gateway' | 'appId' | 'privateKeyPem' | 'alipayPublicKeyPem' | 'templates'> = {},
): AlipayTemplateChannel {
  const common = { templates: notices.alipay.templates, ...noticeLimits(notices, opts) };
  return simOrRemote('alipay notices', cfg, baseUrlOverride, {
    sim: (base) =>
      new AlipayTemplateChannel({
        ...common,
        gateway: gatewayAt(base),
        appId: ALIPAY_SIM_APP_ID,
        privateKeyPem: alipaySimAppKeys().privateKeyPem,
        alipayPublicKeyPem: alipaySimPlatformKeys().publicKeyPem,
      }),
    remote: (remote, base) =>
      new AlipayTemplateChannel({
        ...common,
        gateway: base ? gatewayAt(base) : remote.gateway,
        appId: remote.appId,
        privateKeyPem: remote.privateKeyPem,
        ...(remote.alipayPublicKeyPem ? { alipayPublicKeyPem: remote.alipayPublicKeyPem } : {}),
      }),
  });
}
